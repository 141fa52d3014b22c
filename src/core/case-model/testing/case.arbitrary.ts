import fc from 'fast-check';
import {
  CLAIM_KINDS,
  EVIDENCE_STATUSES,
  KEY_PATTERN,
  MAX_EFFORT,
  MITIGATION_KINDS,
  MITIGATION_STATUSES,
  REPORT_STATES,
  STEP_ACTIONS,
  type Case,
  type CaseScenario,
  type CaseStep,
  type CaseClaim,
  type CaseEvidence,
  type CaseMitigation,
  type CasePathway,
  type CaseReport,
  type CaseTeam,
  type MitigationStatus,
  type Requirement,
} from '../case';
import { MAX_DURATION_SECONDS } from '../duration';

/**
 * Keys that are valid under KEY_PATTERN but that YAML would read as something other than a
 * string if written plain (null, booleans, numbers in several notations).
 */
const TRICKY_KEYS = [
  'null',
  'true',
  'false',
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  '0',
  '1',
  '007',
  '123',
  '1.5',
  '2.5',
  '1e3',
  '0.5e-3',
  '1_000',
  '0x1f',
  '0o17',
  'nan',
  'inf',
  '2025-01-01',
  '12.30.45',
  'a',
  'a-b.c_d',
];

/** Pieces of text that YAML treats specially, or that stress quoting and line handling. */
const TRICKY_TEXT = [
  ':',
  ': ',
  'a: b',
  '#',
  ' #',
  '# not a comment',
  '"',
  "'",
  "it's",
  '\\',
  '\n',
  '\n\n',
  ' \n',
  '\r\n',
  '\t',
  ' ',
  '- ',
  '? ',
  '[',
  ']',
  '{',
  '}',
  ',',
  '&a',
  '*a',
  '!',
  '!!str',
  '|',
  '>',
  '%',
  '@',
  '`',
  '---',
  '...',
  '<<',
  'null',
  'true',
  '~',
  '0',
  '2.5',
  '0x1F',
  'é',
  'ß',
  '日本語',
  'עברית',
  '🚀',
  '👩‍💻',
  '\u00a0',
  '\u0085',
  '\u2028',
  '\ufeff',
  '\u0007',
  '\u001b',
];

// Building these arbitraries is costly (regex and grapheme tables), so build each once.
let keyArbitrary: fc.Arbitrary<string> | undefined;
const textArbitraries = new Map<number, fc.Arbitrary<string>>();

/** A key matching KEY_PATTERN, often one that YAML would misread if left unquoted. */
/** A node that is restricted one time in four (a case file writes `restricted: true` only). */
function sometimesRestricted<T extends object>(node: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc
    .tuple(node, fc.nat(3), fc.uniqueArray(arbitraryKey(), { minLength: 1, maxLength: 3 }))
    .map(([n, roll, previousKeys]) => {
      const restricted = roll === 0 ? { restricted: true } : {};
      // Lineage one time in four: names of a previous report's nodes, any valid keys.
      const lineage = roll === 1 ? { previousKeys } : {};
      return { ...n, ...restricted, ...lineage };
    });
}

export function arbitraryKey(): fc.Arbitrary<string> {
  keyArbitrary ??= fc.oneof(
    { arbitrary: fc.stringMatching(KEY_PATTERN), weight: 3 },
    { arbitrary: fc.constantFrom(...TRICKY_KEYS), weight: 1 },
  );
  return keyArbitrary;
}

/**
 * A non-empty text of at most `maxLength` UTF-16 units (the schema's measure), without U+0000
 * (which validateCase refuses: PostgreSQL text cannot hold it).
 */
export function arbitraryText(maxLength: number): fc.Arbitrary<string> {
  let arbitrary = textArbitraries.get(maxLength);
  if (!arbitrary) {
    arbitrary = buildText(maxLength);
    textArbitraries.set(maxLength, arbitrary);
  }
  return arbitrary;
}

