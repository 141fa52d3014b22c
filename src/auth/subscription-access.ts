import {
  getOperationAST,
  GraphQLError,
  Kind,
  OperationTypeNode,
  parse,
  valueFromASTUntyped,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import { DomainError } from '../common/domain-error';
import { apiCodeOf } from '../graphql/error-mapping';
import { badRequest, checkQueryLimits, QUERY_LIMITS } from '../graphql/query-limits.plugin';
import type { AccessChecker } from './access-checker';
import { RequestAuth } from './request-auth';
import type { TokensService } from './tokens.service';

/**
 * graphql-ws's onSubscribe: checks each operation over WebSocket before it starts, as HTTP ones
 * are: the document limits (QUERY_LIMITS, argument lengths), then the policy. (Nest runs guards
 * on subscriptions too, but a refusal there never reaches the client: its filtered async
 * iterator swallows the rejection.) Returns the errors to send, or nothing to go on.
 */
export async function checkSubscription(
  checker: AccessChecker,
  tokens: TokensService,
  schema: GraphQLSchema,
  connectionParams: Readonly<Record<string, unknown>> | undefined,
  payload: SubscribePayload,
): Promise<readonly GraphQLError[] | void> {
  let document: DocumentNode;
  try {
    document = parse(payload.query, { maxTokens: QUERY_LIMITS.maxTokens });
  } catch (e) {
    // A syntax error graphql-ws reports itself; a document over the token limit is refused here.
    if (e instanceof GraphQLError && /tokens\. Parsing aborted/.test(e.message)) {
      return [badRequest(e.message)];
    }
    return;
  }
  const operation = getOperationAST(document, payload.operationName);
  if (!operation) return;
  try {
    checkQueryLimits(schema, document, operation, payload.variables ?? undefined);
  } catch (e) {
    if (e instanceof GraphQLError) return [e];
    throw e;
  }
  const auth = new RequestAuth(tokens, authorizationParam(connectionParams));
  const rootType =
    operation.operation === OperationTypeNode.SUBSCRIPTION ? 'Subscription' : 'Query';
  try {
    for (const selection of operation.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD || selection.name.value.startsWith('__')) continue;
      const args = Object.fromEntries(
        (selection.arguments ?? []).map((arg) => [
          arg.name.value,
          valueFromASTUntyped(arg.value, payload.variables ?? undefined),
        ]),
      );
      await checker.check(auth, `${rootType}.${selection.name.value}`, args);
    }
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return [new GraphQLError(e.message, { extensions: { code: apiCodeOf(e.code) } })];
  }
}

/** The `authorization` connection parameter (browsers cannot set headers on a WebSocket). */
export function authorizationParam(
  params: Readonly<Record<string, unknown>> | undefined,
): string | undefined {
  const value = params?.authorization ?? params?.Authorization;
  return typeof value === 'string' ? value : undefined;
}
