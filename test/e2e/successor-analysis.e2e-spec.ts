import { ReportAnalysisService } from '../../src/case/analysis/report-analysis.service';
import { CurrentVersions } from '../../src/case/validity/current-versions';
import { analyseGraph, DEFAULT_MAX_ORDER } from '../../src/core/analysis';
import type { Family } from '../../src/core/analysis/graph/types';
import { createTestApp, type TestApp } from '../utils/create-app';
import { IMPORT, SPEC_EXAMPLE } from '../utils/fixtures';

/**
 * After a status change the service analyses the new version from the analysis of the version
 * before (analyseSuccessor): only the nodes above the changed control are worked out again.
 * A speed path, so its answers must still be a fresh analysis's.
 */
describe('the analysis of a version that only a status change separates from the one before', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    expect((await t.gql(IMPORT, { document: SPEC_EXAMPLE })).errors).toBeUndefined();
  });
  afterAll(() => t.close());

  const analysisNow = async () => {
    const { version } = await t.app.get(CurrentVersions).get('pilot-2025');
    return t.app.get(ReportAnalysisService).ofVersion(version, DEFAULT_MAX_ORDER);
  };

  it('reuses the families the change does not reach, and answers as a fresh analysis', async () => {
    const before = (await analysisNow()).analysis;
    const changed = await t.gql(
      `mutation { setMitigationStatus(report: "pilot-2025", key: "egress-monitor", status: failed) { key } }`,
    );
    expect(changed.errors).toBeUndefined();
    const after = await analysisNow();
    expect(after.version).toBe(2);

    const family = (key: string) => after.analysis.families[after.analysis.graph.keys.indexOf(key)];
    const familyBefore = (key: string) => before.families[before.graph.keys.indexOf(key)];
    // Below or beside the change: the very objects of the version before.
    for (const key of ['weight-file-permissions', 'log-pipeline', 'interp-probes']) {
      expect(family(key)).toBe(familyBefore(key));
    }
    // The changed control and what rests on it: worked out again.
    expect(family('egress-monitor')).not.toBe(familyBefore('egress-monitor'));

    const fresh = analyseGraph({ graph: after.analysis.graph, maxOrder: DEFAULT_MAX_ORDER });
    expect([...after.analysis.holds]).toEqual([...fresh.holds]);
    expect([...after.analysis.margins]).toEqual([...fresh.margins]);
    // Within a size, cut sets come in no particular order.
    const sets = (families: readonly Family[]) =>
      families.map((f) => f.sets.map((cutSet) => cutSet.join(' ')).sort());
    expect(sets(after.analysis.families)).toEqual(sets(fresh.families));
    // And the change is in it: the failed monitor no longer holds.
    expect(after.holds('egress-monitor')).toBe(false);
    expect(before.holds[before.graph.keys.indexOf('egress-monitor')]).toBe(1);
  });
});
