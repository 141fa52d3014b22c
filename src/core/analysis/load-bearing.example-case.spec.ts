import { buildAnalysisGraph } from './graph/case-graph';
import { computeMinimalCutSets } from './cut-sets';
import { computeLoadBearingMap, computeLoadBearingMatrix } from './load-bearing';
import { makeSpecExampleCase } from './testing/make-case';

/*
 * The example case of SPEC §2:
 *   self-exfiltration = all(no-coherent-goals, exfil-detected)
 *   no-coherent-goals = any(alignment-audit, interp-probes)          interp-probes is only planned
 *   exfil-detected    = atLeast 1 of (weight-file-permissions, egress-monitor)
 *   egress-monitor dependsOn log-pipeline; threat-model-complete is assumed.
 *
 * no-coherent-goals rests on the audit alone: {alignment-audit}.
 * exfil-detected fails when both controls fail, and egress-monitor fails with its pipeline:
 *   {weight-file-permissions, egress-monitor}, {weight-file-permissions, log-pipeline}.
 * self-exfiltration fails when either claim does: the union of the two, margin 1.
 */
const graph = buildAnalysisGraph({ case: makeSpecExampleCase() });

describe('load-bearing map of the SPEC example case', () => {
  it('lists the cut sets the comment above works out', () => {
    expect(computeMinimalCutSets({ graph }).map(({ key, cutSets }) => [key, cutSets])).toEqual([
      [
        'exfil-detected',
        [
          ['egress-monitor', 'weight-file-permissions'],
          ['log-pipeline', 'weight-file-permissions'],
        ],
      ],
      ['no-coherent-goals', [['alignment-audit']]],
      [
        'self-exfiltration',
        [
          ['alignment-audit'],
          ['egress-monitor', 'weight-file-permissions'],
          ['log-pipeline', 'weight-file-permissions'],
        ],
      ],
      // Assumed, with nothing to fail it.
      ['threat-model-complete', []],
    ]);
  });

  it('finds the audit load-bearing for the pathway and its claim, and nothing else', () => {
    const map = computeLoadBearingMap({ graph });
    expect(map.byEvent).toEqual([
      {
        key: 'alignment-audit',
        kind: 'evidence',
        pathways: ['self-exfiltration'],
        claims: ['no-coherent-goals'],
      },
      { key: 'egress-monitor', kind: 'mitigation', pathways: [], claims: [] },
      // Planned, so it does not hold: nothing rests on it yet.
      { key: 'interp-probes', kind: 'mitigation', pathways: [], claims: [] },
      { key: 'log-pipeline', kind: 'mitigation', pathways: [], claims: [] },
      { key: 'weight-file-permissions', kind: 'mitigation', pathways: [], claims: [] },
    ]);
    expect(map.byArgument.find((a) => a.key === 'self-exfiltration')).toEqual({
      key: 'self-exfiltration',
      kind: 'pathway',
      mitigations: [],
      evidence: ['alignment-audit'],
    });
  });

  it('gives the dashboard matrix: no mitigation is load-bearing, and the pathway has margin 1', () => {
    expect(computeLoadBearingMatrix({ graph })).toEqual({
      pathways: [
        { key: 'self-exfiltration', kind: 'pathway', holds: true, margin: 1, exact: true },
      ],
      rows: ['egress-monitor', 'interp-probes', 'log-pipeline', 'weight-file-permissions'].map(
        (key) => ({
          key,
          loadBearing: [false],
        }),
      ),
    });
  });
});
