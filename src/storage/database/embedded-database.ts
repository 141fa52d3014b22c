import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Logger } from '@nestjs/common';
import { PGliteThread } from './pglite-thread';

/**
 * The embedded PostgreSQL (PGlite) used when no DATABASE_URL is set. `fresh` is true when this
 * start created the data directory, which is when the example case gets loaded.
 */
export class EmbeddedDatabase {
  private constructor(
    readonly database: PGliteThread | null,
    readonly fresh: boolean,
    private readonly lockFile: string | null = null,
  ) {}

  static none(): EmbeddedDatabase {
    return new EmbeddedDatabase(null, false);
  }

  static of(database: PGliteThread, fresh: boolean): EmbeddedDatabase {
    return new EmbeddedDatabase(database, fresh);
  }

  static async open(dataDir: string): Promise<EmbeddedDatabase> {
    const dir = resolve(dataDir, 'pglite');
    const fresh = !existsSync(join(dir, 'PG_VERSION'));
    mkdirSync(dir, { recursive: true });
    const lockFile = lockDataDir(resolve(dataDir));
    const started = Date.now();
    let database: PGliteThread;
    try {
      if (fresh) await initialiseApart(dir);
      database = await PGliteThread.start({ dataDir: dir, postgresqlconf: EMBEDDED_SETTINGS });
    } catch (e) {
      rmSync(lockFile, { force: true });
      throw e;
    }
    new Logger(EmbeddedDatabase.name).log(
      `embedded PostgreSQL (PGlite) ${fresh ? 'created' : 'opened'} at ${dir} in ${Date.now() - started} ms`,
    );
    return new EmbeddedDatabase(database, fresh, lockFile);
  }

  async close(): Promise<void> {
    await this.database?.close();
    if (this.lockFile) rmSync(this.lockFile, { force: true });
  }
}

/**
 * The embedded server's settings. PGlite's default shared_buffers of 128 MB is most of its
 * memory, for a database of a few tens of MB that the service reads mostly from its own
 * per-version cache (docs/performance.md has the figures).
 */
const EMBEDDED_SETTINGS = ['shared_buffers=16MB'];

/**
 * Creates a new data directory (PGlite's initdb) in a short-lived process of its own: initdb
 * takes some 700 MB at its peak, which would otherwise stay the service's peak for good.
 */
async function initialiseApart(dir: string): Promise<void> {
  const script = `const { PGlite } = require(process.argv[1]);
    PGlite.create(process.argv[2], { postgresqlconf: JSON.parse(process.argv[3]) }).then((db) => db.close());`;
  await promisify(execFile)(process.execPath, [
    '-e',
    script,
    require.resolve('@electric-sql/pglite'),
    dir,
    JSON.stringify(EMBEDDED_SETTINGS),
  ]);
}

/**
 * PGlite takes no lock of its own, and two processes on one data directory corrupt it (say the
 * command line's import while the service runs). A pid file refuses the second; one left by a
 * process that has died is taken over.
 */
function lockDataDir(dataDir: string): string {
  const lockFile = join(dataDir, 'loadbearing.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return lockFile;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = Number(readFileSync(lockFile, 'utf8'));
    if (isAlive(holder)) {
      throw new Error(
        `the embedded database in ${dataDir} is in use by process ${holder}: stop it first, ` +
          'or point this process at another DATA_DIR (or at a server with DATABASE_URL)',
      );
    }
    rmSync(lockFile, { force: true });
  }
  throw new Error(`cannot lock ${lockFile}`);
}

/** Whether a process of this pid exists (signal 0 checks without sending anything). */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, under another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
