import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CaseGraphModule } from '../case-graph/case-graph.module';
import { AccessChecker } from './access-checker';
import { AccessGuard } from './access.guard';
import { AccessTokensResolver } from './access-tokens.resolver';
import { FirstAdminToken } from './first-admin-token';
import { TokensService } from './tokens.service';

/** Bearer tokens, the access policy and the guard that applies it to every request. */
@Global()
@Module({
  imports: [CaseGraphModule],
  providers: [
    TokensService,
    AccessChecker,
    AccessTokensResolver,
    FirstAdminToken,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [TokensService, AccessChecker],
})
export class AuthModule {}
