import type {
  ApolloServerPlugin,
  BaseContext,
  GraphQLRequestContextDidResolveOperation,
  GraphQLRequestListener,
} from '@apollo/server';
import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  GraphQLError,
  isListType,
  Kind,
  getVariableValues,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { MAX_LENGTH } from '../../../core/case-model/case';

/**
 * Limits on what one GraphQL document may ask for, checked before it runs (README, Limits).
 * - maxDepth: fields along the deepest path, leaf included (the benchmark's fully nested report
 *   query has depth 5).
 * - maxFields: field selections, counted where fragments are spread (the document's sheer size).
 * - maxAliases: aliased fields, counted the same way: aliases are how one document asks for the
 *   same expensive field many times; the dashboard uses none.
 * - maxCost: an estimate of the answer's size: each field costs 1, and a list's selection counts
 *   `listSize` times, or `limit` times when the field is given a smaller `limit`. So lists nested
 *   four deep pass and five deep do not (unless paged): the benchmark's query for every node of
 *   a report with its links costs about 3,400, the dashboard's largest about 4,600, a report's
 *   pathways with their supports three levels down about 24,000; a walk up and down the
 *   argument graph five lists deep, whose answer grows with the fan-out to the fifth, is refused.
 * - maxTokens: the parser stops after this many tokens (a 16 MB document of `{ a a a … }` would
 *   otherwise be parsed into millions of nodes before any limit is checked).
 */
export const QUERY_LIMITS = {
  maxDepth: 12,
  maxFields: 2000,
  maxAliases: 30,
  maxCost: 50_000,
  listSize: 10,
  maxTokens: 50_000,
} as const;

/**
 * The longest value of a String or ID argument (or of each string of a list argument), by
 * argument name. Every other one is a key (`report`, `key`, `to`, `support`, `pathway`, `failed`,
 * …) or a token id: MAX_LENGTH.key. Input objects' fields have theirs in their DTOs
 * (class-validator). `document` is not limited here: parseCaseFile refuses a case file over
 * MAX_DOCUMENT_BYTES with an issue like any other, so importCase, checkCase and the CLI agree.
 */
export const MAX_ARGUMENT_LENGTH: Readonly<Record<string, number>> = {
  note: MAX_LENGTH.note,
  document: Infinity,
  // cloneReport's new title and model.
  title: MAX_LENGTH.title,
  model: MAX_LENGTH.name,
  // A reply in a finding's thread (replyToFinding).
  body: MAX_LENGTH.description,
};

/**
 * Refuses, with BAD_USER_INPUT and HTTP 400, before anything runs (the access check included):
 * documents beyond QUERY_LIMITS, and arguments too long or with characters PostgreSQL cannot
 * store (checkArguments). For HTTP requests; subscriptions are checked by checkSubscription.
 */
export function queryLimitsPlugin(): ApolloServerPlugin {
  const listener: GraphQLRequestListener<BaseContext> = {
    // A throw in the executor rejects: Apollo answers with the error and runs nothing.
    didResolveOperation: (ctx) => new Promise<void>((resolve) => resolve(checkLimits(ctx))),
  };
  return { requestDidStart: () => Promise.resolve(listener) };
}

/** A refusal of the request as a whole: BAD_USER_INPUT with HTTP status 400, not Apollo's 500. */
export function badRequest(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
  });
}

function checkLimits({
  request,
  document,
  operation,
  schema,
}: GraphQLRequestContextDidResolveOperation<BaseContext>): void {
  if (!operation) return; // Apollo has refused the request already
  checkQueryLimits(schema, document, operation, request.variables);
}

/**
 * Throws a BAD_USER_INPUT GraphQLError naming the first limit the operation exceeds. What does
 * not depend on the variables is worked out once per operation (planOf); the rest per request.
 */
