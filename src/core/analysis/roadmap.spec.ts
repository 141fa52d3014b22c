import type { Case } from '../case-model/case';
import { buildAnalysisGraph } from './graph/case-graph';
import { analyseGraph } from './cut-sets';
import { generateLargeCase } from './generate-case';
import { planRoadmap, rankRoadmapItems, ROADMAP_COMPARATORS, type RoadmapOrder } from './roadmap';
import { makeCase, makeClaim, makeMitigation, makePathway } from './testing/make-case';

/*
 * Ranking invariants (after vendure's prorate.spec): whatever the case, the ranking is a
 * permutation of the candidates, in comparator order, deterministic, with ranks 1..n.
 */
const ORDERS: RoadmapOrder[] = ['default', 'perEffort', 'pathwaysFirst'];
const generated = generateLargeCase({
  mitigations: 150,
  claims: 300,
  pathways: 8,
  links: 1400,
  seed: 3,
});

describe('rankRoadmapItems invariants', () => {
  const analysis = analyseGraph({ graph: buildAnalysisGraph({ case: generated }), maxOrder: 3 });
  const candidates = generated.mitigations
    .filter((m) => m.status === 'planned' || m.status === 'in_progress')
    .map((m) => m.key)
    .sort();

  it.each(ORDERS)('%s: is a permutation of the candidates, sorted by its comparator', (order) => {
    const items = rankRoadmapItems({ analysis, order });
    expect(candidates.length).toBeGreaterThan(5);
    expect(items.map((i) => i.key).sort()).toEqual(candidates);
    expect(items.map((i) => i.rank)).toEqual(items.map((_, i) => i + 1));
    for (let i = 1; i < items.length; i++) {
      expect(ROADMAP_COMPARATORS[order](items[i - 1], items[i])).toBeLessThan(0);
    }
  });

  it.each(ORDERS)('%s: gives the same answer every time', (order) => {
    expect(rankRoadmapItems({ analysis, order })).toEqual(rankRoadmapItems({ analysis, order }));
  });

  it('counts arguments strengthened as pathways plus claims', () => {
    for (const item of rankRoadmapItems({ analysis })) {
      expect(item.argumentsStrengthened).toBe(
        item.pathwaysStrengthened.length + item.claimsStrengthened.length,
      );
      expect(item.pathwaysStrengthened).toEqual(expect.arrayContaining(item.newlyHoldingPathways));
      expect(item.bundle).toContain(item.key);
    }
  });
});

/** n identical planned controls, each an alternative way to keep claim `c` (and pathway `p`). */
const twins = (keys: string[], effort: (key: string) => number | null): Case =>
  makeCase({
    pathways: [makePathway({ key: 'p', supports: ['c'] })],
    claims: [makeClaim({ key: 'c', requires: { mode: 'any' }, supports: ['base', ...keys] })],
    mitigations: [
      makeMitigation({ key: 'base' }),
      ...keys.map((key) => makeMitigation({ key, status: 'planned', effort: effort(key) })),
    ],
  });

