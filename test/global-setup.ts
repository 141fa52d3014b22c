import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGliteThread } from '../src/storage/database/pglite-thread';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../src/storage/database/data-source';
import { isAlive } from '../src/storage/database/embedded-database';
import {
  DUMP_ENV,
  RUN_ENV,
  runOfDatabase,
  serverUrl,
  TEMPLATE_ENV,
  TEST_DB_PREFIX,
  withDatabase,
} from './utils/test-db';

/** Migrates once; each test file then clones the result (see utils/test-db.ts). */
export default async function globalSetup(): Promise<void> {
  const url = serverUrl();
  if (url) {
    const admin = new Client({ connectionString: url });
    await admin.connect();
    // A run that crashed before its teardown leaves databases behind: clear them first, but
    // not those of another run still going on this machine (the names carry its pid).
    const found = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE '${TEST_DB_PREFIX}%'`,
    );
    for (const { datname } of found.rows) {
      const run = runOfDatabase(datname);
      if (run !== null && isAlive(run)) continue;
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    process.env[RUN_ENV] = String(process.pid);
    const template = `${TEST_DB_PREFIX}${process.pid}_template`;
    await admin.query(`CREATE DATABASE "${template}"`);
    await admin.end();
    const ds = new DataSource(
      buildDataSourceOptions({ kind: 'server', url: withDatabase(url, template) }),
    );
    await ds.initialize();
    await ds.destroy();
    process.env[TEMPLATE_ENV] = template;
    return;
  }
  const database = await PGliteThread.start({});
  const ds = new DataSource(buildDataSourceOptions({ kind: 'embedded', database }));
  await ds.initialize();
  await ds.destroy();
  const dump = await database.dump();
  await database.close();
  const file = join(mkdtempSync(join(tmpdir(), 'loadbearing-test-')), 'migrated.tar');
  writeFileSync(file, dump);
  process.env[DUMP_ENV] = file;
}
