import request from 'supertest';
import { CaseService } from '../../src/case/cases/case.service';
import { updateNode } from '../../src/core/case-model/edit-case';
import { createTestApp, createTestAppsSharingDatabase, type TestApp } from '../utils/create-app';
import { IMPORT, SPEC_EXAMPLE } from '../utils/fixtures';
import { collect, subscribe } from '../utils/subscriptions';
import { serverUrl } from '../utils/test-db';

const R = 'pilot-2025';
const STATUS = `subscription($r: String!) { statusChanged(report: $r) { key nodeKind from to source actor note } }`;
const ARGUMENT = `subscription($r: String!) { argumentChanged(report: $r) {
  report version changes { key to source }
  broken { key nodeKind before after } restored { key nodeKind before after } marginChanged { key before after }
} }`;

interface StatusEvent {
  statusChanged: {
    key: string;
    from: string | null;
    to: string;
    source: string;
    actor: string | null;
    note: string | null;
  };
}
interface ArgumentEvent {
  argumentChanged: {
    report: string;
    version: number;
    changes: { key: string; to: string; source: string }[];
    broken: { key: string; nodeKind: string; before: number; after: number }[];
    restored: { key: string; nodeKind: string; before: number; after: number }[];
    marginChanged: { key: string; before: number; after: number }[];
  };
}

/** The report's status changes, but those of its import (which may still be on their way). */
const statusChanges = (client: Parameters<typeof collect>[0]) =>
  collect<StatusEvent>(client, STATUS, { r: R }, (e) => e.statusChanged.source !== 'import');

