import { buildAnalysisGraph } from './graph/case-graph';
import { analyseGraph } from './cut-sets';
import { makeSpecExampleCase } from './testing/make-case';
import { computeFailureImpact } from './what-breaks';

/*
 * One control fails in the SPEC example case (see load-bearing.example-case.spec.ts for its cut
 * sets): self-exfiltration has margin 1 (the audit), exfil-detected margin 2, no-coherent-goals 1.
 */
const analysis = analyseGraph({ graph: buildAnalysisGraph({ case: makeSpecExampleCase() }) });

describe('what breaks when one control fails', () => {
  it('log pipeline: takes the egress monitor with it and weakens exfil-detected from 2 to 1', () => {
    // exfil-detected's cut sets lose log-pipeline: {weight-file-permissions} is left, margin 1.
    // self-exfiltration already had margin 1 (the audit), so it is not weakened.
    expect(computeFailureImpact({ analysis, failed: ['log-pipeline'] })).toEqual({
      failed: ['log-pipeline'],
      alsoFailed: ['egress-monitor'],
      brokenPathways: [],
      brokenClaims: [],
      brokenScenarios: [],
      weakened: [{ key: 'exfil-detected', kind: 'claim', before: 2, after: 1 }],
      exact: true,
    });
  });

  it('alignment audit: a single point of failure, breaks the claim and the pathway', () => {
    const impact = computeFailureImpact({ analysis, failed: ['alignment-audit'] });
    expect(impact.brokenPathways).toEqual([
      { key: 'self-exfiltration', kind: 'pathway', before: 1, after: 0 },
    ]);
    expect(impact.brokenClaims).toEqual([
      { key: 'no-coherent-goals', kind: 'claim', before: 1, after: 0 },
    ]);
    expect(impact.alsoFailed).toEqual([]);
    expect(impact.weakened).toEqual([]);
  });

  it('a planned control: already not holding, so nothing changes', () => {
    expect(computeFailureImpact({ analysis, failed: ['interp-probes'] })).toMatchObject({
      alsoFailed: [],
      brokenPathways: [],
      brokenClaims: [],
      brokenScenarios: [],
      weakened: [],
    });
  });

  it('both exfiltration controls: breaks exfil-detected and the pathway', () => {
    // {weight-file-permissions, egress-monitor} is a cut set of both.
    const impact = computeFailureImpact({
      analysis,
      failed: ['weight-file-permissions', 'egress-monitor'],
    });
    expect(impact.brokenClaims.map((c) => c.key)).toEqual(['exfil-detected']);
    expect(impact.brokenPathways.map((p) => p.key)).toEqual(['self-exfiltration']);
  });

  it('reports margins above maxOrder as null and compares them as maxOrder + 1', () => {
    // At maxOrder 1 exfil-detected's margin 2 is "more than 1" (compared as 2); after the pipeline
    // fails it is 1, so it is weakened from null to 1.
    const shallow = analyseGraph({ graph: analysis.graph, maxOrder: 1 });
    expect(computeFailureImpact({ analysis: shallow, failed: ['log-pipeline'] }).weakened).toEqual([
      { key: 'exfil-detected', kind: 'claim', before: null, after: 1 },
    ]);
  });

  it('names keys that are unknown, or that are not mitigations or evidence', () => {
    expect(() => computeFailureImpact({ analysis, failed: ['log-pipeline', 'log-pipe'] })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_KEY', keys: ['log-pipe'] }),
    );
    expect(() => computeFailureImpact({ analysis, failed: ['self-exfiltration'] })).toThrow(
      expect.objectContaining({ code: 'NOT_A_BASIC_EVENT', keys: ['self-exfiltration'] }),
    );
  });
});
