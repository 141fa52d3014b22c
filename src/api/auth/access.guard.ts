import { createHash, timingSafeEqual } from 'node:crypto';
import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import type { Request } from 'express';
import type { GraphQLResolveInfo } from 'graphql';
import { AppConfigService } from '../../storage/config/app-config.service';
import type { GqlContext } from '../graphql/context/context';
import { ACCESS_KEY, type HttpAccess } from './access.decorators';
import { AccessChecker } from './access-checker';
import { authorise, type Principal } from '../../case/auth/policy';
import { AUTHENTICATION_MESSAGES, bearerOf, TokensService } from '../../case/auth/tokens.service';

/**
 * The one place requests are let in or turned away: every GraphQL root field by the policy's
 * table, every HTTP endpoint by its @Access. Nested fields run only under an allowed root.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokensService,
    private readonly checker: AccessChecker,
    private readonly config: AppConfigService,
  ) {}

  canActivate(context: ExecutionContext): Promise<boolean> | boolean {
    return context.getType<GqlContextType>() === 'graphql'
      ? this.checkGraphQL(GqlExecutionContext.create(context))
      : this.checkHttp(context);
  }

  private async checkGraphQL(context: GqlExecutionContext): Promise<boolean> {
    const info = context.getInfo<GraphQLResolveInfo>();
    // Subscriptions are checked as they start, by the WebSocket server (subscription-access.ts).
    if (info.parentType.name === 'Subscription') return true;
    const { auth, reports } = context.getContext<GqlContext>();
    await this.checker.check(
      auth,
      `${info.parentType.name}.${info.fieldName}`,
      context.getArgs(),
      (key) => reports.idOf(key),
    );
    return true;
  }

  private async checkHttp(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<HttpAccess | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (access === 'public') return true;
    if (access === undefined) throw new ForbiddenException('no access rule covers this endpoint');
    const req = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const token = bearerOf(req.headers.authorization);
    // The static machine tokens of the environment (HOOK_TOKEN, METRICS_TOKEN) still work.
    const staticToken = access === 'hook' ? this.config.hook.token : this.config.metricsToken;
    if (token && staticToken && sameSecret(token, staticToken)) return true;
    const principal = await this.tokens.authenticate(token);
    if (typeof principal === 'string') {
      throw new UnauthorizedException(AUTHENTICATION_MESSAGES[principal]);
    }
    const decision = authorise(principal, { permission: access });
    if (!decision.allowed) throw new ForbiddenException(decision.reason);
    req.principal = principal;
    return true;
  }
}

/** Constant-time comparison of equal-length digests: leaks neither the secret nor its length. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