describe('subscriptions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      hook: {
        token: 'h',
        reportLabel: 'report',
        mitigationLabel: 'mitigation',
        statusAnnotation: 'loadbearing_status',
      },
    });
    expect((await t.gql(IMPORT, { document: SPEC_EXAMPLE })).errors).toBeUndefined();
  });
  afterAll(() => t.close());

  it('emits each status change and what it did to the argument, whether it came through the API, the hook or expiry', async () => {
    const client = await subscribe(t);
    try {
      const status = statusChanges(client);
      const argument = collect<ArgumentEvent>(
        client,
        ARGUMENT,
        { r: R },
        (e) => e.argumentChanged.version > 1,
      );
      const other = collect<StatusEvent>(client, STATUS, { r: 'another-report' });
      await Promise.all([status.started, argument.started]);

      // API: the only support of no-coherent-goals goes stale, which breaks it and self-exfiltration.
      await t.gql(
        `mutation { setEvidenceStatus(report: "${R}", key: "alignment-audit", status: stale, note: "re-audit due") { key } }`,
      );
      expect((await status.next(1)).statusChanged).toEqual({
        key: 'alignment-audit',
        nodeKind: 'evidence',
        from: 'valid',
        to: 'stale',
        source: 'api',
        actor: 'admin',
        note: 're-audit due',
      });
      const broke = (await argument.next(1)).argumentChanged;
      expect(broke.changes).toEqual([{ key: 'alignment-audit', to: 'stale', source: 'api' }]);
      expect(broke.broken).toEqual([
        { key: 'no-coherent-goals', nodeKind: 'claim', before: 1, after: 0 },
        { key: 'self-exfiltration', nodeKind: 'pathway', before: 1, after: 0 },
      ]);
      expect(broke.restored).toEqual([]);

      // Hook: the egress monitor degrades; exfil-detected keeps weight-file-permissions (2 → 1).
      await request(t.http)
        .post('/hooks/alertmanager')
        .set('Authorization', 'Bearer h')
        .send({
          version: '4',
          status: 'firing',
          alerts: [
            {
              status: 'firing',
              fingerprint: 'f1',
              labels: { alertname: 'EgressDown', report: R, mitigation: 'egress-monitor' },
            },
          ],
        });
      expect((await status.next(2)).statusChanged).toMatchObject({
        key: 'egress-monitor',
        to: 'degraded',
        source: 'webhook',
      });
      expect((await argument.next(2)).argumentChanged.marginChanged).toEqual([
        { key: 'exfil-detected', before: 2, after: 1 },
      ]);

      // Expiry: a window that has passed, noticed at the next read.
      await t.gql(
        `mutation { updateEvidence(report: "${R}", key: "alignment-audit", input: { status: valid, validUntil: "2020-01-01T00:00:00Z" }) { key } }`,
      );
      const restored = (await argument.next(3)).argumentChanged;
      expect(keysOf(restored.restored)).toEqual(['no-coherent-goals', 'self-exfiltration']);
      await t.gql(`{ report(key: "${R}") { key } }`);
      expect((await status.next(4)).statusChanged).toMatchObject({
        key: 'alignment-audit',
        from: 'valid',
        to: 'stale',
        source: 'expiry',
      });
      expect(keysOf((await argument.next(4)).argumentChanged.broken)).toEqual([
        'no-coherent-goals',
        'self-exfiltration',
      ]);

      expect(other.events).toEqual([]);
      status.dispose();
      argument.dispose();
      other.dispose();
    } finally {
      await client.dispose();
    }
  });

  it('emits the changes of writes committed together each once, in the order they were made', async () => {
    const client = await subscribe(t);
    try {
      const status = statusChanges(client);
      await status.started;
      const keys = ['log-pipeline', 'egress-monitor', 'weight-file-permissions'];
      const cases = t.app.get(CaseService);
      // Queued together: the first runs alone, the others are committed in one write.
      await Promise.all(
        [...keys, keys[0]].map((key, i) =>
          cases.edit(R, (c) => updateNode(c, 'mitigation', key, { status: 'failed' }), {
            source: 'api',
            actor: 'test',
            note: `batch ${i}`,
          }),
        ),
      );
      await status.next(keys.length);
      expect(status.events.map((e) => [e.statusChanged.key, e.statusChanged.note])).toEqual(
        keys.map((key, i) => [key, `batch ${i}`]),
      );
      status.dispose();
    } finally {
      await client.dispose();
    }
  });

  it('refuses subscriptions beyond the document limits, as over HTTP, before they start', async () => {
    const client = await subscribe(t);
    try {
      const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: key`).join(' ');
      const tooManyAliases = collect(
        client,
        `subscription { statusChanged(report: "${R}") { ${aliases} } }`,
        {},
      );
      const tooLongKey = collect(
        client,
        'subscription($r: String!) { statusChanged(report: $r) { key } }',
        {
          r: 'k'.repeat(81),
        },
      );
      const tooManyTokens = collect(
        client,
        `subscription { statusChanged(report: "${R}") { key ${'__typename '.repeat(60_000)} } }`,
        {},
      );
      for (const refused of [tooManyAliases, tooLongKey, tooManyTokens]) {
        const errors = (await refused.error()) as {
          message: string;
          extensions?: { code?: string };
        }[];
        expect(errors[0].extensions?.code).toBe('BAD_USER_INPUT');
      }
      expect(((await tooManyAliases.error()) as { message: string }[])[0].message).toMatch(
        /31 aliased fields/,
      );
      expect(((await tooManyTokens.error()) as { message: string }[])[0].message).toMatch(/tokens/);
    } finally {
      await client.dispose();
    }
  });
});

const keysOf = (shifts: { key: string }[]) => shifts.map((s) => s.key);

(serverUrl() ? describe : describe.skip)('subscriptions across instances (PostgreSQL)', () => {
  it('delivers a change made through instance A to a subscriber on instance B', async () => {
    const [a, b] = await createTestAppsSharingDatabase(2);
    const client = await subscribe(b);
    try {
      expect((await a.gql(IMPORT, { document: SPEC_EXAMPLE })).errors).toBeUndefined();
      const status = statusChanges(client);
      await status.started;
      await a.gql(
        `mutation { setMitigationStatus(report: "${R}", key: "log-pipeline", status: failed, note: "disk full") { key } }`,
      );
      expect((await status.next(1)).statusChanged).toMatchObject({
        key: 'log-pipeline',
        from: 'in_place',
        to: 'failed',
        note: 'disk full',
      });
      status.dispose();
    } finally {
      await client.dispose();
      await a.close();
      await b.close();
    }
  });
});
