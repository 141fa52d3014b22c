import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { generateLargeCase } from '../../src/core/analysis/generate-case';
import { exportCaseFile } from '../../src/core/case-format/export-case-file';
import { GracefulShutdown } from '../../src/api/http/graceful-shutdown';
import { createTestApp } from '../utils/create-app';
import { createServiceDatabase, importRequest, startService } from '../utils/service-process';
import type { TestDatabase } from '../utils/test-db';

function connectError(port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(null);
    });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

async function reportKeys(db: TestDatabase, dataDir: string): Promise<string[]> {
  if (db.kind === 'server') {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query<{ key: string }>('SELECT key FROM report')).rows.map((r) => r.key);
    } finally {
      await client.end();
    }
  }
  // Opens only once the service has closed it (the pid lock is gone).
  const pglite = await PGlite.create(join(dataDir, 'pglite'));
  try {
    return (await pglite.query<{ key: string }>('SELECT key FROM report')).rows.map((r) => r.key);
  } finally {
    await pglite.close();
  }
}

describe('graceful shutdown on SIGTERM (the service as a process)', () => {
  let db: TestDatabase;
  let service: ReturnType<typeof startService> | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'loadbearing-shutdown-'));
  beforeAll(async () => {
    db = await createServiceDatabase(dataDir);
  });
  afterAll(async () => {
    if (service && service.child.exitCode === null) (service.child as ChildProcess).kill('SIGKILL');
    await db.drop();
  });

  it('finishes the request in flight, refuses new connections, closes the database, exits 0', async () => {
    service = startService({
      DATA_DIR: dataDir,
      DATABASE_URL: db.kind === 'server' ? db.url : '',
    });
    const port = Number((await service.line(/listening on http:\/\/localhost:(\d+)\//, 90_000))[1]);

    // The request in flight: a large import whose body is still arriving when SIGTERM comes (a
    // client on a slow link). The service must wait for the rest, import, and answer.
    const document = exportCaseFile({
      case: generateLargeCase({
        mitigations: 500,
        claims: 1250,
        pathways: 12,
        links: 5000,
        seed: 7,
      }),
    });
    const { req, body } = importRequest(port, dataDir, document);
    let answered = false;
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          answered = true;
          resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString() });
        });
      });
      req.on('error', reject);
    });
    const half = Math.floor(body.length / 2);
    await new Promise<void>((resolve) => req.write(body.subarray(0, half), () => resolve()));
    await new Promise((r) => setTimeout(r, 300));

    service.child.kill('SIGTERM');
    const waiting = await service.line(/waiting for (\d+) request\(s\) in flight/, 10_000);
    expect(Number(waiting[1])).toBe(1);
    // The listening socket is closed at once: new connections are refused.
    expect(await connectError(port)).toBe('ECONNREFUSED');
    await new Promise((r) => setTimeout(r, 300));
    expect(answered).toBe(false);
    expect(service.child.exitCode).toBeNull();

    req.end(body.subarray(half));

    const res = await response;
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({
      data: { importCase: { key: 'generated-7', version: 1 } },
    });
    expect(await service.exited).toEqual({ code: 0, signal: null });

    // In order: the request finished, then the app (and the database) closed.
    const at = (text: string) => service!.lines.findIndex((l) => l.includes(text));
    expect(at('requests in flight finished')).toBeGreaterThan(at('waiting for 1 request'));
    expect(at('closed (HTTP server, subscriptions, database)')).toBeGreaterThan(
      at('requests in flight finished'),
    );
    if (db.kind === 'embedded') expect(existsSync(join(dataDir, 'loadbearing.pid'))).toBe(false);
    // The import was committed, and the database opens again.
    expect(await reportKeys(db, dataDir)).toEqual(['generated-7']);
  }, 120_000);
});

describe('graceful shutdown: the wait for requests in flight is bounded', () => {
  it('closes the connection of a request that does not finish in time', async () => {
    const t = await createTestApp();
    const shutdown = new GracefulShutdown(t.app, 500);
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.http.address() as { port: number };
    // A request whose body never ends (the app would log its abort as an error).
    t.app.useLogger(false);
    const req = request({
      port,
      host: '127.0.0.1',
      path: '/graphql',
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': 1000 },
    });
    const failed = new Promise<string>((resolve) =>
      req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message)),
    );
    req.write('{"query":');
    await new Promise((r) => setTimeout(r, 200));

    const started = Date.now();
    expect(await shutdown.drain()).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(490);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(await failed).toBe('ECONNRESET');
    expect(await connectError(port)).toBe('ECONNREFUSED');
    await t.close();
  });
});
