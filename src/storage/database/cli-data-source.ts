import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source';

/** For the TypeORM CLI (migration:generate / run / revert): always a PostgreSQL server. */
export default new DataSource(
  buildDataSourceOptions({
    kind: 'server',
    url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/loadbearing_dev',
  }),
);
