import type { DataSource } from 'typeorm';
import { makeCase } from '../analysis/testing/make-case';
import type { ReportEntity } from '../reports/report.entity';
import type { CaseStore, StoredCase } from './case-store';
import { CaseVersions } from './case-versions';

const stored = (reportId: string, version: number): StoredCase => ({
  report: { id: reportId, key: reportId, version } as ReportEntity,
  case: makeCase(),
  nodeIds: new Map(),
  teamIds: new Map(),
});

describe('CaseVersions (what it keeps)', () => {
  // Versions handed over by writes only: nothing here reads the database.
  const versions = () => new CaseVersions({} as DataSource, {} as CaseStore);
  const kept = (v: CaseVersions, reportId: string, version: number) =>
    v.peek({ id: reportId, version }) !== undefined;

  it("keeps each report's latest two versions", () => {
    const v = versions();
    for (let n = 1; n <= 4; n++) v.prime(stored('a', n));
    v.prime(stored('b', 1));
    expect([1, 2, 3, 4].map((n) => kept(v, 'a', n))).toEqual([false, false, true, true]);
    expect(kept(v, 'b', 1)).toBe(true);
  });

  it('keeps 24 versions in all, dropping the least recently used', () => {
    const v = versions();
    for (let r = 0; r < 30; r++) v.prime(stored(`r${r}`, 1));
    const all = Array.from({ length: 30 }, (_, r) => kept(v, `r${r}`, 1));
    expect(all.filter(Boolean)).toHaveLength(24);
    expect(all.slice(0, 6).some(Boolean)).toBe(false);
    // A read makes a version recent again.
    void v.of({ id: 'r6', version: 1 });
    v.prime(stored('late', 1));
    expect(kept(v, 'r6', 1)).toBe(true);
    expect(kept(v, 'r7', 1)).toBe(false);
  });

  it('answers a version that was never stored with the latest after it (a batch stores only its last)', async () => {
    const v = versions();
    v.prime(stored('a', 5));
    await expect(v.of({ id: 'a', version: 3 })).resolves.toMatchObject({ report: { version: 5 } });
  });
});
