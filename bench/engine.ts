import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { hashCutSets } from '../test/fixtures/aralia/cut-set-hash';

/*
 * `npm run bench:engine [DIR]`: the engine and SCRAM 0.16 side by side on every Open-PSA MEF model
 * in DIR (default ../shared/aralia), each as a whole process the way a user runs it: ours is
 * analyze-file.js (what `cli analyze FILE --json --max-order 4` does, compiled to plain JS), SCRAM
 * is `scram --bdd --limit-order 4 FILE -o OUT`. Wall time is the best of RUNS runs. Prints per
 * model the times, the ratio, the cut-set counts and whether the sets are the same.
 */
const RUNS = 3;
const MAX_ORDER = 4;

const directory = process.argv[2] ?? join(__dirname, '../../../../shared/aralia');
const analyzeFile = join(__dirname, 'analyze-file.js');
const scratch = mkdtempSync(join(tmpdir(), 'bench-engine-'));

function bestOf(run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

function runOurs(file: string): string {
  const result = spawnSync('node', [analyzeFile, file, String(MAX_ORDER)], {
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`analyze-file failed on ${file}: ${result.stderr}`);
  return result.stdout;
}

function runScram(file: string, output: string): void {
  execFileSync('scram', ['--bdd', '--limit-order', String(MAX_ORDER), file, '-o', output]);
}

/** SCRAM's products, read with a regular expression: its reports run to hundreds of megabytes. */
function scramCutSets(report: string): string[][] {
  const sets: string[][] = [];
  for (const product of report.matchAll(/<product [^>]*>([\s\S]*?)<\/product>/g)) {
    sets.push([...product[1].matchAll(/<basic-event name="([^"]*)"/g)].map((m) => m[1]));
  }
  return sets;
}

/** Our cut sets by MEF name: the mitigations' titles are the MEF names, keys may differ. */
function ourCutSets(json: string): string[][] {
  const report = JSON.parse(json) as { pathways: { cutSets: string[][] }[] };
  return report.pathways.flatMap((p) => p.cutSets);
}

function main(): void {
  if (!existsSync('/usr/bin/scram')) {
    throw new Error('bench:engine needs scram (apt-get install scram)');
  }
  const models = readdirSync(directory)
    .filter((f) => f.endsWith('.xml'))
    .sort();
  const rows: string[] = [];
  let oursTotal = 0;
  let scramTotal = 0;
  let within = 0;
  let same = 0;
  const header = 'model        ours ms  scram ms  ratio  cut sets (ours / scram)  same';
  console.log(header);
  for (const file of models) {
    const path = join(directory, file);
    const output = join(scratch, file);
    let json = '';
    const ours = bestOf(() => {
      json = runOurs(path);
    });
    const scram = bestOf(() => runScram(path, output));
    const expected = scramCutSets(readFileSync(output, 'utf8'));
    const actual = ourCutSets(json);
    // Aralia keys are the MEF names lower-cased; SCRAM keeps the case.
    const equal =
      actual.length === expected.length &&
      hashCutSets(actual) === hashCutSets(expected.map((s) => s.map((name) => name.toLowerCase())));
    oursTotal += ours;
    scramTotal += scram;
    if (ours <= scram) within++;
    if (equal) same++;
    const row = [
      basename(file, '.xml').padEnd(12),
      ours.toFixed(0).padStart(7),
      scram.toFixed(0).padStart(9),
      (ours / scram).toFixed(2).padStart(6),
      `${actual.length} / ${expected.length}`.padStart(24),
      equal ? '  yes' : '  NO',
    ].join(' ');
    rows.push(row);
    console.log(row);
  }
  console.log(
    `\n${models.length} models: ours ${oursTotal.toFixed(0)} ms, scram ${scramTotal.toFixed(0)} ms, ` +
      `ratio ${(oursTotal / scramTotal).toFixed(2)}; within 1.0x on ${within}; same cut sets on ${same}`,
  );
}

main();