function buildText(maxLength: number): fc.Arbitrary<string> {
  return fc
    .oneof(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
      fc.string({ unit: fc.constantFrom(...TRICKY_TEXT), minLength: 1, maxLength: 12 }),
      fc
        .array(
          fc.oneof(fc.constantFrom(...TRICKY_TEXT), fc.string({ minLength: 1, maxLength: 8 })),
          {
            minLength: 1,
            maxLength: 8,
          },
        )
        .map((parts) => parts.join('')),
      fc.constantFrom('null', 'true', 'no', '123', '2.5', '-', '~', ' leading', 'trailing ', 'x\n'),
    )
    .filter((s) => s.length >= 1 && s.length <= maxLength && !s.includes('\u0000'));
}

/** Records with Object.prototype, like the parser's output (fc.record may use null prototypes). */
const record = <T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }) =>
  fc.record<T>(model, { noNullPrototype: true });

const optionalText = (maxLength: number) => fc.option(arbitraryText(maxLength), { nil: null });

function arbitraryRequirement(supportCount: number): fc.Arbitrary<Requirement> {
  const all = fc.constant<Requirement>({ mode: 'all' });
  const any = fc.constant<Requirement>({ mode: 'any' });
  if (supportCount === 0) return fc.oneof(all, any);
  return fc.oneof(
    all,
    any,
    fc
      .integer({ min: 1, max: supportCount })
      .map((atLeast): Requirement => ({ mode: 'atLeast', atLeast })),
  );
}

/** Some of `targets`, without repeats, in random order. */
const someOf = (targets: readonly string[], maxLength: number) =>
  fc.shuffledSubarray([...targets], {
    minLength: 0,
    maxLength: Math.min(maxLength, targets.length),
  });

/** A random order of all of `items`. */
const shuffled = <T>(items: readonly T[]) =>
  fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length });

function arbitraryEffort(status: MitigationStatus): fc.Arbitrary<number | null> {
  if (status === 'in_place') return fc.constant(null);
  return fc.oneof(
    fc.constant(null),
    fc.constantFrom(0, 2.5, 8, MAX_EFFORT, 5e-324, 0.1),
    fc.integer({ min: 0, max: 1_000_000 }),
    fc.double({ min: 0, max: MAX_EFFORT, noNaN: true }),
  );
}

export interface ArbitraryCaseOptions {
  readonly maxPathways?: number;
  readonly maxClaims?: number;
  readonly maxMitigations?: number;
  readonly maxEvidence?: number;
  readonly maxTeams?: number;
  /** Default 0: cases as they were before scenarios (most properties are about the argument). */
  readonly maxScenarios?: number;
}

/**
 * Structurally valid cases (no errors under validateCase; warnings are allowed):
 * - node keys match KEY_PATTERN and are unique across pathways, claims, mitigations and evidence;
 *   team keys are unique among teams;
 * - claims support claims, mitigations and evidence without cycles (claims are ranked by a
 *   hidden order and only support claims ranked after them), pathways support any non-pathway;
 * - mitigations depend only on mitigations, without cycles;
 * - supports and dependsOn lists have no repeats; atLeast is within 1..number of supports;
 * - a mitigation's team is null or a declared team; effort is set only when not in_place.
 * Texts mix unicode, quotes, colons, '#', newlines and YAML keywords to stress file quoting.
 */