export function checkQueryLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables?: Record<string, unknown>,
): void {
  const plan = planOf(schema, document, operation);
  if (plan.refusal) throw badRequest(plan.refusal);
  // Bad variables, as the executor would refuse them (and before the cost, which reads them).
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  if (coerced.errors) throw badRequest(coerced.errors[0].message);
  let cost = plan.cost;
  if (cost === undefined) {
    try {
      cost = queryCost(schema, document, operation.name?.value, variables);
    } catch (e) {
      // Bad arguments (which the executor would refuse the same way) or too many nodes.
      throw badRequest(e instanceof Error ? e.message : String(e));
    }
    if (!plan.costVaries) plan.cost = cost;
  }
  if (cost > QUERY_LIMITS.maxCost) {
    throw badRequest(
      `query has an estimated cost of ${cost}; at most ${QUERY_LIMITS.maxCost} is allowed ` +
        `(each field costs 1, a list's fields count ${QUERY_LIMITS.listSize} times, or limit times with a smaller limit)`,
    );
  }
  for (const check of plan.argumentChecks) {
    if ('refusal' in check) throw badRequest(check.refusal);
    checkFieldArguments(check.field, check.node, coerced.coerced);
  }
}

/** What checkQueryLimits finds of an operation whatever its variables. */
interface OperationPlan {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  /** A refusal whatever the variables: a limit on depth, fields or aliases exceeded. */
  readonly refusal?: string;
  /** Whether a variable can change the cost: a `limit` or a directive (`@skip`...) takes one. */
  readonly costVaries: boolean;
  /** The cost, once computed, when no variable can change it. */
  cost?: number;
  /**
   * In document order: the fields whose arguments take variables (checked per request), and the
   * first refusal of an argument that takes none, if any (nothing after it is reached).
   */
  readonly argumentChecks: readonly ArgumentCheck[];
}

type ArgumentCheck =
  | { readonly field: GraphQLField<unknown, unknown>; readonly node: FieldNode }
  | { readonly refusal: string };

/**
 * Plans by operation. Apollo keeps the documents it has parsed and validated in its
 * documentStore (an LRU of about 30 MiB) and hands out the same objects when the same text comes
 * again, so the load test's few documents find their plans; a WeakMap holds a plan no longer
 * than its document is held, which bounds it with that store.
 */
const plans = new WeakMap<OperationDefinitionNode, OperationPlan>();

function planOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): OperationPlan {
  let plan = plans.get(operation);
  if (plan?.schema !== schema || plan.document !== document) {
    plan = makePlan(schema, document, operation);
    plans.set(operation, plan);
  }
  return plan;
}

function makePlan(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): OperationPlan {
  const size = measure(document, operation.selectionSet);
  const refusal = sizeRefusal(size);
  if (refusal) return { schema, document, refusal, costVaries: false, argumentChecks: [] };
  let costVaries = false;
  const argumentChecks: ArgumentCheck[] = [];
  let refused = false;
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      // Only this operation's variables are known: skip the document's other operations.
      OperationDefinition: (node) => (node === operation ? undefined : false),
      // The estimator reads `limit`; getComplexity evaluates `@skip` and `@include`.
      Argument: (node) => {
        if (node.name.value === 'limit' && hasVariable(node.value)) costVaries = true;
      },
      Directive: (node) => {
        if (node.arguments?.some((arg) => hasVariable(arg.value))) costVaries = true;
      },
      Field: (node) => {
        const field = typeInfo.getFieldDef();
        if (refused || !field || field.args.length === 0) return;
        if (node.arguments?.some((arg) => hasVariable(arg.value))) {
          argumentChecks.push({ field, node });
          return;
        }
        try {
          checkFieldArguments(field, node, {});
        } catch (e) {
          argumentChecks.push({ refusal: e instanceof Error ? e.message : String(e) });
          refused = true;
        }
      },
    }),
  );
  return { schema, document, costVaries, argumentChecks };
}

function sizeRefusal({ depth, fields, aliases }: Size): string | undefined {
  const { maxDepth, maxFields, maxAliases } = QUERY_LIMITS;
  if (depth > maxDepth) {
    return `query is nested ${depth} levels deep; at most ${maxDepth} are allowed`;
  }
  if (fields > maxFields) {
    return `query selects ${fields} fields; at most ${maxFields} are allowed`;
  }
  if (aliases > maxAliases) {
    return `query has ${aliases} aliased fields; at most ${maxAliases} are allowed`;
  }
  return undefined;
}

function hasVariable(value: ValueNode): boolean {
  if (value.kind === Kind.VARIABLE) return true;
  if (value.kind === Kind.LIST) return value.values.some(hasVariable);
  if (value.kind === Kind.OBJECT) return value.fields.some((f) => hasVariable(f.value));
  return false;
}

