import {
  defaultFieldResolver,
  GraphQLObjectType,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import type { RequestAuth } from '../../../case/auth/request-auth';
import type { StatusChange } from '../models/status-change.model';
import type { GqlContext } from '../context/context';
import { REDACTED } from '../../../core/case-model/redact-case';
import { viewOf } from '../models/case-view';

/** What a token without clearance reads instead of a restricted node's title or statement. */

/** The text fields of each node type, and what they read as when redacted. */
const NODE_TEXT_FIELDS: Record<string, Record<string, string | null>> = {
  Pathway: { title: REDACTED, description: null },
  Claim: { statement: REDACTED, description: null },
  Mitigation: { title: REDACTED, description: null },
  Evidence: { title: REDACTED, description: null },
  // Restricted with the pathway it illustrates.
  Scenario: { title: REDACTED, description: null },
  // What a team said about a step of such a scenario.
  StepConfirmation: { note: null },
  // A review's words about a restricted node (or link) tell of its text.
  Finding: { body: REDACTED },
  FindingReply: { body: REDACTED },
  ReviewShare: { title: REDACTED, location: REDACTED },
  InformationRequest: { question: REDACTED, answer: REDACTED },
};

/** Whether the request's token may read restricted text (memoised per request by RequestAuth). */
export async function hasClearance(auth: RequestAuth): Promise<boolean> {
  const principal = await auth.resolve();
  return typeof principal !== 'string' && principal.clearance;
}

/**
 * Redaction, in one place: wraps the resolvers of every field that carries a node's text, so
 * that whatever path reaches a restricted node (nested reads, node(key), analyses, roadmap,
 * history, subscriptions) answers its key and place but not its text to a token without
 * clearance. Unrestricted nodes resolve as before, without a promise.
 */
export function attachRedaction(schema: GraphQLSchema): GraphQLSchema {
  for (const [typeName, fields] of Object.entries(NODE_TEXT_FIELDS)) {
    for (const [fieldName, redacted] of Object.entries(fields)) {
      // Text that is not there (an answer not yet given) stays null: nothing to hide.
      wrap(schema, typeName, fieldName, (source: { restricted?: boolean }, ctx, resolve) =>
        source.restricted
          ? hasClearance(ctx.auth).then(async (clear) => {
              const value = await resolve();
              return clear || value === null || value === undefined ? value : redacted;
            })
          : resolve(),
      );
    }
  }
  // A note of a restricted node's status change; a node since deleted counts as restricted.
  wrap(schema, 'StatusChange', 'note', (change: StatusChange, ctx, resolve) =>
    change.note === null
      ? null
      : hasClearance(ctx.auth).then(async (clear) => {
          if (clear) return resolve();
          const view = viewOf((await ctx.reports.get({ id: change.reportId })).version);
          return view.hidesAny([change.key]) ? null : resolve();
        }),
  );
  return schema;
}

function wrap<S>(
  schema: GraphQLSchema,
  typeName: string,
  fieldName: string,
  redact: (source: S, ctx: GqlContext, resolve: () => unknown) => unknown,
): void {
  const type = schema.getType(typeName);
  const field = type instanceof GraphQLObjectType ? type.getFields()[fieldName] : undefined;
  if (!field) throw new Error(`redaction: no field ${typeName}.${fieldName}`);
  const original: GraphQLFieldResolver<S, GqlContext> = field.resolve ?? defaultFieldResolver;
  field.resolve = (source: S, args, ctx: GqlContext, info) =>
    redact(source, ctx, () => original(source, args, ctx, info));
}
