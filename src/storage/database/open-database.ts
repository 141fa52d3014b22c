import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source';
import { EmbeddedDatabase } from './embedded-database';

/** A database opened outside Nest (the CLI): initialised, with one call that closes it all. */
export interface OpenDatabase {
  readonly dataSource: DataSource;
  close(): Promise<void>;
}

/**
 * The PostgreSQL server at `url` when given, else the embedded database under `dataDir` (which
 * refuses a second process: EmbeddedDatabase.open throws, naming the one that holds it).
 */
export async function openDatabase(where: {
  url?: string;
  dataDir: string;
}): Promise<OpenDatabase> {
  const embedded = where.url ? EmbeddedDatabase.none() : await EmbeddedDatabase.open(where.dataDir);
  const dataSource = new DataSource(
    buildDataSourceOptions(
      embedded.database
        ? { kind: 'embedded', database: embedded.database }
        : { kind: 'server', url: where.url! },
    ),
  );
  try {
    await dataSource.initialize();
  } catch (e) {
    await embedded.close();
    throw e;
  }
  return {
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await embedded.close();
    },
  };
}