describe('rankRoadmapItems ordering', () => {
  it('breaks ties by key', () => {
    // Each twin lifts c and p from margin 1 to 2 at the same cost.
    const items = rankRoadmapItems({
      graph: buildAnalysisGraph({ case: twins(['zeta', 'alpha', 'mid'], () => 3) }),
    });
    expect(items.map((i) => [i.rank, i.key, i.argumentsStrengthened, i.cost])).toEqual([
      [1, 'alpha', 2, 3],
      [2, 'mid', 2, 3],
      [3, 'zeta', 2, 3],
    ]);
  });

  it('puts the cheaper of equally strengthening items first', () => {
    const graph = buildAnalysisGraph({ case: twins(['a', 'b'], (key) => (key === 'a' ? 5 : 2)) });
    expect(rankRoadmapItems({ graph }).map((i) => i.key)).toEqual(['b', 'a']);
  });

  it('per effort: free work that helps goes first, free work that does not goes by the default order', () => {
    // 'useless' supports nothing: 0 strengthened at cost 0 counts as ratio 0.
    const c = twins(['costly', 'free'], (key) => (key === 'costly' ? 4 : 0));
    const withUseless = {
      ...c,
      mitigations: [
        ...c.mitigations,
        makeMitigation({ key: 'useless', status: 'planned', effort: 0 }),
      ],
    };
    const graph = buildAnalysisGraph({ case: withUseless });
    expect(rankRoadmapItems({ graph, order: 'perEffort' }).map((i) => i.key)).toEqual([
      'free',
      'costly',
      'useless',
    ]);
  });

  it('pathways first: a pathway beats more claims', () => {
    // 'claims' strengthens two claims of an unused branch; 'pathway' one claim and the pathway.
    const c = makeCase({
      pathways: [makePathway({ key: 'p', supports: ['c'] })],
      claims: [
        makeClaim({ key: 'c', requires: { mode: 'any' }, supports: ['base', 'pathway'] }),
        makeClaim({ key: 'x', requires: { mode: 'any' }, supports: ['y', 'claims'] }),
        makeClaim({ key: 'y', requires: { mode: 'any' }, supports: ['base2', 'claims'] }),
        makeClaim({ key: 'z', requires: { mode: 'any' }, supports: ['base2', 'claims'] }),
      ],
      mitigations: ['base', 'base2']
        .map((key) => makeMitigation({ key }))
        .concat(
          ['pathway', 'claims'].map((key) => makeMitigation({ key, status: 'planned', effort: 1 })),
        ),
    });
    const graph = buildAnalysisGraph({ case: c });
    const byDefault = rankRoadmapItems({ graph });
    expect(
      byDefault.map((i) => [i.key, i.argumentsStrengthened, i.pathwaysStrengthened.length]),
    ).toEqual([
      ['claims', 3, 0],
      ['pathway', 2, 1],
    ]);
    expect(rankRoadmapItems({ graph, order: 'pathwaysFirst' }).map((i) => i.key)).toEqual([
      'pathway',
      'claims',
    ]);
  });
});

describe('planRoadmap', () => {
  const graph = buildAnalysisGraph({ case: generated });

  it('stays within budget and never repeats a candidate', () => {
    for (const budget of [0, 5, 20, 60]) {
      const plan = planRoadmap({ graph, maxOrder: 3, budget });
      expect(plan.spent).toBeLessThanOrEqual(budget);
      expect(new Set(plan.steps.map((s) => s.key)).size).toBe(plan.steps.length);
      plan.steps.forEach((s, i) => {
        expect(s.step).toBe(i + 1);
        expect(s.argumentsStrengthened).toBeGreaterThan(0);
      });
      const cumulative = plan.steps.map((s) => s.cumulativeArgumentsStrengthened);
      expect(cumulative).toEqual([...cumulative].sort((a, b) => a - b));
    }
  });

  it('rejects a negative or infinite budget', () => {
    expect(() => planRoadmap({ graph, budget: -1 })).toThrow(
      expect.objectContaining({ code: 'INVALID_BUDGET' }),
    );
    expect(() => planRoadmap({ graph, budget: Infinity })).toThrow(
      expect.objectContaining({ code: 'INVALID_BUDGET' }),
    );
  });
});

describe('a bundle’s cost', () => {
  /** A planned control resting on two planned ones, with efforts 0.3, 0.2 and 0.1. */
  const chain = ([top, middle, bottom]: string[]): Case =>
    makeCase({
      pathways: [makePathway({ key: 'p', supports: [top] })],
      mitigations: [
        makeMitigation({ key: top, status: 'planned', effort: 0.3, dependsOn: [middle] }),
        makeMitigation({ key: middle, status: 'planned', effort: 0.2, dependsOn: [bottom] }),
        makeMitigation({ key: bottom, status: 'planned', effort: 0.1 }),
      ],
    });
  const topCost = (c: Case) => {
    const analysis = analyseGraph({ graph: buildAnalysisGraph({ case: c }), maxOrder: 3 });
    return rankRoadmapItems({ analysis }).find((i) => i.bundle.length === 3)!.cost;
  };

  it('does not depend on the members’ keys (floating-point sums depend on their order)', () => {
    // In key order the efforts are summed 0.3 + 0.2 + 0.1 (= 0.6) one way, 0.1 + 0.2 + 0.3
    // (= 0.6000000000000001) the other.
    expect(topCost(chain(['a', 'b', 'c']))).toBe(topCost(chain(['z', 'y', 'x'])));
  });
});
