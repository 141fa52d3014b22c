import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { PGliteThread } from '../../src/storage/database/pglite-thread';

/**
 * Per-file isolated databases. With DATABASE_URL (CI), each test file gets a PostgreSQL database
 * cloned from the migrated template; without it, a PGlite instance loaded from the migrated dump.
 * Both are prepared once by global-setup.ts.
 */
export const TEST_DB_PREFIX = 'lbt_';
export const TEMPLATE_ENV = 'LB_TEST_TEMPLATE_DB';
export const DUMP_ENV = 'LB_TEST_PGLITE_DUMP';
/** The test run's id (its main process's pid), in the names of the databases it creates. */
export const RUN_ENV = 'LB_TEST_RUN';

/**
 * The pid of the run that created a test database, from its name (`lbt_<pid>_…`); null for a
 * name of no run (an older layout).
 */
export function runOfDatabase(name: string): number | null {
  const match = /^lbt_(\d+)_/.exec(name);
  return match ? Number(match[1]) : null;
}

export type TestDatabase =
  | { kind: 'server'; url: string; drop: () => Promise<void> }
  | { kind: 'embedded'; database: PGliteThread; drop: () => Promise<void> };

export function serverUrl(): string | undefined {
  return process.env.DATABASE_URL || undefined;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const url = serverUrl();
  if (url) {
    const name = `${TEST_DB_PREFIX}${process.env[RUN_ENV]}_${randomBytes(6).toString('hex')}`;
    await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${process.env[TEMPLATE_ENV]}"`);
    return {
      kind: 'server',
      url: withDatabase(url, name),
      drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    };
  }
  const dump = readFileSync(process.env[DUMP_ENV]!);
  const database = await PGliteThread.start({ loadDataDir: dump });
  return {
    kind: 'embedded',
    database,
    drop: () => database.close(),
  };
}
