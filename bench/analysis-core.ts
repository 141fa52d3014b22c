import { performance } from 'node:perf_hooks';
import {
  analyseGraph,
  buildAnalysisGraph,
  computeFailureImpact,
  computeLoadBearingMap,
  computeMinimalCutSets,
  rankRoadmapItems,
} from '../src/core/analysis';
import type { Case } from '../src/core/case-model/case';

const ms = (start: number) => Math.round(performance.now() - start);

/** The pure core's figures on one case, in this process (no database, no HTTP). */
export function benchAnalysisCore(c: Case): string[] {
  const lines: string[] = [];
  let start = performance.now();
  const graph = buildAnalysisGraph({ case: c });
  lines.push(`build graph                      ${String(ms(start)).padStart(7)} ms`);

  start = performance.now();
  const map = computeLoadBearingMap({ graph });
  const loadBearing = map.byEvent.filter((e) => e.pathways.length > 0).length;
  lines.push(
    `full load-bearing map            ${String(ms(start)).padStart(7)} ms  (${loadBearing} items load-bearing for a pathway)`,
  );

  start = performance.now();
  const analysis = analyseGraph({ graph, maxOrder: 4 });
  lines.push(`full analysis, maxOrder 4        ${String(ms(start)).padStart(7)} ms`);

  // One what-breaks per mitigation (up to 200), on the analysed report.
  const times: number[] = [];
  for (const m of c.mitigations.slice(0, 200)) {
    const t = performance.now();
    computeFailureImpact({ analysis, failed: [m.key] });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) =>
    times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(1);
  lines.push(
    `one what-breaks (${times.length} runs)        median ${pct(0.5)} ms, p99 ${pct(0.99)} ms, max ${pct(1)} ms`,
  );

  start = performance.now();
  const roadmap = rankRoadmapItems({ graph, maxOrder: 3 });
  lines.push(
    `roadmap, maxOrder 3              ${String(ms(start)).padStart(7)} ms  (${roadmap.length} candidates, analysis included)`,
  );

  start = performance.now();
  const cutSets = computeMinimalCutSets({ graph, maxOrder: 3 });
  const total = cutSets.reduce((n, x) => n + x.cutSets.length, 0);
  lines.push(
    `all cut sets up to order 3       ${String(ms(start)).padStart(7)} ms  (${total} sets over ${cutSets.length} pathways and claims)`,
  );
  return lines;
}
