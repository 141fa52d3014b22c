import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { catchError, from, mergeMap, throwError, type Observable } from 'rxjs';
import { errorCodeOf } from '../shared/error-mapping';
import type { GqlContext } from '../context/context';
import { AuditService } from '../../../case/audit/audit.service';

/**
 * Records every GraphQL mutation that got past the guard before it runs, and its outcome once it
 * has finished. (Refusals are recorded by the access check itself.)
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(private readonly audit: AuditService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<'graphql'>() !== 'graphql') return next.handle();
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<GraphQLResolveInfo>();
    if (info.parentType.name !== 'Mutation') return next.handle();
    const { auth } = gql.getContext<GqlContext>();
    const begin = async () =>
      this.audit.begin({
        principal: await auth.principal(),
        operation: info.fieldName,
        args: gql.getArgs(),
      });
    // The handler runs when next.handle() is subscribed to: after the entry is written.
    return from(begin()).pipe(
      mergeMap((seq) =>
        next.handle().pipe(
          mergeMap((result: unknown) => from(this.audit.finish(seq, 'ok').then(() => result))),
          catchError((error: unknown) =>
            from(this.audit.finish(seq, errorCodeOf(error))).pipe(
              mergeMap(() => throwError(() => error)),
            ),
          ),
        ),
      ),
    );
  }
}
