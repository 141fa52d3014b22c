import {
  getOperationAST,
  GraphQLError,
  Kind,
  OperationTypeNode,
  parse,
  valueFromASTUntyped,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
} from 'graphql';
// graphql-js's own field collection (fragments, @skip/@include), as the executor runs it.
import { collectFields } from 'graphql/execution/collectFields';
import type { SubscribePayload } from 'graphql-ws';
import { DomainError } from '../../core/shared/domain-error';
import { apiCodeOf } from '../graphql/shared/error-mapping';
import { badRequest, checkQueryLimits, QUERY_LIMITS } from '../graphql/shared/query-limits.plugin';
import type { AccessChecker } from './access-checker';
import { RequestAuth } from '../../case/auth/request-auth';
import type { TokensService } from '../../case/auth/tokens.service';

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
  const root = {
    [OperationTypeNode.QUERY]: schema.getQueryType(),
    [OperationTypeNode.MUTATION]: schema.getMutationType(),
    [OperationTypeNode.SUBSCRIPTION]: schema.getSubscriptionType(),
  }[operation.operation];
  if (!root) return;
  // Every root field, as the executor will see it: through fragments and inline fragments too.
  const fragments = Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const variables = payload.variables ?? {};
  const fields = collectFields(schema, fragments, variables, root, operation.selectionSet);
  try {
    for (const field of [...fields.values()].flat()) {
      if (field.name.value.startsWith('__')) continue;
      const args = Object.fromEntries(
        (field.arguments ?? []).map((arg) => [
          arg.name.value,
          valueFromASTUntyped(arg.value, variables),
        ]),
      );
      await checker.check(auth, `${root.name}.${field.name.value}`, args);
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
