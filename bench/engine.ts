import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { generateLargeCase } from '../src/core/analysis/generate-case';
import { exportCaseFile } from '../src/core/case-format/export-case-file';
import { encodeMefName, exportMefFile } from '../src/core/case-format/mef/export-mef';
import { hashCutSets } from '../test/fixtures/aralia/cut-set-hash';
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
 * SCRAM's products of the named top gates, read with regular expressions: its reports run to
 * hundreds of megabytes.
 */
function scramCutSets(
  report: string,
  tops: ReadonlySet<string>,
  scramName: (name: string) => string,
): string[][] {
  const sets: string[][] = [];
  for (const block of report.matchAll(
    /<sum-of-products name="([^"]*)"[^>]*?(?:\/>|>([\s\S]*?)<\/sum-of-products>)/g,
  )) {
    if (!tops.has(scramName(block[1]))) continue;
    // A top that fails for certain: SCRAM reports the one empty product as UNITY.
    if (block[0].includes('UNITY')) sets.push([]);
    for (const product of (block[2] ?? '').matchAll(/<product [^>]*>([\s\S]*?)<\/product>/g)) {
      sets.push(
        [...product[1].matchAll(/<basic-event name="([^"]*)"/g)].map((m) => scramName(m[1])),
      );
    }
  }
  return sets;
}

function compare(model: Model) {
  const output = join(scratch, `${model.label}.out.xml`);
  let json = '';
  const ours = bestOf(() => {
    json = runOurs(model.ours);
  });
  const scram = bestOf(() => runScram(model.scram, output));
  const report = JSON.parse(json) as { pathways: { key: string; cutSets: string[][] }[] };
  const tops = new Set(report.pathways.map((p) => model.ourName(p.key)));
  const expected = scramCutSets(readFileSync(output, 'utf8'), tops, model.scramName);
  const actual = report.pathways.flatMap((p) => p.cutSets.map((s) => s.map(model.ourName)));
  const equal = actual.length === expected.length && hashCutSets(actual) === hashCutSets(expected);
  return { ours, scram, count: actual.length, expected: expected.length, equal };
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
        m.equal ? '  yes' : '  NO',
      ].join(' '),
    );
  }
  console.log(
    `\n${models.length} models: ours ${oursTotal.toFixed(0)} ms, scram ${scramTotal.toFixed(0)} ms, ` +
      `ratio ${(oursTotal / scramTotal).toFixed(2)}; within 1.0x on ${within}; same cut sets on ${same}`,
  );
}

main();
