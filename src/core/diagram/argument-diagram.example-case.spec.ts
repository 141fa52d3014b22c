import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseCase, computeFailureImpact, computeMargins } from '../analysis';
import { chainKey } from '../analysis/graph/case-graph';
import { parseCaseFile } from '../case-format/parse-case-file';
import { buildArgumentDiagram, type ArgumentDiagram } from './argument-diagram';

const EXAMPLE = readFileSync(
  join(__dirname, '../../../examples/pilot-sabotage-risk-report.yaml'),
  'utf8',
);
const c = parseCaseFile({ text: EXAMPLE }).case!;
const analysis = analyseCase({ case: c });
const FILE_PERMISSIONS = 'weight-storage-file-permissions';

const draw = (pathway: string, failed: string[] = []) =>
  buildArgumentDiagram({ case: c, analysis, pathway, failed });
const keysIn = (d: ArgumentDiagram, state: string) =>
  d.nodes.filter((n) => n.state === state).map((n) => n.key);

/**
 * Reference for membership: walk supports from the pathway, a scenario's chains (`key#n`) and
 * their steps' mitigations, then dependsOn from mitigations.
 */
function reachable(pathway: string): Set<string> {
  const links = new Map<string, readonly string[]>([
    ...[...c.pathways, ...c.claims].map((n): [string, readonly string[]] => [n.key, n.supports]),
    ...c.mitigations.map((m): [string, readonly string[]] => [m.key, m.dependsOn]),
    ...(c.scenarios ?? []).flatMap((s): [string, readonly string[]][] => [
      [s.key, s.chains.map((_, i) => chainKey(s.key, i))],
      ...s.chains.map((chain, i): [string, readonly string[]] => [
        chainKey(s.key, i),
        chain.steps.map((step) => step.mitigation),
      ]),
    ]),
  ]);
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    (links.get(key) ?? []).forEach(visit);
  };
  visit(pathway);
  return seen;
}

describe('argument diagrams of the example case (pilot-2025)', () => {
  it('failing the file-permissions setting breaks self-exfiltration and rogue-internal-deployment', () => {
    for (const pathway of ['self-exfiltration', 'rogue-internal-deployment']) {
      const d = draw(pathway, [FILE_PERMISSIONS]);
      expect(keysIn(d, 'broken')).toEqual([pathway, 'weights-inaccessible-to-agent-sessions']);
      expect(keysIn(d, 'failed')).toEqual([FILE_PERMISSIONS]);
      expect(d.nodes[0].margin).toEqual({ before: 1, after: 0 });
    }
    // Elsewhere the setting is not drawn, and nothing changes.
    const other = draw('code-backdoors', [FILE_PERMISSIONS]);
    expect(other.nodes.map((n) => n.key)).not.toContain(FILE_PERMISSIONS);
    expect(keysIn(other, 'broken')).toEqual([]);
  });

  it.each(c.pathways.map((p) => p.key))(
    'draws exactly what %s reaches, with the states of the analysis core',
    (pathway) => {
      const failed = ['central-log-pipeline'];
      const d = draw(pathway, failed);
      expect(new Set(d.nodes.map((n) => n.key))).toEqual(reachable(pathway));

      const impact = computeFailureImpact({ analysis, failed });
      const inDiagram = (keys: readonly string[]) =>
        keys.filter((k) => d.nodes.some((n) => n.key === k)).sort();
      const sorted = (keys: string[]) => [...keys].sort();
      // A chain breaks when it held and one of its steps' mitigations fails.
      const down = new Set([...failed, ...impact.alsoFailed]);
      const brokenChains = (c.scenarios ?? []).flatMap((s) =>
        s.chains
          .map((chain, i) => ({ chain, key: chainKey(s.key, i) }))
          .filter(
            ({ chain, key }) =>
              analysis.holds[analysis.graph.nodeByKey.get(key)!] === 1 &&
              chain.steps.some((step) => down.has(step.mitigation)),
          )
          .map(({ key }) => key),
      );
      expect(sorted(keysIn(d, 'broken'))).toEqual(
        inDiagram([
          ...[...impact.brokenPathways, ...impact.brokenClaims].map((b) => b.key),
          ...impact.brokenScenarios,
          ...brokenChains,
        ]),
      );
      expect(sorted(keysIn(d, 'weakened'))).toEqual(inDiagram(impact.weakened.map((w) => w.key)));
      expect(sorted(keysIn(d, 'failed'))).toEqual(inDiagram([...failed, ...impact.alsoFailed]));

      const margins = new Map(computeMargins({ analysis }).map((m) => [m.key, m]));
      for (const node of d.nodes) {
        const held = analysis.holds[analysis.graph.nodeByKey.get(node.key)!] === 1;
        expect([node.key, node.state === 'not-holding']).toEqual([node.key, !held]);
        if (node.margin) expect(node.margin.before).toBe(margins.get(node.key)!.margin);
      }
    },
  );

  it('central-log-pipeline weakens targeted-safety-rnd-sabotage (3 → 2), as the README says', () => {
    const d = draw('targeted-safety-rnd-sabotage', ['central-log-pipeline']);
    expect(d.nodes[0]).toMatchObject({ state: 'weakened', margin: { before: 3, after: 2 } });
    expect(keysIn(d, 'broken')).toContain('transcript-monitoring-effective');
  });
});
