import { performance } from 'node:perf_hooks';
import type { LargeCaseOptions } from '../src/core/analysis/generate-case';

/** The benchmark case of issues 2 and 3: 2,000 mitigations, 5,000 claims, 50 pathways, ~20,000 links. */
export const BENCH_CASE: LargeCaseOptions = {
  mitigations: 2000,
  claims: 5000,
  pathways: 50,
  links: 20000,
  seed: 42,
};

/** Every node with its links, four levels deep: what a dashboard asks for. */
export const NESTED_REPORT_QUERY = `query($key: String!) {
  report(key: $key) {
    key counts { pathways claims mitigations evidence teams }
    teams { key mitigations { key } }
    pathways { key title requires supports { key nodeKind ... on Claim { supports { key nodeKind } } } }
    claims { key statement kind requires atLeast supports { key nodeKind } supportOf { key } }
    mitigations { key title team status effort dependsOn { key } dependents { key } supportOf { key } }
    evidence { key title status supportOf { key } }
  }
}`;

export interface Measurement {
  readonly name: string;
  /** Median over the runs, in milliseconds. */
  readonly ms: number;
  readonly runs: number;
  readonly warmUp: number;
  /** Every timed run, in milliseconds, in the order they ran. */
  readonly all: readonly number[];
  /** The service's peak RSS once this step had run (VmHWM), when the bench tracks it. */
  readonly peakRssMb?: number;
}

/** Median of `runs` runs, after `warmUp` untimed ones (so the JIT has seen the code path). */
export async function timed(
  name: string,
  runs: number,
  run: () => Promise<unknown>,
  warmUp = 0,
): Promise<Measurement> {
  for (let i = 0; i < warmUp; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  const all = times.map(Math.round);
  times.sort((a, b) => a - b);
  return { name, ms: Math.round(times[Math.floor(times.length / 2)]), runs, warmUp, all };
}

/** Every analysis query of the API on the example case (report pilot-2025). */
export const EXAMPLE_QUERIES: Record<string, string> = {
  'pathway margins':
    '{ report(key: "pilot-2025") { pathways { key holds margin loadBearing { key } } } }',
  whatBreaks:
    '{ whatBreaks(report: "pilot-2025", failed: ["central-log-pipeline"]) { alsoFailed { key } brokenPathways { key } weakened { key before after } } }',
  roadmap:
    '{ roadmap(report: "pilot-2025") { rank mitigation { key } cost argumentsStrengthened } }',
  plan: '{ plan(report: "pilot-2025", budget: 20) { spent steps { step } } }',
  cutSets: '{ cutSets(report: "pilot-2025", key: "code-backdoors") { total sets { keys } } }',
  loadBearingMatrix:
    '{ loadBearingMatrix(report: "pilot-2025") { columns { margin } rows { mitigation { key } cells } } }',
};
