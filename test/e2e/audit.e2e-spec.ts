import { createHash } from 'node:crypto';
import { createTestApp, type TestApp } from '../utils/create-app';
import { IMPORT, SPEC_EXAMPLE } from '../utils/fixtures';
import { createToken } from '../utils/tokens';

const R = 'pilot-2025';

interface Entry {
  actor: string | null;
  operation: string;
  report: string | null;
  arguments: string;
  outcome: string;
}
const AUDIT = `query($r: String, $limit: Int) {
  auditLog(report: $r, limit: $limit) { at actor operation report arguments outcome }
}`;

describe('the audit log of mutations', () => {
  let t: TestApp;
  let editor: string;
  let viewer: string;
  beforeAll(async () => {
    t = await createTestApp();
    expect((await t.gql(IMPORT, { document: SPEC_EXAMPLE })).errors).toBeUndefined();
    editor = (await createToken(t, { role: 'editor', name: 'alice (editor)' })).token;
    viewer = (await createToken(t, { role: 'viewer', name: 'bob (viewer)' })).token;
  });
  afterAll(() => t.close());

  const latest = async (limit = 1) => {
    const res = await t.gql<{ auditLog: Entry[] }>(AUDIT, { r: R, limit });
    expect(res.errors).toBeUndefined();
    return res.data!.auditLog;
  };

  it('records who changed what, and how it ended', async () => {
    await t.gqlAs(
      editor,
      `mutation { setMitigationStatus(report: "${R}", key: "egress-monitor", status: degraded, note: "drill") { key } }`,
    );
    const [entry] = await latest();
    expect(entry).toMatchObject({
      actor: 'alice (editor)',
      operation: 'setMitigationStatus',
      report: R,
      outcome: 'ok',
    });
    expect(JSON.parse(entry.arguments)).toEqual({
      report: R,
      key: 'egress-monitor',
      status: 'degraded',
      note: 'drill',
    });
    // The status history names the same actor.
    const history = await t.gql<{ report: { history: { actor: string }[] } }>(
      `{ report(key: "${R}") { history(limit: 1) { actor } } }`,
    );
    expect(history.data!.report.history[0].actor).toBe('alice (editor)');
  });

  it('records failures with the code the caller got, and refusals', async () => {
    await t.gqlAs(editor, `mutation { deleteClaim(report: "${R}", key: "no-such") }`);
    expect(await latest()).toMatchObject([{ operation: 'deleteClaim', outcome: 'NOT_FOUND' }]);
    await t.gqlAs(viewer, `mutation { deleteClaim(report: "${R}", key: "exfil-detected") }`);
    expect(await latest()).toMatchObject([
      { actor: 'bob (viewer)', operation: 'deleteClaim', outcome: 'FORBIDDEN' },
    ]);
  });

  it('records mutations that arrive together each with its own arguments and outcome', async () => {
    // Begun and finished in the same event-loop turns: written in batches, one entry apiece.
    const keys = ['egress-monitor', 'log-pipeline', 'no-such-control', 'weight-file-permissions'];
    await Promise.all(
      keys.map((key) =>
        t.gqlAs(
          editor,
          `mutation { setMitigationStatus(report: "${R}", key: "${key}", status: failed, note: "together") { key } }`,
        ),
      ),
    );
    const entries = await latest(keys.length);
    expect(
      entries
        .map((e) => [(JSON.parse(e.arguments) as { key: string }).key, e.outcome])
        .sort(([a], [b]) => a.localeCompare(b)),
    ).toEqual([
      ['egress-monitor', 'ok'],
      ['log-pipeline', 'ok'],
      ['no-such-control', 'NOT_FOUND'],
      ['weight-file-permissions', 'ok'],
    ]);
  });

  it('keeps a case file as its length and hash, not its text', async () => {
    await t.gqlAs(
      editor,
      'mutation($d: String!) { importCase(document: $d, replace: true) { key } }',
      {
        d: SPEC_EXAMPLE,
      },
    );
    const [entry] = await latest();
    expect(entry.operation).toBe('importCase');
    expect(JSON.parse(entry.arguments)).toEqual({
      document: {
        length: SPEC_EXAMPLE.length,
        sha256: createHash('sha256').update(SPEC_EXAMPLE).digest('hex'),
      },
      replace: true,
    });
    expect(entry.arguments).not.toContain('self-exfiltration');
  });

  it('is for owners only', async () => {
    for (const token of [editor, viewer]) {
      const res = await t.gqlAs(token, AUDIT, { r: R });
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const owner = (await createToken(t, { role: 'owner', report: R })).token;
    expect((await t.gqlAs(owner, AUDIT, { r: R })).errors).toBeUndefined();
    expect((await t.gqlAs(owner, AUDIT, {})).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
