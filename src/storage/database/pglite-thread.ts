import { Duplex } from 'node:stream';
import { Worker } from 'node:worker_threads';

/**
 * Embedded PGlite on a worker thread of its own. PGlite is PostgreSQL compiled to WebAssembly:
 * on the service's main thread every statement it runs blocks the event loop (about a sixth of
 * the main thread under the load test), while the second core waits. Here the main thread only
 * moves the wire protocol's bytes: node-postgres talks to it (`clientConfig()`) as to a server,
 * with its own serializer and parser, and the worker hands each batch of messages to PGlite.
 */
export class PGliteThread {
  private readonly replies = new Map<number, Reply>();
  private nextId = 0;
  private nextSocket = 0;
  /** Sockets not yet closed: the pool's clients say goodbye after its end() has resolved. */
  private readonly live = new Set<Duplex>();
  private exited = false;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: WorkerMessage) => this.settle(m));
    worker.on('error', (e) => this.fail(e));
    worker.on('exit', (code) => {
      this.exited = true;
      this.fail(new Error(`the embedded database's thread stopped (exit code ${code})`));
    });
  }

  /**
   * Starts PGlite on a new thread: at `dataDir` (created by PGlite if empty), or in memory,
   * loaded from `loadDataDir` (a `dumpDataDir` tarball) when given. `heapLimitMb` caps the
   * thread's JavaScript heap (PostgreSQL's own memory is WebAssembly, outside it); the thread
   * stops when it runs out.
   */
  static async start({
    heapLimitMb,
    ...options
  }: {
    dataDir?: string;
    loadDataDir?: Uint8Array;
    postgresqlconf?: string[];
    heapLimitMb?: number;
  }): Promise<PGliteThread> {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { pglite: require.resolve('@electric-sql/pglite'), ...options },
      ...(heapLimitMb ? { resourceLimits: { maxOldGenerationSizeMb: heapLimitMb } } : {}),
    });
    const thread = new PGliteThread(worker);
    try {
      await thread.call({ op: 'ready' });
    } catch (e) {
      await worker.terminate();
      throw e;
    }
    return thread;
  }

  get closed(): boolean {
    return this.exited;
  }

  /**
   * What a node-postgres client (or pool) needs to talk to the thread as to a server: a new
   * socket per client, and PGlite's own user and database, the only ones its startup accepts.
   */
  clientConfig(): { stream: () => Duplex; user: string; database: string } {
    return { stream: () => this.socket(), user: 'postgres', database: 'postgres' };
  }

  private socket(): Duplex {
    const socket = this.nextSocket++;
    const stream = new PGliteSocket({
      exec: (bytes) => this.call({ op: 'exec', socket, bytes }) as Promise<Uint8Array>,
      release: () => {
        if (!this.exited) void this.call({ op: 'release', socket }).catch(() => {});
      },
    });
    this.live.add(stream);
    stream.once('close', () => this.live.delete(stream));
    return stream;
  }

  /** The data directory as a tarball (PGlite's `dumpDataDir`). */
  async dump(): Promise<Uint8Array> {
    return (await this.call({ op: 'dump' })) as Uint8Array;
  }

  /**
   * Closes PGlite once the sockets still open have closed (or after `graceMs`), and stops the
   * thread; one that does not stop within `graceMs` more is terminated.
   */
  async close(graceMs = 5000): Promise<void> {
    if (this.exited) return;
    const within = (work: Promise<unknown>) =>
      Promise.race([work, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
    await within(
      Promise.all([...this.live].map((s) => new Promise((resolve) => s.once('close', resolve)))),
    );
    const exited = new Promise<void>((resolve) => {
      if (this.exited) resolve();
      else this.worker.once('exit', () => resolve());
    });
    await within(this.call({ op: 'close' }).catch(() => undefined));
    if (!this.exited) await within(exited);
    if (!this.exited) await this.worker.terminate();
    await exited;
  }

  private call(request: Request): Promise<unknown> {
    if (this.exited) {
      return Promise.reject(new Error("the embedded database's thread has stopped"));
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.replies.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...request });
    });
  }

  private settle(m: WorkerMessage): void {
    const reply = this.replies.get(m.id);
    if (!reply) return;
    this.replies.delete(m.id);
    if (m.error === undefined) reply.resolve(m.result);
    else reply.reject(new Error(`embedded database: ${m.error}`));
  }

  private fail(e: Error): void {
    for (const reply of this.replies.values()) reply.reject(e);
    this.replies.clear();
  }
}

type Request =
  | { op: 'ready' | 'dump' | 'close' }
  | { op: 'exec'; socket: number; bytes: Uint8Array }
  | { op: 'release'; socket: number };
type WorkerMessage = { id: number; result?: unknown; error?: string };
type Reply = { resolve: (value: unknown) => void; reject: (e: Error) => void };

/**
 * The socket node-postgres sees. Every message it writes in one turn (parse, bind, describe,
 * execute and sync of a query) goes to the thread as one batch, and what PGlite answers comes
 * back as the data read: one round trip per query, whatever the number of messages.
 */
