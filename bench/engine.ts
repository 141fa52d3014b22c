import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { generateLargeCase } from '../src/core/analysis/generate-case';
import { exportCaseFile } from '../src/core/case-format/export-case-file';
import { encodeMefName, exportMefFile } from '../src/core/case-format/mef/export-mef';
import { hashCutSets } from '../test/fixtures/aralia/cut-set-hash';
import { readMefOracle } from './mef-oracle';
import { BENCH_CASE } from './shared';

/*
 * `npm run bench:engine [DIR]`: the engine and SCRAM 0.16 side by side, each as a whole process
 * the way a user runs it: ours is analyze-file.js (what `cli analyze FILE --json --max-order 4`
 * does, compiled to plain JS), SCRAM is `scram --bdd --limit-order 4 FILE -o OUT`. On every
 * Open-PSA MEF model in DIR (default ../shared/aralia), and on the generated bench case
 * (BENCH_CASE: ours reads its YAML, SCRAM its MEF export). Wall time is the best of RUNS runs.
 * Prints per model the times, the ratio, the cut-set counts and whether the sets are the same.
 */
const RUNS = 3;
const MAX_ORDER = 4;

const directory = process.argv[2] ?? join(__dirname, '../../../../shared/aralia');
const analyzeFile = join(__dirname, 'analyze-file.js');
const scratch = mkdtempSync(join(tmpdir(), 'bench-engine-'));

interface Model {
  readonly label: string;
  /** What our process reads. */
  readonly ours: string;
  /** What SCRAM reads. */
  readonly scram: string;
  /** Our keys and SCRAM's names, each in one common form to compare them in. */
  readonly ourName: (key: string) => string;
  readonly scramName: (name: string) => string;
}

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

/**
 * SCRAM's products of the named top gates, by top, read with regular expressions: its reports run
 * to hundreds of megabytes.
 */
function scramCutSets(
  report: string,
  tops: ReadonlySet<string>,
  scramName: (name: string) => string,
): Map<string, string[][]> {
  const byTop = new Map<string, string[][]>();
  for (const block of report.matchAll(
    /<sum-of-products name="([^"]*)"[^>]*?(?:\/>|>([\s\S]*?)<\/sum-of-products>)/g,
  )) {
    const top = scramName(block[1]);
    if (!tops.has(top)) continue;
    const sets: string[][] = [];
    // A top that fails for certain: SCRAM reports the one empty product as UNITY.
    if (block[0].includes('UNITY')) sets.push([]);
    for (const product of (block[2] ?? '').matchAll(/<product [^>]*>([\s\S]*?)<\/product>/g)) {
      sets.push(
        [...product[1].matchAll(/<basic-event name="([^"]*)"/g)].map((m) => scramName(m[1])),
      );
    }
    byTop.set(top, sets);
  }
  return byTop;
}

/**
 * Where the two disagree, the oracle judges each set found by one side only: how many of ours
 * and of SCRAM's are wrong (not minimal cut sets of their top).
 */
function judgeDisputed(
  model: Model,
  ours: ReadonlyMap<string, string[][]>,
  theirs: ReadonlyMap<string, string[][]>,
): { oursWrong: number; scramWrong: number; disputed: number } {
  const oracle = readMefOracle(readFileSync(model.scram, 'utf8'), model.scramName);
  const canonical = (set: readonly string[]) => [...set].sort().join(' ');
  let oursWrong = 0;
  let scramWrong = 0;
  let disputed = 0;
  for (const [top, ourSets] of ours) {
    const mine = new Set(ourSets.map(canonical));
    const other = new Set((theirs.get(top) ?? []).map(canonical));
    const only = (sets: Set<string>, without: Set<string>) =>
      [...sets].filter((s) => !without.has(s)).map((s) => (s === '' ? [] : s.split(' ')));
    for (const set of only(mine, other)) {
      disputed++;
      if (!oracle.isMinimalCutSet(top, set)) oursWrong++;
    }
    for (const set of only(other, mine)) {
      disputed++;
      if (!oracle.isMinimalCutSet(top, set)) scramWrong++;
    }
  }
  return { oursWrong, scramWrong, disputed };
}

