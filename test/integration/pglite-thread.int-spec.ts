import { Client, Pool, type DatabaseError } from 'pg';
import { PGliteThread } from '../../src/storage/database/pglite-thread';

/** A node-postgres client on one socket of the thread, as the service's pool makes them. */
async function clientOf(thread: PGliteThread): Promise<Client> {
  const client = new Client(thread.clientConfig());
  await client.connect();
  return client;
}

const count = async (c: Client) =>
  (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM t')).rows[0].n;

describe('PGlite on its own thread', () => {
  let thread: PGliteThread;
  let a: Client;
  let b: Client;

  // One in-memory database (its initdb takes seconds), two fresh clients and table per test.
  beforeAll(async () => {
    thread = await PGliteThread.start({});
  });

  afterAll(() => thread.close());

  beforeEach(async () => {
    a = await clientOf(thread);
    b = await clientOf(thread);
    await a.query('DROP TABLE IF EXISTS t; CREATE TABLE t (id int PRIMARY KEY)');
  });

  afterEach(async () => {
    await b.end();
    await a.end().catch(() => undefined);
  });

  it('answers parameters, rows and errors as a server does', async () => {
    expect((await a.query('SELECT $1::int + 1 AS x', [41])).rows).toEqual([{ x: 42 }]);
    await a.query('INSERT INTO t VALUES (1)');
    const error = (await a
      .query('INSERT INTO t VALUES (1)')
      .catch((e: unknown) => e)) as DatabaseError;
    expect(error.code).toBe('23505');
    expect(error.detail).toBe('Key (id)=(1) already exists.');
    // The session is usable after the error, and an answer of several MB arrives whole.
    const big = await a.query<{ s: string }>("SELECT repeat('x', 3000000) AS s");
    expect(big.rows[0].s).toHaveLength(3_000_000);
  });

  it("runs another socket's statements only once a transaction has ended", async () => {
    const seen: string[] = [];
    await a.query('BEGIN');
    await a.query('INSERT INTO t VALUES (1)');
    const read = count(b).then((n) => seen.push(`b counts ${n}`));
    await new Promise((resolve) => setTimeout(resolve, 50));
    seen.push('a commits');
    await a.query('COMMIT');
    await read;
    expect(seen).toEqual(['a commits', 'b counts 1']);

    await a.query('BEGIN');
    await a.query('INSERT INTO t VALUES (2)');
    const afterRollback = count(b);
    await a.query('ROLLBACK');
    expect(await afterRollback).toBe(1);
  });

  it('rolls back the transaction of a socket that goes away inside it', async () => {
    a.on('error', () => undefined);
    await a.query('BEGIN');
    await a.query('INSERT INTO t VALUES (3)');
    const read = count(b);
    (a as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    expect(await read).toBe(0);
    await b.query('INSERT INTO t VALUES (3)');
    expect(await count(b)).toBe(1);
  });

  it('dumps its data directory, which a new thread starts from', async () => {
    await a.query('INSERT INTO t VALUES (1), (2)');
    const copy = await PGliteThread.start({ loadDataDir: await thread.dump() });
    const c = await clientOf(copy);
    try {
      expect(await count(c)).toBe(2);
    } finally {
      await c.end();
      await copy.close();
    }
  });

  it('keeps nothing of the answers it has passed on', async () => {
    // 200 MB of answers through a thread whose heap may not pass 64 MB.
    const small = await PGliteThread.start({ loadDataDir: await thread.dump(), heapLimitMb: 64 });
    const c = await clientOf(small);
    c.on('error', () => undefined);
    // A thread that kept them would stop here, out of memory, failing the query.
    for (let i = 0; i < 200; i++) {
      const rows = await c.query("SELECT repeat('x', 1000) AS s FROM generate_series(1, 1000)");
      expect(rows.rowCount).toBe(1000);
    }
    await c.end();
    await small.close();
  });

  it("closes once the pool's clients have said goodbye, with no client left to fail", async () => {
    const other = await PGliteThread.start({ loadDataDir: await thread.dump() });
    const pool = new Pool(other.clientConfig());
    const errors: string[] = [];
    pool.on('error', (e) => errors.push(e.message));
    await Promise.all(Array.from({ length: 10 }, () => pool.query('SELECT pg_sleep(0.01)')));
    expect(pool.totalCount).toBeGreaterThan(1);
    await pool.end();
    await other.close();
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors).toEqual([]);
  });

  it('stops when PGlite itself fails, failing what waits instead of hanging', async () => {
    const other = await PGliteThread.start({ loadDataDir: await thread.dump() });
    const [c, d] = [await clientOf(other), await clientOf(other)];
    c.on('error', () => undefined);
    d.on('error', () => undefined);
    // PGlite 0.5 cannot take COPY FROM STDIN: its PostgreSQL exits.
    await expect(c.query('COPY t FROM STDIN')).rejects.toThrow('embedded database');
    await expect(d.query('SELECT 1')).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(other.closed).toBe(true);
  });

  it('refuses work once closed, instead of waiting for ever', async () => {
    const other = await PGliteThread.start({ loadDataDir: await thread.dump() });
    await other.close();
    expect(other.closed).toBe(true);
    await expect(other.dump()).rejects.toThrow("the embedded database's thread has stopped");
  });
});
