import { validateCase } from '../case-model/validate-case';
import { buildAnalysisGraph } from './graph/case-graph';
import { generateLargeCase, type LargeCaseOptions } from './generate-case';

const BENCH_SIZE: LargeCaseOptions = {
  mitigations: 2000,
  claims: 5000,
  pathways: 50,
  links: 20000,
  seed: 1,
};

describe('generateLargeCase', () => {
  const c = generateLargeCase(BENCH_SIZE);

  it('makes a structurally valid case of the requested size', () => {
    expect(validateCase({ case: c }).filter((i) => i.severity === 'error')).toEqual([]);
    expect([c.mitigations.length, c.claims.length, c.pathways.length, c.evidence.length]).toEqual([
      2000, 5000, 50, 1000,
    ]);
    const links =
      c.pathways.reduce((n, p) => n + p.supports.length, 0) +
      c.claims.reduce((n, cl) => n + cl.supports.length, 0) +
      c.mitigations.reduce((n, m) => n + m.dependsOn.length, 0);
    expect(links).toBeGreaterThanOrEqual(19_500);
    expect(links).toBeLessThanOrEqual(20_500);
  });

  it('is the same for the same seed and differs for another', () => {
    expect(generateLargeCase(BENCH_SIZE)).toEqual(c);
    expect(generateLargeCase({ ...BENCH_SIZE, seed: 2 })).not.toEqual(c);
  });

  it('shares claims between pathways and uses every claim and basic event', () => {
    const graph = buildAnalysisGraph({ case: c });
    // Count the pathways above each claim.
    const pathwaysAbove = new Map<number, Set<number>>();
    for (const p of graph.pathways) {
      const stack = [p];
      const seen = new Set<number>();
      while (stack.length > 0) {
        for (const child of graph.children[stack.pop()!]) {
          if (seen.has(child)) continue;
          seen.add(child);
          stack.push(child);
          if (!pathwaysAbove.has(child)) pathwaysAbove.set(child, new Set());
          pathwaysAbove.get(child)!.add(p);
        }
      }
    }
    const shared = graph.claims.filter((n) => (pathwaysAbove.get(n)?.size ?? 0) >= 2).length;
    expect(shared).toBeGreaterThan(500);
    for (const n of [...graph.claims, ...graph.mitigations, ...graph.evidence]) {
      expect(pathwaysAbove.has(n) || graph.parents[n].length > 0).toBe(true);
    }
  });

  it('mixes requirements, statuses, dependencies and estimates', () => {
    const count = <T>(items: readonly T[], f: (x: T) => boolean) => items.filter(f).length;
    expect(count(c.claims, (cl) => cl.requires.mode === 'any')).toBeGreaterThan(500);
    expect(count(c.claims, (cl) => cl.requires.mode === 'atLeast')).toBeGreaterThan(500);
    expect(count(c.claims, (cl) => cl.assumed)).toBeGreaterThan(0);
    expect(count(c.mitigations, (m) => m.dependsOn.length > 0)).toBeGreaterThan(200);
    for (const status of ['planned', 'in_progress', 'degraded', 'failed', 'retired'] as const) {
      expect(count(c.mitigations, (m) => m.status === status)).toBeGreaterThan(10);
    }
    expect(count(c.mitigations, (m) => m.effort !== null)).toBeGreaterThan(100);
    expect(count(c.evidence, (e) => e.status !== 'valid')).toBeGreaterThan(10);
  });
});
