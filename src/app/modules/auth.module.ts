import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CaseGraphModule } from './case-graph.module';
import { AccessChecker } from '../../api/auth/access-checker';
import { AccessGuard } from '../../api/auth/access.guard';
import { AccessTokensResolver } from '../../api/graphql/resolvers/access-tokens.resolver';
import { FirstAdminToken } from '../../case/auth/first-admin-token';
import { TokensService } from '../../case/auth/tokens.service';
import { TeamTokenCache } from '../../case/cases/team-removal';

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
    { provide: TeamTokenCache, useExisting: TokensService },
  ],
  exports: [TokensService, AccessChecker, TeamTokenCache],
})
export class AuthModule {}