function compare(model: Model) {
  const output = join(scratch, `${model.label}.out.xml`);
  let json = '';
  const ours = bestOf(() => {
    json = runOurs(model.ours);
  });
  const scram = bestOf(() => runScram(model.scram, output));
  const report = JSON.parse(json) as { pathways: { key: string; cutSets: string[][] }[] };
  const actual = new Map(
    report.pathways.map((p) => [model.ourName(p.key), p.cutSets.map((s) => s.map(model.ourName))]),
  );
  const expected = scramCutSets(
    readFileSync(output, 'utf8'),
    new Set(actual.keys()),
    model.scramName,
  );
  const all = (byTop: ReadonlyMap<string, string[][]>) => [...byTop.values()].flat();
  const count = all(actual).length;
  const equal =
    count === all(expected).length &&
    [...actual].every(([top, sets]) => hashCutSets(sets) === hashCutSets(expected.get(top) ?? []));
  return {
    ours,
    scram,
    count,
    expected: all(expected).length,
    equal,
    judged: equal ? null : judgeDisputed(model, actual, expected),
  };
}

function describeJudgement(j: { oursWrong: number; scramWrong: number; disputed: number }) {
  return (
    `${j.disputed} sets disputed; the oracle finds ${j.oursWrong} of ours wrong, ` +
    `${j.scramWrong} of SCRAM's`
  );
}

function main(): void {
  if (!existsSync('/usr/bin/scram')) {
    throw new Error('bench:engine needs scram (apt-get install scram)');
  }
  const generated = generateLargeCase(BENCH_CASE);
  const yaml = join(scratch, 'generated.yaml');
  const mef = join(scratch, 'generated.xml');
  writeFileSync(yaml, exportCaseFile({ case: generated }));
  writeFileSync(mef, exportMefFile({ case: generated }));
  const models: Model[] = [
    ...readdirSync(directory)
      .filter((f) => f.endsWith('.xml'))
      .sort()
      .map((file) => ({
        label: basename(file, '.xml'),
        ours: join(directory, file),
        scram: join(directory, file),
        // Our keys are the MEF names lower-cased; SCRAM reports them as written.
        ourName: (key: string) => key,
        scramName: (name: string) => name.toLowerCase(),
      })),
    {
      label: 'generated',
      ours: yaml,
      scram: mef,
      ourName: encodeMefName,
      scramName: (name: string) => name,
    },
  ];
  let oursTotal = 0;
  let scramTotal = 0;
  let within = 0;
  let same = 0;
  console.log('model        ours ms  scram ms  ratio  cut sets (ours / scram)  same');
  for (const model of models) {
    const m = compare(model);
    oursTotal += m.ours;
    scramTotal += m.scram;
    if (m.ours <= m.scram) within++;
    if (m.equal) same++;
    console.log(
      [
        model.label.padEnd(12),
        m.ours.toFixed(0).padStart(7),
        m.scram.toFixed(0).padStart(9),
        (m.ours / m.scram).toFixed(2).padStart(6),
        `${m.count} / ${m.expected}`.padStart(24),
        m.equal ? '  yes' : `  NO: ${describeJudgement(m.judged!)}`,
      ].join(' '),
    );
  }
  // What any Node process costs before it reads a byte: SCRAM's smallest runs take about as long.
  const nodeStartup = bestOf(() => execFileSync('node', ['-e', '0']));
  console.log(
    `\nnode startup alone (node -e 0): ${nodeStartup.toFixed(0)} ms` +
      `\n${models.length} models: ours ${oursTotal.toFixed(0)} ms, scram ${scramTotal.toFixed(0)} ms, ` +
      `ratio ${(oursTotal / scramTotal).toFixed(2)}; within 1.0x on ${within}; same cut sets on ${same}`,
  );
}

main();