export function arbitraryCase(options: ArbitraryCaseOptions = {}): fc.Arbitrary<Case> {
  const {
    maxPathways = 3,
    maxClaims = 8,
    maxMitigations = 8,
    maxEvidence = 5,
    maxTeams = 3,
    maxScenarios = 0,
  } = options;
  const counts = record({
    pathways: fc.nat({ max: maxPathways }),
    claims: fc.nat({ max: maxClaims }),
    mitigations: fc.nat({ max: maxMitigations }),
    evidence: fc.nat({ max: maxEvidence }),
    teams: fc.nat({ max: maxTeams }),
    // Drawn only when asked for, so cases without scenarios come out as before.
    scenarios: maxScenarios > 0 ? fc.nat({ max: maxScenarios }) : fc.constant(0),
  });

  return counts.chain((counted) => {
    // A scenario illustrates a pathway, so it needs one.
    const n = { ...counted, scenarios: counted.pathways > 0 ? counted.scenarios : 0 };
    const nodeCount = n.pathways + n.claims + n.mitigations + n.evidence + n.scenarios;
    const keys = record({
      nodes: fc.uniqueArray(arbitraryKey(), { minLength: nodeCount, maxLength: nodeCount }),
      teams: fc.uniqueArray(arbitraryKey(), { minLength: n.teams, maxLength: n.teams }),
    });
    return keys.chain(({ nodes, teams: teamKeys }) => {
      let at = 0;
      const take = (count: number) => nodes.slice(at, (at += count));
      const pathwayKeys = take(n.pathways);
      const claimKeys = take(n.claims); // in rank order: a claim supports only claims after it
      const mitigationKeys = take(n.mitigations); // likewise for dependsOn
      const evidenceKeys = take(n.evidence);
      const scenarioKeys = take(n.scenarios);
      // Scenarios are leaves of the argument: claims and pathways may rest on them.
      const leaves = [...mitigationKeys, ...evidenceKeys, ...scenarioKeys];

      const report: fc.Arbitrary<CaseReport> = record({
        key: arbitraryKey(),
        title: arbitraryText(300),
        model: optionalText(200),
        previous: fc.option(arbitraryKey(), { nil: null }),
        description: optionalText(10000),
      }).chain((r) =>
        fc
          .constantFrom(...REPORT_STATES)
          .map((state): CaseReport => (state === 'draft' ? r : { ...r, state })),
      );

      const teams: fc.Arbitrary<CaseTeam[]> = fc.tuple(
        ...teamKeys.map((key) => record({ key: fc.constant(key), name: optionalText(200) })),
      );

      const pathways: fc.Arbitrary<CasePathway[]> = fc.tuple(
        ...pathwayKeys.map((key) =>
          someOf([...claimKeys, ...leaves], 5).chain((supports) =>
            sometimesRestricted(
              record({
                key: fc.constant(key),
                title: arbitraryText(300),
                description: optionalText(10000),
                requires: arbitraryRequirement(supports.length),
                supports: fc.constant(supports),
              }),
            ),
          ),
        ),
      );

      const claims: fc.Arbitrary<CaseClaim[]> = fc
        .tuple(
          ...claimKeys.map((key, i) =>
            someOf([...claimKeys.slice(i + 1), ...leaves], 5).chain((supports) =>
              sometimesRestricted(
                record({
                  key: fc.constant(key),
                  statement: arbitraryText(2000),
                  kind: fc.constantFrom(...CLAIM_KINDS),
                  description: optionalText(10000),
                  requires: arbitraryRequirement(supports.length),
                  supports: fc.constant(supports),
                  assumed: fc.boolean(),
                }),
              ),
            ),
          ),
        )
        .chain(shuffled);

      const team =
        teamKeys.length > 0
          ? fc.option(fc.constantFrom(...teamKeys), { nil: null })
          : fc.constant(null);
      const mitigations: fc.Arbitrary<CaseMitigation[]> = fc
        .tuple(
          ...mitigationKeys.map((key, i) =>
            fc.constantFrom(...MITIGATION_STATUSES).chain((status) =>
              sometimesRestricted(
                record({
                  key: fc.constant(key),
                  title: arbitraryText(300),
                  kind: fc.constantFrom(...MITIGATION_KINDS),
                  description: optionalText(10000),
                  team,
                  status: fc.constant(status),
                  dependsOn: someOf(mitigationKeys.slice(i + 1), 3),
                  effort: arbitraryEffort(status),
                })
                  .chain(withSomeProbability)
                  .chain(withSomeVerification),
              ),
            ),
          ),
        )
        .chain(shuffled);

      const evidence: fc.Arbitrary<CaseEvidence[]> = fc.tuple(
        ...evidenceKeys.map((key) =>
          sometimesRestricted(
            record({
              key: fc.constant(key),
              title: arbitraryText(300),
              description: optionalText(10000),
              status: fc.constantFrom(...EVIDENCE_STATUSES),
            })
              .chain(withSomeProbability)
              .chain((e) =>
                fc
                  .tuple(
                    fc.boolean(),
                    fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }),
                  )
                  .map(([standing, effort]) => ({
                    ...e,
                    ...(standing ? { scope: 'standing' as const } : {}),
                    ...(effort === undefined ? {} : { effort }),
                  })),
              ),
          ),
        ),
      );

      const scenarios = fc.tuple(
        ...scenarioKeys.map((key) => arbitraryScenario(key, pathwayKeys, mitigationKeys, teamKeys)),
      );

      return record({ report, teams, pathways, claims, mitigations, evidence }).chain((c) =>
        scenarios.map((list): Case => (list.length > 0 ? { ...c, scenarios: list } : c)),
      );
    });
  });
}

