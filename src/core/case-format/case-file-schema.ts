import { z } from 'zod';
import {
  CLAIM_KINDS,
  EVIDENCE_SCOPES,
  EVIDENCE_STATUSES,
  MITIGATION_KINDS,
  MITIGATION_STATUSES,
  MAX_EFFORT,
  MAX_LENGTH,
  REPORT_STATES,
  STEP_ACTIONS,
} from '../case-model/case';
import { DURATION_HINT, parseDuration } from '../case-model/duration';

export const CASE_FORMAT = 'loadbearing/v1';

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, {
    error: (issue) =>
      `unknown value ${JSON.stringify(issue.input)}; expected one of ${values.join(', ')}`,
  });

const text = (max: number) =>
  z
    .string({ error: 'must be a string' })
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` });

// Keys are checked against KEY_PATTERN by validateCase, so files and mutations share one message.
const key = z.string({ error: 'must be a string' }).max(MAX_LENGTH.key, {
  error: `must be at most ${MAX_LENGTH.key} characters`,
});
const keyList = z.array(key, { error: 'must be a list of keys' }).nullish();

const requires = z.union(
  [z.literal('all'), z.literal('any'), z.strictObject({ atLeast: z.int() })],
  {
    error: 'must be all, any or {atLeast: K} with K an integer',
  },
);

/** Only tokens with clearance read the node's text; its key and links stay visible. */
const restricted = z.boolean({ error: 'must be true or false' }).nullish();

/** Lineage: the keys of the previous report's nodes this node replaces. */
const previousKeys = keyList;

const effort = z
  .number({ error: 'must be a number' })
  .min(0, { error: 'must not be negative' })
  .refine(Number.isFinite, { error: 'must be finite' })
  .max(MAX_EFFORT, { error: `must be at most ${MAX_EFFORT}` })
  .nullish();

const reportSchema = z.strictObject({
  key,
  title: text(MAX_LENGTH.title),
  model: text(MAX_LENGTH.name).nullish(),
  previous: key.nullish(),
  description: text(MAX_LENGTH.description).nullish(),
  state: oneOf(REPORT_STATES).nullish(),
});

const teamSchema = z.strictObject({ key, name: text(MAX_LENGTH.name).nullish() });

const pathwaySchema = z.strictObject({
  key,
  title: text(MAX_LENGTH.title),
  description: text(MAX_LENGTH.description).nullish(),
  restricted,
  previousKeys,
  requires: requires.nullish(),
  supports: keyList,
});

const claimSchema = z.strictObject({
  key,
  statement: text(MAX_LENGTH.statement),
  kind: oneOf(CLAIM_KINDS).nullish(),
  description: text(MAX_LENGTH.description).nullish(),
  restricted,
  previousKeys,
  requires: requires.nullish(),
  supports: keyList,
  assumed: z.boolean({ error: 'must be true or false' }).nullish(),
});

/** SPEC §3.6: the chance that the basic event occurs. */
const probability = z
  .number({ error: 'must be a number from 0 to 1' })
  .min(0, { error: 'must be from 0 to 1' })
  .max(1, { error: 'must be from 0 to 1' })
  .nullish();

/** A date or date-time, normalised by the parser; validation says when it is not one. */
const instantText = z
  .string({ error: 'must be a date or date-time, e.g. 2026-12-31 or 2026-12-31T17:00:00Z' })
  // As long as a key: far more than any ISO date-time needs.
  .max(MAX_LENGTH.key, { error: `must be at most ${MAX_LENGTH.key} characters` });
const instant = instantText.nullish();

/** `30s`, `5m`, `2h`, `3d`: read to seconds by the parser. */
const duration = z
  .string({ error: DURATION_HINT })
  .refine((text) => parseDuration(text) !== null, { error: DURATION_HINT });

const mitigationSchema = z.strictObject({
  key,
  title: text(MAX_LENGTH.title),
  kind: oneOf(MITIGATION_KINDS).nullish(),
  description: text(MAX_LENGTH.description).nullish(),
  restricted,
  previousKeys,
  team: key.nullish(),
  status: oneOf(MITIGATION_STATUSES),
  dependsOn: keyList,
  effort,
  probability,
  verifyEvery: duration.nullish(),
  lastVerified: instant,
});

const evidenceSchema = z.strictObject({
  key,
  title: text(MAX_LENGTH.title),
  description: text(MAX_LENGTH.description).nullish(),
  restricted,
  previousKeys,
  status: oneOf(EVIDENCE_STATUSES),
  validUntil: instant,
  probability,
  scope: oneOf(EVIDENCE_SCOPES).nullish(),
  effort,
});

const stepSchema = z.strictObject({
  mitigation: key,
  team: key.nullish(),
  action: oneOf(STEP_ACTIONS),
  latency: duration,
  automatic: z.boolean({ error: 'must be true or false' }).nullish(),
  paged: z.boolean({ error: 'must be true or false' }).nullish(),
  confirmed: z
    .strictObject({
      by: text(MAX_LENGTH.name),
      at: instantText,
      note: text(MAX_LENGTH.description).nullish(),
    })
    .nullish(),
});

const chainSchema = z.strictObject({
  steps: z.array(stepSchema, { error: 'must be a list of steps' }),
});

const scenarioSchema = z.strictObject({
  key,
  pathway: key,
  title: text(MAX_LENGTH.title),
  description: text(MAX_LENGTH.description).nullish(),
  timeToHarm: duration,
  chains: z.array(chainSchema, { error: 'must be a list of chains' }).nullish(),
});

const list = <T extends z.ZodType>(item: T) => z.array(item, { error: 'must be a list' }).nullish();

export const caseFileSchema = z.strictObject({
  format: z.literal(CASE_FORMAT, { error: `must be ${CASE_FORMAT}` }),
  report: reportSchema,
  teams: list(teamSchema),
  pathways: list(pathwaySchema),
  claims: list(claimSchema),
  mitigations: list(mitigationSchema),
  evidence: list(evidenceSchema),
  scenarios: list(scenarioSchema),
});

export type CaseFile = z.infer<typeof caseFileSchema>;
