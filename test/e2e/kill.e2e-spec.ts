import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { generateLargeCase } from '../../src/core/analysis/generate-case';
import { exportCaseFile } from '../../src/core/case-format/export-case-file';
import { parseCaseFile } from '../../src/core/case-format/parse-case-file';
import type { Case } from '../../src/core/case-model/case';
import { declareReferencedTeams } from '../../src/core/case-model/edit-case';
import { IMPORT, SPEC_EXAMPLE } from '../utils/fixtures';
import {
  adminAuthorization,
  createServiceDatabase,
  importRequest,
  listeningPort,
  startService,
  type ServiceProcess,
} from '../utils/service-process';
import type { TestDatabase } from '../utils/test-db';

const SEED = 11;
const KEY = `generated-${SEED}`;
/** The bench's case (BENCH_CASE, 928 kB of YAML): its import takes seconds on either database. */
const LARGE = generateLargeCase({
  mitigations: 2000,
  claims: 5000,
  pathways: 50,
  evidence: 1000,
  links: 20000,
  seed: SEED,
});
const DOCUMENT = exportCaseFile({ case: LARGE });
/** A small case imported (and committed) first: it must come through the kill as it was. */
const SMALL = declareReferencedTeams(parseCaseFile({ text: SPEC_EXAMPLE }).case!);

const TABLES = ['report', 'team', 'case_node', 'case_link', 'status_change'] as const;
type Counts = Record<(typeof TABLES)[number], number>;

/** The rows an import of `c` as a new report writes, table by table. */
function rowsOf(c: Case): Counts {
  return {
    report: 1,
    team: c.teams.length,
    case_node: c.pathways.length + c.claims.length + c.mitigations.length + c.evidence.length,
    case_link:
      [...c.pathways, ...c.claims].reduce((n, x) => n + x.supports.length, 0) +
      c.mitigations.reduce((n, m) => n + m.dependsOn.length, 0),
    status_change: c.mitigations.length + c.evidence.length,
  };
}

