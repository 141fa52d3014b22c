import type { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import type { DataSourceOptions, Logger } from 'typeorm';
import { MIGRATIONS } from '../../../migrations/index';
import { ENTITIES } from './entities';

export type DatabaseTarget = { kind: 'server'; url: string } | { kind: 'embedded'; pglite: PGlite };

/**
 * The one DataSource options object, shared by the app, the CLI, the TypeORM CLI and the tests.
 * Migrations run on start; `synchronize` is never on.
 */
export function buildDataSourceOptions(target: DatabaseTarget, logger?: Logger): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    // gen_random_uuid() is core since PostgreSQL 13: no extension to install.
    installExtensions: false,
    uuidExtension: 'pgcrypto' as const,
    ...(logger ? { logger, logging: ['query' as const, 'error' as const] } : {}),
  };
  if (target.kind === 'server') {
    return { ...common, url: target.url, extra: { max: 10 } };
  }
  // PGlite is a single session: one pooled client over PGlite's own node-postgres adapter.
  const { connection } = createPgConfig(target.pglite);
  return { ...common, poolSize: 1, extra: { connection, max: 1, idleTimeoutMillis: 0 } };
}