/**
 * Refuses, on a field of the operation (fragments included), literal or variable, before the
 * access check or a resolver sees it: a String or ID argument longer than MAX_ARGUMENT_LENGTH
 * allows, and in any string of any argument (input objects and case files included) a NUL
 * character (U+0000) or an unpaired surrogate: PostgreSQL stores neither in text or JSON, so
 * such a value would fail a write (a 500) or the audit log's record of it.
 */
function checkFieldArguments(
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  variables: Record<string, unknown>,
): void {
  let values: Record<string, unknown>;
  try {
    values = getArgumentValues(field, node, variables);
  } catch (e) {
    // Validation has passed, so this should not happen; if it does, it is the client's.
    throw badRequest(e instanceof Error ? e.message : String(e));
  }
  for (const arg of field.args) {
    const value = values[arg.name];
    refuseUnstorable(value, arg.name);
    if (!['String', 'ID'].includes(getNamedType(arg.type).name)) continue;
    const max = MAX_ARGUMENT_LENGTH[arg.name] ?? MAX_LENGTH.key;
    const tooLong = (v: unknown) => typeof v === 'string' && v.length > max;
    if (tooLong(value) || (Array.isArray(value) && value.some(tooLong))) {
      const what = Array.isArray(value) ? `each entry of ${arg.name}` : arg.name;
      throw badRequest(`${what} must be at most ${max} characters`);
    }
  }
}

/** A lone high surrogate, or a low one without its high half. */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function refuseUnstorable(value: unknown, path: string): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) {
      throw badRequest(`${path} must not contain NUL (U+0000) characters`);
    }
    if (UNPAIRED_SURROGATE.test(value)) {
      throw badRequest(`${path} must be valid Unicode: it has an unpaired surrogate`);
    }
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => refuseUnstorable(v, `${path}[${i}]`));
  } else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) refuseUnstorable(v, `${path}.${k}`);
  }
}

/** The estimated cost of an operation (QUERY_LIMITS.maxCost); throws on bad variables. */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName?: string,
  variables?: Record<string, unknown>,
): number {
  return getComplexity({
    schema,
    operationName,
    query: document,
    variables,
    estimators: [listEstimator],
    // Fields are already bounded; this bounds fragments and inline fragments too.
    maxQueryNodes: 4 * QUERY_LIMITS.maxFields,
  });
}

/**
 * Each field 1, plus its selection's cost times the number of items a list is assumed to hold.
 * Of the arguments it reads only `limit`: makePlan assumes so when it caches a cost.
 */
const listEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (!isListType(getNullableType(field.type))) return 1 + childComplexity;
  const limit: unknown = args.limit;
  const items =
    typeof limit === 'number' && limit >= 0
      ? Math.min(limit, QUERY_LIMITS.listSize)
      : QUERY_LIMITS.listSize;
  return 1 + items * childComplexity;
};

interface Size {
  /** The deepest path's fields. */
  depth: number;
  fields: number;
  aliases: number;
}

/**
 * Depth, fields and aliases of an operation, following fragment spreads where they are spread
 * (validation has already refused unknown fragments and cycles). Each fragment is measured once,
 * so a chain of fragments each spreading the next twice costs linear time, not exponential.
 */
function measure(document: DocumentNode, operation: SelectionSetNode): Size {
  const fragments = new Map<string, SelectionSetNode>();
  for (const d of document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d.selectionSet);
  }
  const measured = new Map<string, Size>();
  const none: Size = { depth: 0, fields: 0, aliases: 0 };
  const fragment = (name: string): Size => {
    let size = measured.get(name);
    if (!size) {
      measured.set(name, none); // a cycle (refused by validation anyway) counts nothing
      const set = fragments.get(name);
      size = set ? walk(set) : none;
      measured.set(name, size);
    }
    return size;
  };
  const walk = (set: SelectionSetNode): Size => {
    const total: Size = { depth: 0, fields: 0, aliases: 0 };
    for (const selection of set.selections) {
      let part: Size;
      if (selection.kind === Kind.FIELD) {
        const below = selection.selectionSet ? walk(selection.selectionSet) : none;
        part = {
          depth: below.depth + 1,
          fields: below.fields + 1,
          aliases: below.aliases + (selection.alias ? 1 : 0),
        };
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        part = fragment(selection.name.value);
      } else {
        part = walk(selection.selectionSet);
      }
      total.depth = Math.max(total.depth, part.depth);
      total.fields += part.fields;
      total.aliases += part.aliases;
    }
    return total;
  };
  return walk(operation);
}
