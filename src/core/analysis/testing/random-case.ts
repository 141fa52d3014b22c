import fc from 'fast-check';
import {
  EVIDENCE_STATUSES,
  MITIGATION_STATUSES,
  type Case,
  type CaseClaim,
  type CaseMitigation,
  type Requirement,
} from '../../case-model/case';
import { makeCase, makeClaim, makeEvidence, makeMitigation, makePathway } from './make-case';

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
type Recipe = typeof recipeArb extends fc.Arbitrary<infer R> ? R : never;

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
  const basic = [...mitigationKeys, ...evidenceKeys];
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
  return makeCase({ pathways, claims, mitigations, evidence });
}

const NAMES = Array.from({ length: 21 }, (_, i) => `k${String(i).padStart(2, '0')}`);
export const caseArb: fc.Arbitrary<Case> = recipeArb.chain((recipe) =>
  fc
    .shuffledSubarray(NAMES, { minLength: NAMES.length, maxLength: NAMES.length })
    .map((names) => buildCase(recipe, names)),
);
export const maxOrderArb = fc.integer({ min: 1, max: 4 });
