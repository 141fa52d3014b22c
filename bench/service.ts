import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** The PostgreSQL server the benchmark and the load test use: DATABASE_URL, or the local one. */
export const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Runs one SQL statement on SERVER with psql; false when it fails (e.g. no server answers). */
export function psql(sql: string): boolean {
  try {
    execFileSync('psql', [SERVER, '-qc', sql], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

/** SERVER's URL with another database name. */
export function databaseUrl(database: string): string {
  const url = new URL(SERVER);
  url.pathname = `/${database}`;
  return url.toString();
}

export interface RunningService {
  /** The GraphQL endpoint, on 127.0.0.1 and a free port. */
  readonly url: string;
  /** The administrator's token the first start wrote to its DATA_DIR (send as a Bearer token). */
  readonly token: string;
  readonly pid: number;
  /** The process's peak resident set (VmHWM) in MB, or undefined if it cannot be read. */
  peakRssMb(): number | undefined;
  /** Closes its stdin (the service then closes the app), waits until it has exited, removes DATA_DIR. */
  stop(): Promise<void>;
}

/**
 * The node flags of `npm start` (V8's heap settings, docs/performance.md), so that the service
 * measured is the one users run; NODE_OPTIONS (say --max-semi-space-size=64) passes through.
 */
const START_FLAGS = (
  JSON.parse(readFileSync(join(__dirname, '../package.json'), 'utf8')) as {
    scripts: { start: string };
  }
).scripts.start
  .split(/\s+/)
  .filter((word) => word.startsWith('--'));

/**
 * Starts bench/service-target.js (the compiled app: `npm run build` first) in its own process in production mode, with the environment's
 * variables plus `env` (DATABASE_URL: '' for embedded PGlite), on an empty DATA_DIR of its own;
 * `nodeArgs` go to node (e.g. --cpu-prof).
 */
export async function startService(
  label: string,
  env: NodeJS.ProcessEnv,
  nodeArgs: readonly string[] = [],
): Promise<RunningService> {
  // Its own data directory: the first start writes the admin token there, which the client uses.
  const dataDir = mkdtempSync(join(tmpdir(), 'loadbearing-bench-'));
  const child = spawn(
    process.execPath,
    [...START_FLAGS, ...nodeArgs, join(__dirname, 'service-target.js')],
    {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        SEED_EXAMPLE: 'false',
        DATA_DIR: dataDir,
        ...env,
      },
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const firstLine = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) =>
      reject(new Error(`${label}: the service exited with ${code} before serving`)),
    );
  });
  const { url } = JSON.parse(firstLine) as { url: string };
  const token = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    token,
    pid: child.pid!,
    peakRssMb() {
      try {
        const kb = readFileSync(`/proc/${child.pid}/status`, 'utf8').match(
          /VmHWM:\s+(\d+) kB/,
        )?.[1];
        return kb ? Math.round(Number(kb) / 1024) : undefined;
      } catch {
        return undefined;
      }
    },
    async stop() {
      child.stdin.end();
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A GraphQL client for one service: throws on a non-2xx answer or an answer with `errors`. */
export function graphqlClient(url: string, token: string) {
  return async <T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<{ data: T }> => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}: ${(await res.text()).slice(0, 500)}`);
    const body = (await res.json()) as { data: T; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 500));
    return body;
  };
}
