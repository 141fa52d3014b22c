import type { Transactions } from '../../storage/database/transactions';
import { makeCase } from '../../core/analysis/testing/make-case';
import type { ReportEntity } from '../../storage/entities/report.entity';
import type { CaseStore, StoredCase } from '../../storage/repositories/case-store';
import { CaseVersions, VersionDerived } from './case-versions';
import type { StatusChangeEntity } from '../../storage/entities/status-change.entity';

const stored = (reportId: string, version: number): StoredCase => ({
  report: { id: reportId, key: reportId, version } as ReportEntity,
  case: makeCase(),
  nodeIds: new Map(),
  teamIds: new Map(),
});

describe('CaseVersions (what it keeps)', () => {
  // Versions handed over by writes only: nothing here reads the database.
  const versions = () => new CaseVersions({} as Transactions, {} as CaseStore);
  const kept = (v: CaseVersions, reportId: string, version: number) =>
    v.peek({ id: reportId, version }) !== undefined;

  it("keeps each report's latest two versions while status changes separate them", () => {
    const v = versions();
    v.prime(stored('a', 1));
    for (let n = 2; n <= 4; n++) v.prime(stored('a', n), { version: n - 1, history: [] });
    v.prime(stored('b', 1));
    expect([1, 2, 3, 4].map((n) => kept(v, 'a', n))).toEqual([false, false, true, true]);
    expect(kept(v, 'b', 1)).toBe(true);
  });

  it('keeps only a version handed over without status changes (an import), and answers readers of older ones with it', async () => {
    const v = versions();
    v.prime(stored('a', 1));
    v.prime(stored('a', 2), { version: 1, history: [] });
    v.prime(stored('b', 1));
    v.prime(stored('a', 3));
    expect([1, 2, 3].map((n) => kept(v, 'a', n))).toEqual([false, false, true]);
    expect(kept(v, 'b', 1)).toBe(true);
    // Never older than what the reader read (see `of`).
    await expect(v.of({ id: 'a', version: 2 })).resolves.toBe(v.peek({ id: 'a', version: 3 }));
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

  it('answers a read under way with the version a write handed over meanwhile', async () => {
    const row = { id: 'a', key: 'a', version: 1 } as ReportEntity;
    const transactions = { run: (work: (tx: never) => unknown) => work({} as never) };
    const store = {
      findReport: () => Promise.resolve(row),
      load: () => Promise.resolve(stored('a', 1)),
    };
    const v = new CaseVersions(
      transactions as unknown as Transactions,
      store as unknown as CaseStore,
    );
    const reading = v.of(row);
    v.prime(stored('a', 1));
    const handedOver = v.peek(row);
    expect(handedOver).toBeDefined();
    await expect(reading).resolves.toBe(handedOver);
  });

  it('carries what a version derived to the next when only status changes separate them', () => {
    const v = versions();
    const built: number[] = [];
    const counted = new VersionDerived(
      (version) => {
        built.push(version.report.version);
        return 0;
      },
      (before, history) => before + history.length,
    );
    v.prime(stored('a', 1));
    v.peek({ id: 'a', version: 1 })!.derive(counted);
    const change = { nodeKey: 'm' } as StatusChangeEntity;
    v.prime(stored('a', 2), { version: 1, history: [change, change] });
    expect(v.peek({ id: 'a', version: 2 })!.derive(counted)).toBe(2);
    // A write that changed more, or one from a version not kept: built afresh.
    v.prime(stored('a', 3));
    expect(v.peek({ id: 'a', version: 3 })!.derive(counted)).toBe(0);
    v.prime(stored('a', 5), { version: 4, history: [change] });
    expect(v.peek({ id: 'a', version: 5 })!.derive(counted)).toBe(0);
    expect(built).toEqual([1, 3, 5]);
  });

  it('answers a version that was never stored with the latest after it (a batch stores only its last)', async () => {
    const v = versions();
    v.prime(stored('a', 5));
    await expect(v.of({ id: 'a', version: 3 })).resolves.toMatchObject({ report: { version: 5 } });
  });
});

describe('CaseVersions (report rows)', () => {
  /** A database of report rows behind a counting findReportRow, and the cache over it. */
  function setUp(options: { watching: boolean }) {
    const db = new Map<string, ReportEntity>();
    const queries: string[] = [];
    const store = {
      findReportRow: (_em: unknown, ref: string | { id: string } | { key: string }) => {
        const id = typeof ref === 'string' || 'key' in ref ? undefined : ref.id;
        const key = typeof ref === 'string' ? ref : 'key' in ref ? ref.key : undefined;
        queries.push(id ?? key!);
        const row = [...db.values()].find((r) => r.id === id || r.key === key) ?? null;
        return Promise.resolve(row && { ...row });
      },
    } as unknown as CaseStore;
    let watcher: CaseVersions | undefined;
    const bus = {
      watchReports: (w: CaseVersions) => {
        watcher = w;
        w.watching(options.watching);
      },
    };
    const versions = new CaseVersions(
      { autocommit: {} } as unknown as Transactions,
      store,
      bus as never,
    );
    const put = (id: string, key: string, version: number) =>
      db.set(id, { id, key, version } as ReportEntity);
    return { versions, queries, put, db, watcher: () => watcher! };
  }

  it('reads a row once by key or id while it is told of every change', async () => {
    const { versions, queries, put } = setUp({ watching: true });
    put('a', 'alpha', 1);
    expect(await versions.findReport('alpha')).toMatchObject({ id: 'a', version: 1 });
    expect(await versions.findReport({ id: 'a' })).toMatchObject({ version: 1 });
    expect(await versions.findReport({ key: 'alpha' })).toMatchObject({ version: 1 });
    expect(queries).toEqual(['alpha']);
  });

  it('reads every time while changes may be missed, and forgets what it had', async () => {
    const { versions, queries, put, watcher } = setUp({ watching: true });
    put('a', 'alpha', 1);
    await versions.findReport('alpha');
    watcher().watching(false);
    put('a', 'alpha', 2);
    expect(await versions.findReport('alpha')).toMatchObject({ version: 2 });
    expect(await versions.findReport('alpha')).toMatchObject({ version: 2 });
    expect(queries).toEqual(['alpha', 'alpha', 'alpha']);
  });

  it('reads again after a notification of a newer version, a rename or a deletion', async () => {
    const { versions, queries, put, db } = setUp({ watching: true });
    put('a', 'alpha', 1);
    await versions.findReport('alpha');
    // Its own write's notification (the version it has) changes nothing.
    versions.changed('a', 1);
    await versions.findReport('alpha');
    expect(queries).toHaveLength(1);

    put('a', 'alpha', 2);
    versions.changed('a', 2);
    expect(await versions.findReport('alpha')).toMatchObject({ version: 2 });
    expect(queries).toHaveLength(2);

    put('a', 'renamed', 3);
    versions.changed('a', 3);
    expect(await versions.findReport('alpha')).toBeNull();
    expect(await versions.findReport('renamed')).toMatchObject({ id: 'a', version: 3 });

    db.delete('a');
    versions.changed('a', null);
    expect(await versions.findReport({ id: 'a' })).toBeNull();
  });

  it('does not keep a row that a notification already announced a later version of', async () => {
    const { versions, queries, put } = setUp({ watching: true });
    put('a', 'alpha', 1);
    // The read was answered before the write committed; its notification came first.
    const read = versions.findReport('alpha');
    versions.changed('a', 2);
    expect(await read).toMatchObject({ version: 1 });
    put('a', 'alpha', 2);
    expect(await versions.findReport('alpha')).toMatchObject({ version: 2 });
    // Nor the row of this instance's own write when another's later one was announced.
    versions.rowWritten({ id: 'a', key: 'alpha', version: 1 } as ReportEntity);
    expect(await versions.findReport('alpha')).toMatchObject({ version: 2 });
    expect(queries).toHaveLength(2);
  });

  it("takes this instance's own writes at once, and never goes back to an older row", async () => {
    const { versions, queries, put, db } = setUp({ watching: true });
    put('a', 'alpha', 1);
    const early = versions.findReport('alpha');
    versions.rowWritten({ id: 'a', key: 'alpha', version: 2 } as ReportEntity);
    // The read that began before the write ends after it: the cache keeps version 2.
    expect(await early).toMatchObject({ version: 1 });
    expect(await versions.findReport('alpha')).toMatchObject({ version: 2 });
    db.delete('a');
    versions.rowDeleted('a');
    expect(await versions.findReport('alpha')).toBeNull();
    expect(queries).toEqual(['alpha', 'alpha']);
  });
});
