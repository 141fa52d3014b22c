import fc from 'fast-check';
import {
  EVIDENCE_STATUSES,
  MITIGATION_STATUSES,
  type Case,
  type CaseClaim,
  type CaseMitigation,
  type CaseScenario,
  type Requirement,
} from '../../case-model/case';
import {
  makeCase,
  makeClaim,
  makeEvidence,
  makeMitigation,
  makePathway,
  makeScenario,
} from './make-case';

/*
 * Random small valid cases for the property tests: DAGs with shared claims, all / any / atLeast,
 * assumed and undeveloped claims, empty supports, dependsOn chains, and leaves that do not hold
 * now. Keys are shuffled so that kinds interleave in key order.
 */

const requirementArb = fc.oneof(
  fc.constant<Requirement['mode']>('all'),
  fc.constant<Requirement['mode']>('any'),
  fc.constant<Requirement['mode']>('atLeast'),
);
// Mostly holding, so that cut sets are interesting, but every status appears.
export const mitigationStatusArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant('in_place' as const) },
  { weight: 4, arbitrary: fc.constantFrom(...MITIGATION_STATUSES) },
);
export const evidenceStatusArb = fc.oneof(
  { weight: 4, arbitrary: fc.constant('valid' as const) },
  { weight: 1, arbitrary: fc.constantFrom(...EVIDENCE_STATUSES) },
);
const argumentRecipeArb = fc.record({
  supports: fc.uniqueArray(fc.nat(40), { maxLength: 4 }),
  mode: requirementArb,
  k: fc.nat(),
});

const recipeArb = fc.record({
  mitigations: fc.array(
    fc.record({
      status: mitigationStatusArb,
      dependsOn: fc.uniqueArray(fc.nat(40), { maxLength: 2 }),
      effort: fc.option(fc.oneof(fc.integer({ min: 0, max: 9 }), fc.constant(2.5)), { nil: null }),
    }),
    { maxLength: 7 },
  ),
  evidence: fc.array(evidenceStatusArb, { maxLength: 4 }),
  claims: fc.array(fc.record({ argument: argumentRecipeArb, assumed: fc.boolean() }), {
    maxLength: 7,
  }),
  pathways: fc.array(argumentRecipeArb, { minLength: 1, maxLength: 3 }),
});
// Latencies and times to harm from a few values, so that sums often tie with timeToHarm.
const scenarioRecipeArb = fc.record({
  timeToHarm: fc.constantFrom(0, 600, 3600, 7200),
  chains: fc.array(
    fc.array(fc.record({ mitigation: fc.nat(40), latency: fc.constantFrom(0, 300, 1800, 3600) }), {
      minLength: 1,
      maxLength: 3,
    }),
    { maxLength: 3 },
  ),
});
type Recipe = (typeof recipeArb extends fc.Arbitrary<infer R> ? R : never) & {
  readonly scenarios?: readonly (typeof scenarioRecipeArb extends fc.Arbitrary<infer S>
    ? S
    : never)[];
};

/**
 * Builds a valid case: mitigation i depends only on mitigations before it, claim i is supported
 * only by claims after it, mitigations and evidence; `names` gives every node its key.
 */
function buildCase(recipe: Recipe, names: readonly string[]): Case {
  let next = 0;
  const mitigationKeys = recipe.mitigations.map(() => names[next++]);
  const evidenceKeys = recipe.evidence.map(() => names[next++]);
  const claimKeys = recipe.claims.map(() => names[next++]);
  const pathwayKeys = recipe.pathways.map(() => names[next++]);
  const scenarioKeys = (recipe.scenarios ?? []).map(() => names[next++]);
  const requirement = (mode: Requirement['mode'], k: number, n: number): Requirement =>
    mode === 'atLeast' && n > 0
      ? { mode, atLeast: 1 + (k % n) }
      : { mode: mode === 'atLeast' ? 'all' : mode };
  const pickSupports = (indexes: readonly number[], pool: readonly string[]) =>
    pool.length === 0 ? [] : [...new Set(indexes.map((i) => pool[i % pool.length]))];

  const mitigations: CaseMitigation[] = recipe.mitigations.map((m, i) =>
    makeMitigation({
      key: mitigationKeys[i],
      status: m.status,
      effort: m.effort,
      dependsOn: pickSupports(m.dependsOn, mitigationKeys.slice(0, i)),
    }),
  );
  // Scenarios sit with the leaves: claims and pathways may rest on them (SPEC §3.7).
  const basic = [...mitigationKeys, ...evidenceKeys, ...scenarioKeys];
  const claims: CaseClaim[] = recipe.claims.map(({ argument, assumed }, i) => {
    const supports = pickSupports(argument.supports, [...claimKeys.slice(i + 1), ...basic]);
    return makeClaim({
      key: claimKeys[i],
      supports,
      requires: requirement(argument.mode, argument.k, supports.length),
      assumed,
    });
  });
  const pathways = recipe.pathways.map((p, i) => {
    const supports = pickSupports(p.supports, [...claimKeys, ...basic]);
    return makePathway({
      key: pathwayKeys[i],
      supports,
      requires: requirement(p.mode, p.k, supports.length),
    });
  });
  const evidence = recipe.evidence.map((status, i) =>
    makeEvidence({ key: evidenceKeys[i], status }),
  );
  // A chain needs a mitigation for each step; with none, scenarios have no chains.
  const scenarios: CaseScenario[] = (recipe.scenarios ?? []).map((sc, i) =>
    makeScenario({
      key: scenarioKeys[i],
      pathway: pathwayKeys[i % pathwayKeys.length],
      timeToHarm: sc.timeToHarm,
      chains:
        mitigationKeys.length === 0
          ? []
          : sc.chains.map((steps) => ({
              steps: steps.map((step) => ({
                mitigation: mitigationKeys[step.mitigation % mitigationKeys.length],
                action: 'responds' as const,
                latency: step.latency,
              })),
            })),
    }),
  );
  return makeCase({
    pathways,
    claims,
    mitigations,
    evidence,
    ...(scenarios.length > 0 ? { scenarios } : {}),
  });
}

const NAMES = Array.from({ length: 21 }, (_, i) => `k${String(i).padStart(2, '0')}`);
export const caseArb: fc.Arbitrary<Case> = recipeArb.chain((recipe) =>
  fc
    .shuffledSubarray(NAMES, { minLength: NAMES.length, maxLength: NAMES.length })
    .map((names) => buildCase(recipe, names)),
);
/**
 * Like caseArb, with up to three scenarios that claims and pathways rest on: chains of one to
 * three steps (a mitigation may act twice), some too slow, some scenarios with no chain.
 */
const SCENARIO_NAMES = Array.from({ length: 24 }, (_, i) => `k${String(i).padStart(2, '0')}`);
export const scenarioCaseArb: fc.Arbitrary<Case> = fc
  .tuple(recipeArb, fc.array(scenarioRecipeArb, { minLength: 1, maxLength: 3 }))
  .chain(([recipe, scenarios]) =>
    fc
      .shuffledSubarray(SCENARIO_NAMES, {
        minLength: SCENARIO_NAMES.length,
        maxLength: SCENARIO_NAMES.length,
      })
      .map((names) => buildCase({ ...recipe, scenarios }, names)),
  );

export const maxOrderArb = fc.integer({ min: 1, max: 4 });
