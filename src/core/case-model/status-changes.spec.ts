import { makeCase, makeMitigation, makePathway } from '../analysis/testing/make-case';
import { updateNode, updateReport } from './edit-case';
import { onlyStatusesDiffer } from './status-changes';

describe('onlyStatusesDiffer', () => {
  const base = makeCase({
    pathways: [makePathway({ key: 'p', supports: ['m1', 'm2'] })],
    mitigations: [makeMitigation({ key: 'm1' }), makeMitigation({ key: 'm2', dependsOn: ['m1'] })],
  });

  it('is true for a change of statuses, and for no change', () => {
    expect(onlyStatusesDiffer(base, base)).toBe(true);
    expect(
      onlyStatusesDiffer(base, updateNode(base, 'mitigation', 'm1', { status: 'failed' })),
    ).toBe(true);
    // Equal content in new objects compares as equal.
    expect(onlyStatusesDiffer(base, JSON.parse(JSON.stringify(base)) as typeof base)).toBe(true);
  });

  it('is false once anything but a status changes', () => {
    const changed = [
      updateNode(base, 'mitigation', 'm1', { title: 'Renamed' }),
      updateNode(base, 'mitigation', 'm1', { status: 'failed', team: 'infra' }),
      updateNode(base, 'mitigation', 'm2', { dependsOn: [] }),
      updateNode(base, 'pathway', 'p', { supports: ['m1'] }),
      updateReport(base, { title: 'Another title' }),
      { ...base, mitigations: base.mitigations.slice(1) },
    ];
    for (const c of changed) expect(onlyStatusesDiffer(base, c)).toBe(false);
  });
});
