import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Logger } from '@nestjs/common';

/**
 * The embedded PostgreSQL (PGlite) used when no DATABASE_URL is set. `fresh` is true when this
 * start created the data directory, which is when the example case gets loaded.
 */
export class EmbeddedDatabase {
  private constructor(
    readonly pglite: PGlite | null,
    readonly fresh: boolean,
  ) {}

  static none(): EmbeddedDatabase {
    return new EmbeddedDatabase(null, false);
  }

  static of(pglite: PGlite, fresh: boolean): EmbeddedDatabase {
    return new EmbeddedDatabase(pglite, fresh);
  }

  static async open(dataDir: string): Promise<EmbeddedDatabase> {
    const dir = resolve(dataDir, 'pglite');
    const fresh = !existsSync(join(dir, 'PG_VERSION'));
    mkdirSync(dir, { recursive: true });
    const started = Date.now();
    const pglite = await PGlite.create(dir);
    new Logger(EmbeddedDatabase.name).log(
      `embedded PostgreSQL (PGlite) ${fresh ? 'created' : 'opened'} at ${dir} in ${Date.now() - started} ms`,
    );
    return new EmbeddedDatabase(pglite, fresh);
  }

  async close(): Promise<void> {
    if (this.pglite && !this.pglite.closed) await this.pglite.close();
  }
}
