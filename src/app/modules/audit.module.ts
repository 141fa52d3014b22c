import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditInterceptor } from '../../api/graphql/resolvers/audit.interceptor';
import { AuditResolver } from '../../api/graphql/resolvers/audit.resolver';
import { AuditService } from '../../case/audit/audit.service';

/** The audit log of mutations. */
@Global()
@Module({
  providers: [
    AuditService,
    AuditResolver,
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
  ],
  exports: [AuditService],
})
export class AuditModule {}
