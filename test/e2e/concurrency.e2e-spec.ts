import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { CaseStore } from '../../src/storage/repositories/case-store';
import { CaseService } from '../../src/case/cases/case.service';
import type { Case } from '../../src/core/case-model/case';
import { updateNode } from '../../src/core/case-model/edit-case';
import { createTestApp, type GqlResponse, type TestApp } from '../utils/create-app';
import { IMPORT } from '../utils/fixtures';
import { rowCounts } from '../utils/row-counts';
import { createToken } from '../utils/tokens';

const R = 'pilot-2025';
const CLAIM = 'weights-inaccessible-to-agent-sessions';
const EXAMPLE = readFileSync(
  join(__dirname, '../../examples/pilot-sabotage-risk-report.yaml'),
  'utf8',
);

interface HistoryRow {
  seq: string;
  key: string;
  from: string | null;
  to: string;
  actor: string | null;
  note: string | null;
}

/**
 * Concurrent writers on one report: every write is serialised by the report's lock, so none is
 * lost; a write that carries the version it read (`expectedVersion`) is refused with CONFLICT
 * when another write got in first, and writes nothing.
 */
describe('concurrent writers on one report', () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await createTestApp();
    expect((await t.gql(IMPORT, { document: EXAMPLE })).errors).toBeUndefined();
    // A real listening socket, so that parallel requests arrive as parallel HTTP connections.
    await t.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(t.http.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => t.close());

  /** One POST over its own connection (fetch), as an independent client would send it. */
  async function post<T = Record<string, unknown>>(
    token: string,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GqlResponse<T>> {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GqlResponse<T>;
  }

  const ok = <T>(res: GqlResponse<T>): T => {
    expect(res.errors).toBeUndefined();
    return res.data!;
  };

  async function version(): Promise<number> {
    return ok(await t.gql<{ report: { version: number } }>(`{ report(key: "${R}") { version } }`))
      .report.version;
  }

  async function statuses(): Promise<Map<string, string>> {
    const data = ok(
      await t.gql<{
        report: {
          mitigations: { key: string; status: string }[];
          evidence: { key: string; status: string }[];
        };
      }>(`{ report(key: "${R}") { mitigations { key status } evidence { key status } } }`),
    );
    return new Map(
      [...data.report.mitigations, ...data.report.evidence].map((n) => [n.key, n.status]),
    );
  }

  /** The report's status history, oldest first, in the order it was committed (seq). */
  async function history(): Promise<HistoryRow[]> {
    const rows = await t.dataSource.query<
      {
        seq: string;
        node_key: string;
        from_status: string | null;
        to_status: string;
        actor: string | null;
        note: string | null;
      }[]
    >(
      `SELECT s.seq, s.node_key, s.from_status, s.to_status, s.actor, s.note
         FROM status_change s JOIN report r ON r.id = s.report_id
        WHERE r.key = $1 ORDER BY s.seq`,
      [R],
    );
    return rows.map((r) => ({
      seq: String(r.seq),
      key: r.node_key,
      from: r.from_status,
      to: r.to_status,
      actor: r.actor,
      note: r.note,
    }));
  }

  /** Everything a refused write must leave as it was. */
  async function snapshot() {
    return {
      rows: await rowCounts(t.dataSource),
      history: await history(),
      version: await version(),
      exported: ok(
        await t.gql<{ report: { exportCase: string } }>(`{ report(key: "${R}") { exportCase } }`),
      ).report.exportCase,
    };
  }

  const SET_MITIGATION = `mutation($key: String!, $status: MitigationStatus!, $note: String, $v: Int) {
    setMitigationStatus(report: "${R}", key: $key, status: $status, note: $note, expectedVersion: $v) { key status }
  }`;
  const SET_EVIDENCE = `mutation($key: String!, $status: EvidenceStatus!, $note: String, $v: Int) {
    setEvidenceStatus(report: "${R}", key: $key, status: $status, note: $note, expectedVersion: $v) { key status }
  }`;

  it('two clients that read the same version: one write lands, the other gets CONFLICT; its retry on the new version lands', async () => {
    const alice = await createToken(t, { name: 'alice', role: 'editor', report: R });
    const bob = await createToken(t, { name: 'bob', role: 'editor', report: R });
    const key = 'egress-monitor';
    const initial = (await statuses()).get(key)!;
    expect(initial).toBe('in_place');
    const v = await version();
    const historyBefore = await history();

    const wants = { alice: 'degraded', bob: 'failed' } as const;
    const [a, b] = await Promise.all([
      post(alice.token, SET_MITIGATION, { key, status: wants.alice, note: 'alice', v }),
      post(bob.token, SET_MITIGATION, { key, status: wants.bob, note: 'bob', v }),
    ]);
    const results = { alice: a, bob: b };
    const winners = (['alice', 'bob'] as const).filter((who) => !results[who].errors);
    expect(winners).toHaveLength(1);
    const winner = winners[0];
    const loser = winner === 'alice' ? 'bob' : 'alice';
    const refusal = results[loser].errors!;
    expect(refusal).toHaveLength(1);
    expect(refusal[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    expect(refusal[0].message).toBe(
      `report '${R}' is at version ${v + 1}, not the expected version ${v}: ` +
        'it changed since it was read; read it again and retry',
    );

    // The winner's state, one version on, one history row (the winner's).
    expect((await statuses()).get(key)).toBe(wants[winner]);
    expect(await version()).toBe(v + 1);
    const added = (await history()).slice(historyBefore.length);
    expect(added.map(({ key, from, to, actor, note }) => ({ key, from, to, actor, note }))).toEqual(
      [{ key, from: initial, to: wants[winner], actor: winner, note: winner }],
    );

    // The loser reads again and retries on the version it now sees.
    const tokens = { alice: alice.token, bob: bob.token };
    const retried = await post(tokens[loser], SET_MITIGATION, {
      key,
      status: wants[loser],
      note: loser,
      v: v + 1,
    });
    expect(ok(retried)).toEqual({ setMitigationStatus: { key, status: wants[loser] } });
    expect(await version()).toBe(v + 2);
    const all = (await history()).slice(historyBefore.length);
    expect(all.map(({ from, to, actor }) => ({ from, to, actor }))).toEqual([
      { from: initial, to: wants[winner], actor: winner },
      { from: wants[winner], to: wants[loser], actor: loser },
    ]);
  });

  it('many parallel status changes without expectedVersion: none lost, each in the history once, in chains', async () => {
    const before = await statuses();
    const v = await version();
    const historyBefore = await history();
    const inPlace = [...before].filter(([, s]) => s === 'in_place').map(([k]) => k);
    const valid = [...before].filter(([, s]) => s === 'valid').map(([k]) => k);
    expect(inPlace.length).toBeGreaterThanOrEqual(14);
    expect(valid.length).toBeGreaterThanOrEqual(3);

    type Write = { kind: 'mitigation' | 'evidence'; key: string; status: string; changes: boolean };
    const writes: Write[] = [
      // One mitigation set to five different statuses at once: every order changes it five times.
      ...['in_progress', 'planned', 'degraded', 'failed', 'retired'].map((status): Write => ({
        kind: 'mitigation',
        key: inPlace[0],
        status,
        changes: true,
      })),
      // Twelve others, once each.
      ...inPlace
        .slice(1, 13)
        .map((key): Write => ({ kind: 'mitigation', key, status: 'degraded', changes: true })),
      // One evidence item twice, another once.
      { kind: 'evidence', key: valid[0], status: 'stale', changes: true },
      { kind: 'evidence', key: valid[0], status: 'invalidated', changes: true },
      { kind: 'evidence', key: valid[1], status: 'stale', changes: true },
      // Two that change nothing: no version, no history.
      { kind: 'mitigation', key: inPlace[13], status: 'in_place', changes: false },
      { kind: 'evidence', key: valid[2], status: 'valid', changes: false },
    ];
    const changes = writes.filter((w) => w.changes).length;
    expect(changes).toBe(20);

    const responses = await Promise.all(
      writes.map((w, i) =>
        post(t.adminToken, w.kind === 'mitigation' ? SET_MITIGATION : SET_EVIDENCE, {
          key: w.key,
          status: w.status,
          note: `write-${i}`,
        }),
      ),
    );
    for (const res of responses) expect(res.errors).toBeUndefined();

    expect(await version()).toBe(v + changes);
    const added = (await history()).slice(historyBefore.length);
    expect(added).toHaveLength(changes);
    // Every change exactly once (by its note), and nothing for the writes that changed nothing.
    expect(added.map((h) => h.note).sort()).toEqual(
      writes.flatMap((w, i) => (w.changes ? [`write-${i}`] : [])).sort(),
    );
    for (const h of added) {
      const w = writes[Number(h.note!.slice('write-'.length))];
      expect({ key: h.key, to: h.to }).toEqual({ key: w.key, to: w.status });
    }
    // Per node, in commit order: each change starts where the one before ended, from the status
    // before the burst to the status now.
    const after = await statuses();
    for (const key of new Set(writes.map((w) => w.key))) {
      const chain = added.filter((h) => h.key === key);
      let at = before.get(key)!;
      for (const h of chain) {
        expect(h.from).toBe(at);
        at = h.to;
      }
      expect(after.get(key)).toBe(at);
    }
    expect(
      added
        .filter((h) => h.key === inPlace[0])
        .map((h) => h.to)
        .sort(),
    ).toEqual(['degraded', 'failed', 'in_progress', 'planned', 'retired']);
  });

  it('writes that queue up are committed together, each with its own version; a bad one fails alone', async () => {
    // Mitigations (not evidence) that a change to failed changes.
    const notFailed = [...(await statuses())]
      .filter(([, s]) => !['failed', 'valid', 'stale', 'invalidated'].includes(s))
      .map(([k]) => k);
    expect(notFailed.length).toBeGreaterThanOrEqual(14);
    const cases = t.app.get(CaseService);
    const fail = (key: string) => (c: Case) =>
      updateNode(c, 'mitigation', key, { status: 'failed' });
    const origin = (note: string) => ({ source: 'api' as const, actor: 'test', note });
    const stale = await version();
    await cases.edit(R, fail(notFailed[13]), origin('first'));
    const v = await version();
    const historyBefore = await history();
    // Status changes are written by one statement each (writeStatusesIfAt), other writes by a
    // transaction (persistDiff): two writes to the database in all.
    const persists = jest.spyOn(CaseStore.prototype, 'persistDiff');
    const statusWrites = jest.spyOn(CaseStore.prototype, 'writeStatusesIfAt');
    try {
      const good = notFailed.slice(0, 12);
      // All queued at once: the first runs alone, the others wait and go together.
      const results = await Promise.allSettled([
        ...good.map((key) => cases.edit(R, fail(key), origin(key))),
        cases.edit(R, fail('no-such-control'), origin('unknown')),
        cases.edit(R, fail(notFailed[12]), origin('stale'), { expectedVersion: stale }),
      ]);
      const answers = results.slice(0, good.length).map((r) => {
        expect(r.status).toBe('fulfilled');
        return (r as PromiseFulfilledResult<{ version: number }>).value.version;
      });
      // Each write answers the version it made, in the order they came.
      expect(answers).toEqual(good.map((_, i) => v + i + 1));
      const [unknown, refused] = results.slice(good.length) as PromiseRejectedResult[];
      expect(unknown.reason).toMatchObject({ code: 'NODE_NOT_FOUND' });
      expect(refused.reason).toMatchObject({ code: 'STALE_VERSION' });
      expect(statusWrites).toHaveBeenCalledTimes(2);
      expect(persists).not.toHaveBeenCalled();

      expect(await version()).toBe(v + good.length);
      const added = (await history()).slice(historyBefore.length);
      expect(added.map((h) => h.note)).toEqual(good);
      expect((await statuses()).get(notFailed[12])).not.toBe('failed');
    } finally {
      persists.mockRestore();
      statusWrites.mockRestore();
    }
  });

  it('a stale expectedVersion leaves everything as it was, for every kind of write', async () => {
    const v = await version();
    const stale = v - 1;
    const before = await snapshot();
    const document = before.exported.replace(/^( {2}title: ).*$/m, '$1Replaced by a stale client');
    const writes: [string, Record<string, unknown>][] = [
      [
        `mutation($v: Int) { setMitigationStatus(report: "${R}", key: "egress-monitor", status: failed, expectedVersion: $v) { key } }`,
        {},
      ],
      [
        `mutation($v: Int) { setEvidenceStatus(report: "${R}", key: "shade-arena-eval", status: stale, expectedVersion: $v) { key } }`,
        {},
      ],
      [
        `mutation($v: Int) { updateMitigation(report: "${R}", key: "egress-monitor", input: { title: "x" }, expectedVersion: $v) { key } }`,
        {},
      ],
      [
        `mutation($v: Int) { createPathway(report: "${R}", input: { key: "new-pathway", title: "New" }, expectedVersion: $v) { key } }`,
        {},
      ],
      [
        `mutation($v: Int) { createClaim(report: "${R}", input: { key: "new-claim", statement: "New", assumed: true }, expectedVersion: $v) { key } }`,
        {},
      ],
      [
        `mutation($v: Int) { deleteMitigation(report: "${R}", key: "egress-monitor", expectedVersion: $v) }`,
        {},
      ],
      [
        `mutation($v: Int) { createTeam(report: "${R}", input: { key: "new-team" }, expectedVersion: $v) { key } }`,
        {},
      ],
      [
        `mutation($v: Int) { updateReport(key: "${R}", input: { title: "x" }, expectedVersion: $v) { key } }`,
        {},
      ],
      [
        `mutation($v: Int) { removeDependency(report: "${R}", mitigation: "egress-monitor", dependsOn: "security-logging", expectedVersion: $v) { key } }`,
        {},
      ],
      [
        `mutation($d: String!, $v: Int) { importCase(document: $d, replace: true, expectedVersion: $v) { key } }`,
        { d: document },
      ],
      [
        `mutation($v: Int) { addSupport(report: "${R}", to: "${CLAIM}", support: "shade-arena-eval", position: 0, expectedVersion: $v) { key } }`,
        {},
      ],
      [`mutation($v: Int) { deleteReport(key: "${R}", expectedVersion: $v) }`, {}],
    ];
    for (const [query, variables] of writes) {
      const res = await t.gql(query, { ...variables, v: stale });
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0].extensions).toMatchObject({
        code: 'CONFLICT',
        reason: 'STALE_VERSION',
      });
      expect(res.errors![0].message).toContain(
        `report '${R}' is at version ${v}, not the expected version ${stale}`,
      );
    }
    expect(await snapshot()).toEqual(before);

    // The same with the current version goes through (and the next stale one does not).
    const replaced = await t.gql<{ importCase: { version: number } }>(
      `mutation($d: String!, $v: Int) { importCase(document: $d, replace: true, expectedVersion: $v) { version } }`,
      { d: document, v },
    );
    expect(ok(replaced).importCase.version).toBe(v + 1);
    const linked = await t.gql<{ addSupport: { supports: { key: string }[] } }>(
      `mutation($v: Int) { addSupport(report: "${R}", to: "${CLAIM}", support: "shade-arena-eval", position: 0, expectedVersion: $v) { ... on Claim { supports { key } } } }`,
      { v: v + 1 },
    );
    expect(ok(linked).addSupport.supports[0].key).toBe('shade-arena-eval');
    expect(await version()).toBe(v + 2);
    const again = await t.gql(
      `mutation($v: Int) { updateReport(key: "${R}", input: { title: "x" }, expectedVersion: $v) { key } }`,
      { v },
    );
    expect(again.errors?.[0].extensions?.reason).toBe('STALE_VERSION');
  });

  it('refuses an expectedVersion for a report that does not exist, and one below 1', async () => {
    const rows = await rowCounts(t.dataSource);
    const missing = await t.gql(
      `mutation($d: String!) { importCase(document: $d, replace: true, expectedVersion: 3) { key } }`,
      { d: EXAMPLE.replace('key: pilot-2025', 'key: never-imported') },
    );
    expect(missing.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'STALE_VERSION',
    });
    expect(missing.errors?.[0].message).toBe(
      "report 'never-imported' does not exist (expected version 3)",
    );
    const zero = await t.gql(
      `mutation { updateReport(key: "${R}", input: { title: "x" }, expectedVersion: 0) { key } }`,
    );
    expect(zero.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await rowCounts(t.dataSource)).toEqual(rows);
  });
});
