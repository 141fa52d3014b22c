import request from 'supertest';
import { READINESS_TIMEOUT_MS } from '../../src/api/http/health.controller';
import { createTestApp, createTestAppsSharingDatabase, type TestApp } from '../utils/create-app';
import { IMPORT, SPEC_EXAMPLE } from '../utils/fixtures';
import { collect, subscribe } from '../utils/subscriptions';
import { startTcpProxy, type TcpProxy } from '../utils/tcp-proxy';
import { serverUrl } from '../utils/test-db';

/** On a server, readiness also reports the LISTEN connection. */
const events = (state: 'up' | 'down') => (serverUrl() ? { events: state } : {});

describe('health endpoints', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  it('liveness answers 200 without touching the database', async () => {
    const query = jest.spyOn(t.dataSource, 'query');
    const res = await request(t.http).get('/health/live');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(query).not.toHaveBeenCalled();
  });

  it('readiness answers 200 while the database answers', async () => {
    const res = await request(t.http).get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up', ...events('up') });
  });

  it('readiness answers 503 naming the database when a query fails, and recovers with it', async () => {
    jest.spyOn(t.dataSource, 'query').mockRejectedValueOnce(new Error('connection refused'));
    const res = await request(t.http).get('/health/ready');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'error', database: 'down', ...events('up') });
    expect((await request(t.http).get('/health/ready')).status).toBe(200);
  });

  it('readiness answers 503 within its timeout when the database does not answer', async () => {
    jest.spyOn(t.dataSource, 'query').mockReturnValueOnce(new Promise(() => undefined));
    const started = Date.now();
    const res = await request(t.http).get('/health/ready');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 'error', database: 'down' });
    expect(Date.now() - started).toBeLessThan(READINESS_TIMEOUT_MS + 1000);
    // The hung check is not shared with the next probe.
    expect((await request(t.http).get('/health/ready')).status).toBe(200);
  });

  it('GET /health keeps its answer: the database only', async () => {
    expect((await request(t.http).get('/health')).body).toEqual({ status: 'ok', database: 'up' });
    jest.spyOn(t.dataSource, 'query').mockRejectedValueOnce(new Error('down'));
    const res = await request(t.http).get('/health');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'error', database: 'down' });
  });
});

/** Polls readiness until it answers `status`; returns that answer. */
async function readyBecomes(t: TestApp, status: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await request(t.http).get('/health/ready');
    if (res.status === status || Date.now() > deadline) return res;
    await new Promise((r) => setTimeout(r, 100));
  }
}

// An outage is simulated with a TCP proxy between one instance and the server (cut, restore):
// the shared server itself keeps running.
(serverUrl() ? describe : describe.skip)('readiness through a database outage (PostgreSQL)', () => {
  let proxy: TcpProxy;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    proxy = await startTcpProxy(serverUrl()!);
    // Instance A reaches the database through the proxy; instance B directly.
    [a, b] = await createTestAppsSharingDatabase(2, {}, (url, i) =>
      i === 0 ? proxy.through(url) : url,
    );
    expect((await a.gql(IMPORT, { document: SPEC_EXAMPLE })).errors).toBeUndefined();
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await proxy.close();
  });

  it('fails while the database is unreachable, recovers by itself, and events flow again', async () => {
    expect((await request(a.http).get('/health/ready')).status).toBe(200);

    proxy.cut();
    const down = await readyBecomes(a, 503, 5000);
    expect(down.status).toBe(503);
    expect(down.body).toEqual({ status: 'error', database: 'down', events: 'down' });
    expect((await request(a.http).get('/health/live')).status).toBe(200);
    // Long enough for the LISTEN connection's reconnects to fail and back off.
    await new Promise((r) => setTimeout(r, 1000));
    expect((await request(a.http).get('/health/ready')).status).toBe(503);

    proxy.restore();
    // The LISTEN connection retries with a backoff of at most 5 s.
    const up = await readyBecomes(a, 200, 15_000);
    expect(up.status).toBe(200);
    expect(up.body).toEqual({ status: 'ok', database: 'up', events: 'up' });

    // A change through B (a NOTIFY from another instance) reaches a subscriber on A again.
    const client = await subscribe(a);
    try {
      const status = collect<{ statusChanged: { key: string; to: string } }>(
        client,
        `subscription { statusChanged(report: "pilot-2025") { key to } }`,
        {},
      );
      await status.started;
      const set = await b.gql(
        `mutation { setMitigationStatus(report: "pilot-2025", key: "log-pipeline", status: failed) { key } }`,
      );
      expect(set.errors).toBeUndefined();
      expect((await status.next(1)).statusChanged).toEqual({ key: 'log-pipeline', to: 'failed' });
      status.dispose();
    } finally {
      await client.dispose();
    }
  });
});
