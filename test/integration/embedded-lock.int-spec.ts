import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedDatabase } from '../../src/database/embedded-database';

describe('the embedded database directory', () => {
  it('serves one process at a time, and takes over a lock left by a dead one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loadbearing-lock-'));
    const first = await EmbeddedDatabase.open(dir);
    try {
      await expect(EmbeddedDatabase.open(dir)).rejects.toThrow(`is in use by process ${process.pid}`);
    } finally {
      await first.close();
    }
    // A pid no process has (above the kernel's pid_max).
    writeFileSync(join(dir, 'loadbearing.pid'), '99999999');
    const second = await EmbeddedDatabase.open(dir);
    expect(second.fresh).toBe(false);
    await second.close();
  });
});
