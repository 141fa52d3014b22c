import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { tap, type Observable } from 'rxjs';
import type { GqlContext } from '../context/context';

/**
 * GraphQL runs a request's mutations one after another on one context. After each, forget what
 * the request's memos of reports, analyses and history hold, so that the mutation's own selection and the
 * mutations after it read what was just written. Applies to root fields only (Nest does not run
 * interceptors on field resolvers), and does nothing for queries.
 */
@Injectable()
export class FreshAfterWriteInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<'graphql'>() !== 'graphql') return next.handle();
    const gql = GqlExecutionContext.create(context);
    if (gql.getInfo<{ parentType: { name: string } }>().parentType.name !== 'Mutation') {
      return next.handle();
    }
    const ctx = gql.getContext<GqlContext>();
    const forget = () => {
      ctx.reports.clear();
      ctx.history.clearAll();
      ctx.analyses.clear();
    };
    return next.handle().pipe(tap({ next: forget, error: forget }));
  }
}
