import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaseStore } from '../../src/storage/repositories/case-store';
import { StatusHistoryRepository } from '../../src/storage/repositories/status-history.repository';
import { Transactions } from '../../src/storage/database/transactions';
import { CaseVersions } from '../../src/case/cases/case-versions';
import { generateLargeCase } from '../../src/core/analysis/generate-case';
import { exportCaseFile } from '../../src/core/case-format/export-case-file';
import { createTestApp, createTestAppsSharingDatabase, type TestApp } from '../utils/create-app';
import { IMPORT } from '../utils/fixtures';
import { serverUrl } from '../utils/test-db';

const EXAMPLE = readFileSync(
  join(__dirname, '../../examples/pilot-sabotage-risk-report.yaml'),
  'utf8',
);
const REPORT = 'pilot-2025';

/**
 * A write that changes only statuses hands its new version to the cache instead of it being read
 * back: what it hands over must be exactly what reading it back gives.
 */
describe('report versions kept by status changes', () => {
  let t: TestApp;
  let versions: CaseVersions;
  beforeAll(async () => {
    t = await createTestApp();
    versions = t.app.get(CaseVersions);
    expect((await t.gql(IMPORT, { document: EXAMPLE })).errors).toBeUndefined();
    // A read caches the imported version; the writes below start from it.
    expect(
      (await t.gql(`{ report(key: "${REPORT}") { pathways { key } } }`)).errors,
    ).toBeUndefined();
  });
  afterAll(() => t.close());

  /** The cached current version next to the same version read from the database. */
  async function cachedAndStored() {
    const report = (await versions.findReport(REPORT))!;
    const cached = versions.peek(report);
    const stored = await t.app.get(Transactions).run((tx) => t.app.get(CaseStore).load(tx, report));
    return { cached: cached?.stored, stored };
  }

  const writes: [string, string][] = [
    [
      'a mitigation status',
      `mutation { setMitigationStatus(report: "${REPORT}", key: "egress-controls", status: degraded, note: "n") { key } }`,
    ],
    [
      'an evidence status',
      `mutation { setEvidenceStatus(report: "${REPORT}", key: "shade-arena-eval", status: stale) { key } }`,
    ],
    [
      'a status back',
      `mutation { setMitigationStatus(report: "${REPORT}", key: "egress-controls", status: in_place) { key } }`,
    ],
  ];

  it.each(writes)(
    'after %s, the version is cached without a read and equals what is stored',
    async (_, mutation) => {
      const before = (await versions.findReport(REPORT))!.version;
      const loads = jest.spyOn(CaseStore.prototype, 'load');
      try {
        expect((await t.gql(mutation)).errors).toBeUndefined();
        // Neither the write nor its answer read the case: the first from the cache, the second primed.
        expect(loads).not.toHaveBeenCalled();
      } finally {
        loads.mockRestore();
      }
      const { cached, stored } = await cachedAndStored();
      expect(stored.report.version).toBe(before + 1);
      expect(cached).toBeDefined();
      expect(cached!.case).toStrictEqual(stored.case);
      expect(cached!.nodeIds).toEqual(stored.nodeIds);
      expect(cached!.teamIds).toEqual(stored.teamIds);
      expect(cached!.report).toMatchObject({
        id: stored.report.id,
        key: REPORT,
        version: stored.report.version,
      });
    },
  );

  it("carries a version's first history pages over status changes, as the database has them", async () => {
    const HISTORY = `{ report(key: "${REPORT}") {
      first: history(limit: 4) { key from to at source actor note }
      later: history(limit: 2, offset: 1) { key to }
      mitigations { key history(limit: 2) { key from to at note } } } }`;
    type Change = { key: string; from: string | null; to: string; at: string; note: string | null };
    type Answer = {
      report: {
        first: (Change & { source: string; actor: string | null })[];
        later: { key: string; to: string }[];
        mitigations: { key: string; history: Change[] }[];
      };
    };
    const read = async () => {
      const res = await t.gql<Answer>(HISTORY);
      expect(res.errors).toBeUndefined();
      return res.data!.report;
    };
    await read(); // the pages of the current version, kept with it
    const pages = jest.spyOn(StatusHistoryRepository.prototype, 'pages');
    let carried: Answer['report'];
    try {
      for (const mutation of [
        `mutation { setMitigationStatus(report: "${REPORT}", key: "egress-controls", status: failed, note: "carried") { key } }`,
        // Stale since the writes above: back to valid.
        `mutation { setEvidenceStatus(report: "${REPORT}", key: "shade-arena-eval", status: valid) { key } }`,
      ]) {
        expect((await t.gql(mutation)).errors).toBeUndefined();
      }
      carried = await read();
      // Only the page at an offset was read again: the first pages came over with the writes.
      expect(pages.mock.calls.map(([, page]) => page.offset)).toEqual([1]);
    } finally {
      pages.mockRestore();
    }
    expect(carried.first.slice(0, 2).map((c) => [c.key, c.to])).toEqual([
      ['shade-arena-eval', 'valid'],
      ['egress-controls', 'failed'],
    ]);
    // What the database gives for the same pages.
    const report = (await versions.findReport(REPORT))!;
    const history = t.app.get(StatusHistoryRepository);
    const stored = (
      await history.pages({ owners: 'reports', reportIds: [report.id] }, { offset: 0, limit: 4 })
    ).get(report.id)!;
    expect(carried.first).toEqual(
      stored.map((c) => ({
        key: c.nodeKey,
        from: c.fromStatus,
        to: c.toStatus,
        at: c.changedAt.toISOString(),
        source: c.source,
        actor: c.actor,
        note: c.note,
      })),
    );
    const nodes = carried.mitigations.filter((m) => m.history.length > 0);
    const storedNodes = await history.pages(
      { owners: 'nodes', nodes: nodes.map((m) => ({ reportId: report.id, nodeKey: m.key })) },
      { offset: 0, limit: 2 },
    );
    for (const m of nodes) {
      expect(m.history).toEqual(
        storedNodes.get(`${report.id}:${m.key}`)!.map((c) => ({
          key: c.nodeKey,
          from: c.fromStatus,
          to: c.toStatus,
          at: c.changedAt.toISOString(),
          note: c.note,
        })),
      );
    }
    expect(nodes.find((m) => m.key === 'egress-controls')!.history[0]).toMatchObject({
      to: 'failed',
      note: 'carried',
    });
  });

  it('reads a structural change back, and keeps the cached content immutable', async () => {
    const res = await t.gql(
      `mutation { createMitigation(report: "${REPORT}", input: { key: "new-control", title: "New", status: planned }) { key status } }`,
    );
    expect(res.errors).toBeUndefined();
    const { cached, stored } = await cachedAndStored();
    expect(cached!.case).toStrictEqual(stored.case);
    expect(Object.isFrozen(cached!.case.mitigations[0])).toBe(true);
  });

  it('knows an imported version exactly as it would read it back, new or replacing', async () => {
    const generated = generateLargeCase({
      mitigations: 12,
      claims: 30,
      pathways: 4,
      links: 120,
      seed: 7,
    });
    const c = {
      ...generated,
      report: { ...generated.report, key: 'imported' },
      pathways: generated.pathways.map((p, i) =>
        i === 0 ? { ...p, restricted: true as const } : p,
      ),
    };
    // A date-only validUntil, as people write it: stored as the instant it names.
    const document = exportCaseFile({ case: c });
    const withValidity = document.replace(
      /^evidence:\n {2}- key: ([^\n]+)\n/m,
      (m) => `${m}    validUntil: 2031-05-01\n`,
    );
    expect(withValidity).not.toBe(document);
    for (const [doc, replace] of [
      [withValidity, false],
      [withValidity.replace('status: in_place', 'status: degraded'), true],
    ] as const) {
      const loads = jest.spyOn(CaseStore.prototype, 'load');
      try {
        expect((await t.gql(IMPORT, { document: doc, replace })).errors).toBeUndefined();
        // Nor does a replace read the case it replaces: the first import handed it over.
        expect(loads).not.toHaveBeenCalled();
      } finally {
        loads.mockRestore();
      }
      const report = (await versions.findReport('imported'))!;
      const cached = versions.peek(report);
      expect(cached).toBeDefined();
      const stored = await t.app
        .get(Transactions)
        .run((tx) => t.app.get(CaseStore).load(tx, report));
      expect(cached!.stored.case).toStrictEqual(stored.case);
      expect(cached!.stored.nodeIds).toEqual(stored.nodeIds);
      expect(cached!.stored.teamIds).toEqual(stored.teamIds);
      expect(stored.case.evidence[0].validUntil).toBe('2031-05-01T00:00:00.000Z');
    }
  });
});

