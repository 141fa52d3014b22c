import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** Folder → the folders its files import from (other than itself). */
export type FolderGraph = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * The groups of folders that import one another in a cycle (strongly connected components of
 * more than one folder, Tarjan's algorithm), each sorted, in a stable order.
 */
export function findFolderCycles({ graph }: { graph: FolderGraph }): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (folder: string): void => {
    index.set(folder, index.size);
    low.set(folder, index.get(folder)!);
    stack.push(folder);
    onStack.add(folder);
    for (const next of graph.get(folder) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(folder, Math.min(low.get(folder)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(folder, Math.min(low.get(folder)!, index.get(next)!));
      }
    }
    if (low.get(folder) !== index.get(folder)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== folder);
    if (group.length > 1) groups.push(group.sort());
  };
  for (const folder of [...graph.keys()].sort()) if (!index.has(folder)) visit(folder);
  return groups.sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** The folder graph of the non-test TypeScript files under `root`, from their relative imports. */
export function readFolderGraph({ root }: { root: string }): FolderGraph {
  const graph = new Map<string, Set<string>>();
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  for (const file of walk(root)) {
    if (!file.endsWith('.ts') || file.endsWith('.spec.ts') || file.includes('/testing/')) continue;
    const from = relative(root, dirname(file)) || '.';
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = resolve(dirname(file), fileName);
      const folder =
        existsSync(target) && statSync(target).isDirectory() ? target : dirname(target);
      const to = relative(root, folder) || '.';
      if (to === from) continue;
      if (!graph.has(from)) graph.set(from, new Set());
      graph.get(from)!.add(to);
    }
  }
  return graph;
}

/** `npm run lint:cycles`: prints the import cycles between folders under src/; exit 1 if any. */
if (require.main === module) {
  const root = join(__dirname, '..', 'src');
  const cycles = findFolderCycles({ graph: readFolderGraph({ root }) });
  console.log(`import cycles between folders under src/: ${cycles.length}`);
  for (const group of cycles) console.log(`  ${group.join(' <-> ')}`);
  process.exitCode = cycles.length > 0 ? 1 : 0;
}
