import type { DataSourceOptions, Logger } from 'typeorm';
import { MIGRATIONS } from '../../../migrations/index';
import { ENTITIES } from './entities';
import type { PGliteThread } from './pglite-thread';

/** Connections per process, on a server and on the embedded database alike. */
const POOL_SIZE = 10;

export type DatabaseTarget =
  { kind: 'server'; url: string } | { kind: 'embedded'; database: PGliteThread };

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
    return { ...common, url: target.url, extra: { max: POOL_SIZE } };
  }
  // Embedded: clients talk to PGlite's thread as to a server, and it shares its one session
  // between them (pglite-thread.ts).
  const { stream, user, database } = target.database.clientConfig();
  return { ...common, username: user, database, extra: { stream, max: POOL_SIZE } };
}