// Two instances on one database. Instance B caches report rows; what changes them elsewhere
// reaches it by a trigger's NOTIFY. Status changes are written in one statement, on the version
// the instance holds; when another instance has written since, nothing is written and the
// change runs again under the lock.
(serverUrl() ? describe : describe.skip)('two instances sharing a report (PostgreSQL)', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    [a, b] = await createTestAppsSharingDatabase(2);
    expect((await a.gql(IMPORT, { document: EXAMPLE })).errors).toBeUndefined();
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  const set = (t: TestApp, status: string, note: string) =>
    t.gql<{ setMitigationStatus: { key: string } }>(
      `mutation { setMitigationStatus(report: "${REPORT}", key: "egress-controls", status: ${status}, note: "${note}") { key } }`,
    );
  const history = async () => {
    const { data } = await a.gql<{
      report: { version: number; history: { note: string; from: string; to: string }[] };
    }>(`{ report(key: "${REPORT}") { version history(limit: 100) { note from to } } }`);
    return { version: data!.report.version, history: [...data!.report.history].reverse() };
  };

  it('writes on a version that moved on: nothing is written, and it runs again under the lock', async () => {
    // B holds the current version; A's change reaches B only later (its notification held back).
    expect(
      (await b.gql(`{ report(key: "${REPORT}") { pathways { key } } }`)).errors,
    ).toBeUndefined();
    const before = (await history()).version;
    const held = jest.spyOn(b.app.get(CaseVersions), 'changed').mockImplementation(() => undefined);
    const statusWrites = jest.spyOn(CaseStore.prototype, 'writeStatusesIfAt');
    try {
      expect((await set(a, 'degraded', 'from a')).errors).toBeUndefined();
      expect((await set(b, 'failed', 'from b')).errors).toBeUndefined();
      const outcomes = await Promise.all(
        statusWrites.mock.results.map((r) => r.value as Promise<unknown>),
      );
      // A's wrote; B's found the report moved on and wrote nothing.
      expect(outcomes.map((o) => o === null)).toEqual([false, true]);
    } finally {
      held.mockRestore();
      statusWrites.mockRestore();
    }
    const after = await history();
    expect(after.version).toBe(before + 2);
    expect(after.history.slice(-2)).toEqual([
      { note: 'from a', from: 'in_place', to: 'degraded' },
      { note: 'from b', from: 'degraded', to: 'failed' },
    ]);
  });

  it('lands every change from both, each once and in a complete history', async () => {
    const start = await history();
    const notes: string[] = [];
    for (let i = 0; i < 10; i++) {
      // Two statuses a round, none of the round before's (nor 'failed', where the test before
      // leaves it, nor where the test after sets it): no change sets what is there already, in
      // whichever order the two land (one that did would rightly make no version).
      const [x, y] = await Promise.all([
        set(a, i % 2 ? 'degraded' : 'planned', `a${i}`),
        set(b, i % 2 ? 'in_place' : 'in_progress', `b${i}`),
      ]);
      expect(x.errors).toBeUndefined();
      expect(y.errors).toBeUndefined();
      notes.push(`a${i}`, `b${i}`);
    }
    // Each instance answers from its cache until the notification of the other's last write
    // reaches it, a moment after that write commits: wait for both (the next test reads B).
    const versionOf = async (t: TestApp) =>
      (await t.gql<{ report: { version: number } }>(`{ report(key: "${REPORT}") { version } }`))
        .data!.report.version;
    for (const deadline = Date.now() + 2000; Date.now() < deadline;) {
      const seen = await Promise.all([versionOf(a), versionOf(b)]);
      if (seen.every((v) => v >= start.version + 20)) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const end = await history();
    expect(end.version).toBe(start.version + 20);
    const added = end.history.slice(start.history.length);
    expect(added.map((h) => h.note).sort()).toEqual(notes.sort());
    // Each change starts from where the one before it left the mitigation.
    const chain = end.history.filter((h) => h.note !== null);
    for (let i = 1; i < chain.length; i++) expect(chain[i].from).toBe(chain[i - 1].to);
  });

  /** What B answers for `query`, once it equals `expected` (or after 2 s, to fail on). */
  async function bAnswers(query: string, expected: unknown): Promise<unknown> {
    const deadline = Date.now() + 2000;
    for (;;) {
      const { data, errors } = await b.gql(query);
      const answer = errors ? errors : data;
      if (JSON.stringify(answer) === JSON.stringify(expected) || Date.now() > deadline) {
        return answer;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('answers from its cache without a query, and sees every change made elsewhere', async () => {
    const version = `{ report(key: "${REPORT}") { version title } }`;
    const first = (await b.gql<{ report: { version: number } }>(version)).data!.report.version;
    const reads = jest.spyOn(CaseStore.prototype, 'findReportRow');
    try {
      await b.gql(version);
      await b.gql(`{ report(key: "${REPORT}") { pathways { key } } }`);
      expect(reads).not.toHaveBeenCalled();
    } finally {
      reads.mockRestore();
    }

    expect(
      (
        await a.gql(
          `mutation { setMitigationStatus(report: "${REPORT}", key: "egress-controls", status: failed) { key } }`,
        )
      ).errors,
    ).toBeUndefined();
    const status = `{ report(key: "${REPORT}") { version node(key: "egress-controls") { ... on Mitigation { status } } } }`;
    expect(
      await bAnswers(status, { report: { version: first + 1, node: { status: 'failed' } } }),
    ).toEqual({
      report: { version: first + 1, node: { status: 'failed' } },
    });

    // A change by SQL from outside any instance (an operator's fix) is announced too.
    await a.dataSource.query(
      `UPDATE report SET title = 'Fixed by hand', version = version + 1 WHERE key = $1`,
      [REPORT],
    );
    expect(
      await bAnswers(version, { report: { version: first + 2, title: 'Fixed by hand' } }),
    ).toEqual({
      report: { version: first + 2, title: 'Fixed by hand' },
    });

    expect(
      (
        await a.gql(
          `mutation { updateReport(key: "${REPORT}", input: { key: "renamed" }) { key } }`,
        )
      ).errors,
    ).toBeUndefined();
    expect(
      await bAnswers(`{ report(key: "renamed") { version } }`, { report: { version: first + 3 } }),
    ).toEqual({
      report: { version: first + 3 },
    });
    expect(await bAnswers(`{ report(key: "${REPORT}") { version } }`, { report: null })).toEqual({
      report: null,
    });

    expect((await a.gql(`mutation { deleteReport(key: "renamed") }`)).errors).toBeUndefined();
    expect(await bAnswers(`{ report(key: "renamed") { version } }`, { report: null })).toEqual({
      report: null,
    });
  });
});
