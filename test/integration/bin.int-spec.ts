import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compiledIsCurrent } from '../../bin/compiled-is-current';

describe('bin/loadbearing.js: whether the compiled CLI is current', () => {
  let dir: string;
  const at = (path: string, seconds: number) => {
    writeFileSync(path, '');
    utimesSync(path, seconds, seconds);
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lb-bin-'));
    mkdirSync(join(dir, 'src/core/analysis'), { recursive: true });
    at(join(dir, 'src/core/analysis/a.ts'), 1_000);
    at(join(dir, 'src/main.ts'), 1_000);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the build when it is newer than every source', () => {
    at(join(dir, 'main.js'), 2_000);
    expect(compiledIsCurrent(join(dir, 'main.js'), join(dir, 'src'))).toBe(true);
  });

  it('does not when a source, however deep, changed since the build', () => {
    at(join(dir, 'main.js'), 2_000);
    at(join(dir, 'src/core/analysis/a.ts'), 3_000);
    expect(compiledIsCurrent(join(dir, 'main.js'), join(dir, 'src'))).toBe(false);
  });

  it('ignores files that are not sources, and needs no sources at all (an installed package)', () => {
    at(join(dir, 'main.js'), 2_000);
    at(join(dir, 'src/core/notes.md'), 3_000);
    expect(compiledIsCurrent(join(dir, 'main.js'), join(dir, 'src'))).toBe(true);
    expect(compiledIsCurrent(join(dir, 'main.js'), join(dir, 'no-src'))).toBe(true);
  });

  it('does not run a build that is missing', () => {
    expect(compiledIsCurrent(join(dir, 'main.js'), join(dir, 'src'))).toBe(false);
  });
});
