import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Finds a file shipped at the repository root, from src/ under ts-node or dist/src/ when built. */
export function findRepoFile(relative: string): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`cannot find ${relative}: no package.json above ${__dirname}`);
    }
    dir = parent;
  }
  return join(dir, relative);
}