function sum(a: Counts, b: Counts): Counts {
  return Object.fromEntries(TABLES.map((t) => [t, a[t] + b[t]])) as Counts;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A GraphQL request to the service on `port`, with the administrator's token of `dataDir`. */
async function gql<T>(
  port: number,
  dataDir: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<{ data?: T; errors?: unknown[] }> {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...adminAuthorization(dataDir) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: T; errors?: unknown[] };
}

/**
 * The service is killed (SIGKILL: no shutdown hook runs) in the middle of a large import. After a
 * restart on the same data, the database holds the whole case or none of it, never a part, and
 * what was committed before is intact.
 */
describe('SIGKILL during a large import (the service as a process)', () => {
  let db: TestDatabase;
  let service: ServiceProcess | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'loadbearing-kill-'));
  const env = () => ({ DATA_DIR: dataDir, DATABASE_URL: db.kind === 'server' ? db.url : '' });

  beforeAll(async () => {
    db = await createServiceDatabase(dataDir);
  });
  afterAll(async () => {
    if (service && service.child.exitCode === null && service.child.signalCode === null) {
      service.child.kill('SIGKILL');
      await service.exited;
    }
    await db.drop();
  });

  /** Row counts of the tables an import writes, read straight from the database. */
  async function tableCounts(): Promise<Counts> {
    const count = async (query: (sql: string) => Promise<number>) => {
      const counts = {} as Counts;
      for (const table of TABLES) {
        counts[table] = await query(`SELECT count(*)::int AS n FROM "${table}"`);
      }
      return counts;
    };
    if (db.kind === 'server') {
      const client = new Client({ connectionString: db.url });
      await client.connect();
      try {
        return await count(async (sql) => (await client.query<{ n: number }>(sql)).rows[0].n);
      } finally {
        await client.end();
      }
    }
    // Opens only while no service holds the directory.
    const pglite = await PGlite.create(join(dataDir, 'pglite'));
    try {
      return await count(async (sql) => (await pglite.query<{ n: number }>(sql)).rows[0].n);
    } finally {
      await pglite.close();
    }
  }

  /**
   * Whether the import's transaction has started writing (false if `stop` or the timeout came
   * first). On a server: a session of this database holds a transaction id (assigned at its
   * first write). On PGlite, inside the service: its write-ahead log is written (a WAL file's
   * mtime moves; nothing else writes while the import is being parsed and checked).
   */
  async function importWriting(stop: () => boolean, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    if (db.kind === 'server') {
      const client = new Client({ connectionString: db.url });
      await client.connect();
      try {
        while (!stop() && Date.now() < deadline) {
          const { rows } = await client.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE datname = current_database() AND pid <> pg_backend_pid()
                AND backend_xid IS NOT NULL`,
          );
          if (rows[0].n > 0) return true;
          await sleep(20);
        }
        return false;
      } finally {
        await client.end();
      }
    }
    const wal = join(dataDir, 'pglite', 'pg_wal');
    const latest = () =>
      Math.max(
        ...readdirSync(wal)
          .filter((f) => /^[0-9A-F]{24}$/.test(f))
          .map((f) => statSync(join(wal, f)).mtimeMs),
      );
    const before = latest();
    while (!stop() && Date.now() < deadline) {
      if (latest() > before) return true;
      await sleep(20);
    }
    return false;
  }

  it('leaves the whole case or none of it, and the service starts again on the same data', async () => {
    service = startService(env());
    const port = await listeningPort(service, 45_000);
    const pid = service.child.pid!;
    expect(await gql(port, dataDir, IMPORT, { document: SPEC_EXAMPLE })).toEqual({
      data: { importCase: { key: 'pilot-2025', version: 1 } },
    });

    const { req, body } = importRequest(port, dataDir, DOCUMENT);
    const reply = { body: null as string | null };
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => (reply.body = Buffer.concat(chunks).toString()));
    });
    req.on('error', () => {}); // the kill resets the connection
    const closed = new Promise<void>((resolve) => req.on('close', () => resolve()));
    // The whole request is sent (flushed to the socket) before the wait starts.
    await new Promise<void>((resolve) => req.end(body, () => resolve()));
    const sent = Date.now();

    // Parsing and checking the case take seconds, then writing it takes seconds more (about 3
    // on PGlite, 2 on PostgreSQL): kill half a second into the writing. Should the import have
    // answered first (a fast machine), the all-or-nothing check below still applies.
    const writing = await importWriting(() => reply.body !== null, 20_000);
    if (writing) await sleep(500);
    const killedAt = Date.now();
    service.child.kill('SIGKILL');
    expect(await service.exited).toEqual({ code: null, signal: 'SIGKILL' });
    await closed;
    const answered = reply.body !== null;

    // The embedded database's pid file outlived the killed process; the restart takes it over.
    const pidFile = join(dataDir, 'loadbearing.pid');
    if (db.kind === 'embedded') {
      expect(existsSync(pidFile)).toBe(true);
      expect(readFileSync(pidFile, 'utf8').trim()).toBe(String(pid));
    }
    service = startService(env());
    const again = await listeningPort(service, 45_000);
    if (db.kind === 'embedded') {
      expect(readFileSync(pidFile, 'utf8').trim()).toBe(String(service.child.pid));
    }
    // What was committed before the import is there: the first start's token (no new one was
    // made) and the small case.
    expect(service.lines.some((l) => l.includes('No access token existed'))).toBe(false);
    const { data, errors } = await gql<{
      small: { version: number; exportCase: string };
      large: { version: number; counts: Record<string, number>; exportCase: string } | null;
    }>(
      again,
      dataDir,
      `{ small: report(key: "pilot-2025") { version exportCase }
         large: report(key: "${KEY}") {
           version counts { pathways claims mitigations evidence } exportCase } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.small).toEqual({ version: 1, exportCase: exportCaseFile({ case: SMALL }) });
    const large = data!.large;
    process.stdout.write(
      `kill test (${db.kind}): killed ${killedAt - sent} ms after the request was sent, ` +
        `${writing ? 'with the import writing' : 'without seeing the import write'}, ` +
        `${answered ? 'after' : 'before'} its answer; after the restart: ` +
        `${large ? 'the whole case' : 'none of it'}\n`,
    );
    if (answered) expect(large).not.toBeNull();

    // The attempt is in the audit log whatever happened: UNFINISHED when the kill came first.
    const audit = await gql<{ auditLog: { operation: string; outcome: string; report: string }[] }>(
      again,
      dataDir,
      '{ auditLog(limit: 10) { operation outcome report } }',
    );
    const imports = audit.data!.auditLog.filter((e) => e.operation === 'importCase');
    expect(imports.map((e) => e.outcome)).toHaveLength(2);
    expect(imports[1].outcome).toBe('ok'); // the small case, before
    expect(imports[0].report).toBe(KEY);
    if (answered) expect(imports[0].outcome).toBe('ok');
    if (!large) expect(imports[0].outcome).toBe('UNFINISHED');
    if (large) {
      // All of it, exactly as imported.
      expect(large.version).toBe(1);
      expect(large.counts).toEqual({
        pathways: LARGE.pathways.length,
        claims: LARGE.claims.length,
        mitigations: LARGE.mitigations.length,
        evidence: LARGE.evidence.length,
      });
      expect(large.exportCase).toBe(DOCUMENT);
    }

    // And in the tables themselves (on PGlite once the service has let go of the directory):
    // not a row of a partial import anywhere.
    if (db.kind === 'embedded') {
      service.child.kill('SIGTERM');
      expect(await service.exited).toEqual({ code: 0, signal: null });
    }
    expect(await tableCounts()).toEqual(large ? sum(rowsOf(SMALL), rowsOf(LARGE)) : rowsOf(SMALL));
  }, 90_000);
});