class PGliteSocket extends Duplex {
  private pending: Buffer[] = [];
  private sent: Promise<void> = Promise.resolve();

  constructor(
    private readonly session: {
      exec: (bytes: Uint8Array) => Promise<Uint8Array>;
      release: () => void;
    },
  ) {
    super();
  }

  connect(): this {
    process.nextTick(() => this.emit('connect'));
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  // The pool refs and unrefs its clients' sockets; the thread's own handle keeps the process.
  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  override _read(): void {}

  override _write(
    chunk: Buffer,
    _encoding: BufferEncoding,
    done: (e?: Error | null) => void,
  ): void {
    if (this.pending.push(chunk) === 1) process.nextTick(() => this.send());
    done();
  }

  override _destroy(e: Error | null, done: (e?: Error | null) => void): void {
    this.session.release();
    done(e);
  }

  override _final(done: (e?: Error | null) => void): void {
    this.send();
    this.sent.then(
      () => {
        this.push(null);
        done();
      },
      (e: Error) => done(e),
    );
  }

  private send(): void {
    if (this.pending.length === 0) return;
    const bytes = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending);
    this.pending = [];
    this.sent = this.sent
      .then(() => this.session.exec(bytes))
      .then((answer) => {
        if (answer.byteLength > 0) {
          this.push(Buffer.from(answer.buffer, answer.byteOffset, answer.byteLength));
        }
      })
      .catch((e: Error) => {
        this.destroy(e);
      });
  }
}

/**
 * The thread's code: plain CommonJS, evaluated by the Worker, so that it runs the same from
 * the compiled service, ts-node and Jest.
 *
 * PGlite is one session, shared by the sockets as a server's sessions would be: a batch runs
 * whole, so the statements of different sockets interleave between batches, but while a
 * socket's transaction is open only that socket's batches run (the others wait, in order), and
 * a socket that goes away inside its transaction has it rolled back. Answers are copied out
 * of PGlite's receive buffer and moved to the main thread rather than copied again.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require(workerData.pglite);
const options = {};
if (workerData.dataDir) options.dataDir = workerData.dataDir;
if (workerData.postgresqlconf) options.postgresqlconf = workerData.postgresqlconf;
if (workerData.loadDataDir) options.loadDataDir = new Blob([workerData.loadDataDir]);
const opened = PGlite.create(options);
opened.catch(() => {});
let db = null;
let owner = null;
// The type of the last message of an answer: 'Z' (ReadyForQuery) ends a query, and its status
// byte says whether a transaction is open ('T', 'E') or not ('I').
function lastMessage(answer) {
  let type = 0;
  for (let at = 0; at + 5 <= answer.byteLength; ) {
    type = answer[at];
    at += 1 + ((answer[at + 1] << 24) | (answer[at + 2] << 16) | (answer[at + 3] << 8) | answer[at + 4]);
  }
  return type;
}
// One array owning its buffer, which can then be moved (Buffer.concat may use the shared pool).
function joined(chunks) {
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return all;
}
const handlers = {
  ready: async () => undefined,
  exec: async (m) => {
    // Not execProtocolRaw: it keeps every message it parses, until PGlite's own exec clears them.
    const chunks = [];
    await db.execProtocolRawStream(m.bytes, { onRawData: (chunk) => chunks.push(chunk.slice()) });
    const answer = chunks.length === 1 ? chunks[0] : joined(chunks);
    // The session stays this socket's inside its transaction, and between the batches of a query
    // that has not ended (no ReadyForQuery yet: a COPY, or rows fetched a few at a time).
    const ended = lastMessage(answer) === 0x5a;
    owner = ended && answer[answer.byteLength - 1] === 0x49 ? null : m.socket;
    return answer;
  },
  release: async (m) => {
    if (owner !== m.socket) return;
    owner = null;
    if (db.isInTransaction()) await db.exec('ROLLBACK');
  },
  dump: async () => new Uint8Array(await (await db.dumpDataDir('none')).arrayBuffer()),
  close: async () => db.close(),
};
const waiting = [];
let running = false;
const runnable = (m) => owner === null || m.socket === owner || m.op === 'release';
async function pump() {
  if (running) return;
  running = true;
  for (let i; (i = waiting.findIndex(runnable)) >= 0; ) {
    const m = waiting.splice(i, 1)[0];
    try {
      db = db || (await opened);
      const result = await handlers[m.op](m);
      const transfer = result instanceof Uint8Array ? [result.buffer] : [];
      parentPort.postMessage({ id: m.id, result }, transfer);
      if (m.op === 'close') parentPort.close();
    } catch (e) {
      parentPort.postMessage({ id: m.id, error: String((e && e.message) || e) });
      // PGlite itself failed (SQL errors are answers, not exceptions): it cannot go on. The
      // thread stops once the error has gone out, which fails whatever else is waiting.
      if (m.op === 'exec' || m.op === 'release') setImmediate(() => process.exit(1));
    }
  }
  running = false;
}
parentPort.on('message', (m) => {
  waiting.push(m);
  pump();
});
`;
