import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../src/storage/database/data-source';
import { DUMP_ENV, serverUrl, TEMPLATE_ENV, TEST_DB_PREFIX, withDatabase } from './utils/test-db';

/** Migrates once; each test file then clones the result (see utils/test-db.ts). */
export default async function globalSetup(): Promise<void> {
  const url = serverUrl();
  if (url) {
    const admin = new Client({ connectionString: url });
    await admin.connect();
    // A run that crashed before its teardown leaves databases behind: clear them first.
    const stale = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE '${TEST_DB_PREFIX}%'`,
    );
    for (const { datname } of stale.rows) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    const template = `${TEST_DB_PREFIX}template`;
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
  const pglite = await PGlite.create();
  const ds = new DataSource(buildDataSourceOptions({ kind: 'embedded', pglite }));
  await ds.initialize();
  await ds.destroy();
  const dump = await pglite.dumpDataDir('none');
  await pglite.close();
  const file = join(mkdtempSync(join(tmpdir(), 'loadbearing-test-')), 'migrated.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  process.env[DUMP_ENV] = file;
}
