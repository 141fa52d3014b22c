import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/app/cli/main';
import { EmbeddedDatabase } from '../../src/storage/database/embedded-database';

describe('the embedded database directory', () => {
  it('serves one process at a time, and takes over a lock left by a dead one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loadbearing-lock-'));
    const first = await EmbeddedDatabase.open(dir);
    const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
    try {
      await expect(EmbeddedDatabase.open(dir)).rejects.toThrow(
        `is in use by process ${process.pid}`,
      );
      // The command line says so plainly (exit 1), e.g. an import while the service runs.
      process.env.DATA_DIR = dir;
      delete process.env.DATABASE_URL;
      const err: string[] = [];
      const code = await runCli(
        ['export', 'pilot-2025'],
        () => undefined,
        (line) => err.push(line),
      );
      expect(code).toBe(1);
      expect(err).toEqual([
        expect.stringMatching(/^error: the embedded database in .* is in use by process \d+/),
      ]);
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      await first.close();
    }
    // A pid no process has (above the kernel's pid_max).
    writeFileSync(join(dir, 'loadbearing.pid'), '99999999');
    const second = await EmbeddedDatabase.open(dir);
    expect(second.fresh).toBe(false);
    await second.close();
  });
});
