import { spawn } from 'node:child_process';
import { request, type ClientRequest } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { IMPORT } from './fixtures';
import { createTestDatabase, DUMP_ENV, type TestDatabase } from './test-db';

export type ServiceProcess = ReturnType<typeof startService>;

/** The service as `npm start` runs it (from source), in its own process; stdout is collected. */
export function startService(env: Record<string, string>) {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', 'src/app/main.ts'],
    {
      cwd: join(__dirname, '../..'),
      env: { ...process.env, NO_COLOR: '1', PORT: '0', SEED_EXAMPLE: 'false', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (m: RegExpExecArray) => void }[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    for (const w of [...waiters]) {
      const m = w.pattern.exec(line);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    lines,
    exited,
    /** The first line (from now on, or already printed) matching `pattern`. */
    line(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
      for (const l of lines) {
        const m = pattern.exec(l);
        if (m) return Promise.resolve(m);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no line ${pattern} in ${timeoutMs} ms:\n${lines.join('\n')}`)),
          timeoutMs,
        );
        waiters.push({
          pattern,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        });
        void exited.then(({ code }) => {
          clearTimeout(timer);
          reject(new Error(`the service exited (${code}) before ${pattern}:\n${lines.join('\n')}`));
        });
      });
    },
  };
}

/** The port the service listens on, once it says so. */
export async function listeningPort(service: ServiceProcess, timeoutMs: number): Promise<number> {
  return Number((await service.line(/listening on http:\/\/localhost:(\d+)\//, timeoutMs))[1]);
}

/** The administrator's token a first start writes to DATA_DIR (when access tokens are on). */
export function adminAuthorization(dataDir: string): { authorization?: string } {
  const file = join(dataDir, 'admin-token');
  return existsSync(file) ? { authorization: `Bearer ${readFileSync(file, 'utf8').trim()}` } : {};
}

/**
 * An import of `document` as the administrator, POSTed to a service process on `port`: the
 * request, not yet sent, and its body, for tests that time how it is sent.
 */
export function importRequest(
  port: number,
  dataDir: string,
  document: string,
): { req: ClientRequest; body: Buffer } {
  const body = Buffer.from(JSON.stringify({ query: IMPORT, variables: { document } }));
  const req = request({
    port,
    host: '127.0.0.1',
    path: '/graphql',
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'content-length': body.length,
      ...adminAuthorization(dataDir),
    },
  });
  return { req, body };
}

/**
 * This test file's database for a service process: on a server, a cloned database; embedded,
 * the migrated dump unpacked into `dataDir/pglite` (much quicker than a first start's initdb),
 * as the service opens a data directory of its own.
 */
export async function createServiceDatabase(dataDir: string): Promise<TestDatabase> {
  const db = await createTestDatabase();
  if (db.kind === 'embedded') {
    await db.drop();
    const pglite = await PGlite.create(join(dataDir, 'pglite'), {
      loadDataDir: new Blob([readFileSync(process.env[DUMP_ENV]!)]),
    });
    await pglite.close();
  }
  return db;
}