const arbitraryDuration = fc.oneof(
  fc.constantFrom(0, 30, 300, 7200, 3 * 86_400, 5400, MAX_DURATION_SECONDS),
  fc.integer({ min: 0, max: MAX_DURATION_SECONDS }),
);

/** A response step naming one of `mitigationKeys` (at least one). */
function arbitraryStep(
  mitigationKeys: readonly string[],
  teamKeys: readonly string[],
): fc.Arbitrary<CaseStep> {
  return record({
    mitigation: fc.constantFrom(...mitigationKeys),
    action: fc.constantFrom(...STEP_ACTIONS),
    latency: arbitraryDuration,
    flags: fc.record({
      team: fc.option(fc.constantFrom(...teamKeys, '')),
      automatic: fc.boolean(),
      paged: fc.boolean(),
      confirmed: fc.option(
        record({ by: arbitraryText(100), at: arbitraryInstant, note: optionalText(1000) }),
        { nil: undefined },
      ),
    }),
  }).map(({ flags, ...s }) => ({
    ...s,
    // '' stands for no team (fc.constantFrom needs at least one value).
    ...(flags.team ? { team: flags.team } : {}),
    ...(flags.automatic ? { automatic: true } : {}),
    ...(flags.paged ? { paged: true } : {}),
    ...(flags.confirmed ? { confirmed: flags.confirmed } : {}),
  }));
}

/** A scenario of SPEC §8: chains of steps naming the given mitigations and, sometimes, teams. */
function arbitraryScenario(
  key: string,
  pathwayKeys: readonly string[],
  mitigationKeys: readonly string[],
  teamKeys: readonly string[],
): fc.Arbitrary<CaseScenario> {
  const chains =
    mitigationKeys.length === 0
      ? fc.constant([])
      : fc.array(
          record({
            steps: fc.array(arbitraryStep(mitigationKeys, teamKeys), {
              minLength: 1,
              maxLength: 3,
            }),
          }),
          {
            maxLength: 2,
          },
        );
  return record({
    key: fc.constant(key),
    pathway: fc.constantFrom(...pathwayKeys),
    title: arbitraryText(300),
    description: optionalText(10000),
    timeToHarm: arbitraryDuration,
    chains,
  });
}

/** An ISO 8601 instant as the parser normalises one. */
const arbitraryInstant = fc
  .date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2100-01-01T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString());

/** The mitigation, sometimes with a verification cycle and sometimes last verified (SPEC §8). */
function withSomeVerification(m: CaseMitigation): fc.Arbitrary<CaseMitigation> {
  return fc
    .record({
      verifyEvery: fc.option(
        arbitraryDuration.filter((seconds) => seconds > 0),
        { nil: undefined },
      ),
      lastVerified: fc.option(arbitraryInstant, { nil: undefined }),
    })
    .map(({ verifyEvery, lastVerified }) => ({
      ...m,
      ...(verifyEvery === undefined ? {} : { verifyEvery }),
      ...(lastVerified === undefined ? {} : { lastVerified }),
    }));
}

/** The item, half the time with a failure probability (SPEC §3.6), edges 0 and 1 included. */
function withSomeProbability<T extends object>(item: T): fc.Arbitrary<T> {
  return fc
    .option(fc.oneof(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true })), {
      nil: undefined,
    })
    .map((probability) => (probability === undefined ? item : { ...item, probability }));
}
