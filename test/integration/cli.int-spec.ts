import { araliaDir } from '../fixtures/aralia/aralia-dir';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCaptured as run } from '../../src/app/cli/testing/run-captured';
import { generateLargeCase } from '../../src/core/analysis/generate-case';
import { exportCaseFile } from '../../src/core/case-format/export-case-file';
import { lineOf, SPEC_EXAMPLE, aliasBomb } from '../utils/fixtures';
import { createTestDatabase, type TestDatabase } from '../utils/test-db';

const dir = mkdtempSync(join(tmpdir(), 'loadbearing-cli-'));
const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

/**
 * bin/loadbearing.js says on stderr when it runs the sources because dist/ is older than them
 * (in a checkout edited since its build; never in CI, which builds first): not an error.
 */
const withoutStaleBuildNotice = (stderr: string) =>
  stderr.replace(/^loadbearing: dist\/ is missing or older than src\/.*\n/, '');

describe('command line', () => {
  it('check: exits 0 on a valid file and prints warnings with their lines', async () => {
    const file = write('ok.yaml', SPEC_EXAMPLE);
    const r = await run('check', file);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      `${file}:${lineOf(SPEC_EXAMPLE, '- key: threat-model-complete')}: warning: claim 'threat-model-complete' supports nothing`,
    );
    expect(r.out).toContain(
      "ok: report 'pilot-2025' with 1 pathways, 3 claims, 4 mitigations, 1 evidence",
    );
  });

  it('check: exits 1 with file:line: messages naming the keys', async () => {
    const text = SPEC_EXAMPLE.replace('{atLeast: 1}', '{atLeast: 3}').replace(
      '[log-pipeline]',
      '[log-pipe]',
    );
    const file = write('bad.yaml', text);
    const r = await run('check', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `${file}:${lineOf(text, '{atLeast: 3}')}: error: claim 'exfil-detected': requires atLeast 3`,
    );
    expect(r.err).toContain(
      `${file}:${lineOf(text, '[log-pipe]')}: error: mitigation 'egress-monitor': dependsOn entry 'log-pipe' names nothing`,
    );
  });

  it('analyze: prints margins, cut sets, the load-bearing map and the roadmap of a case file', async () => {
    const example = join(__dirname, '../../examples/pilot-sabotage-risk-report.yaml');
    const text = await run('analyze', example, '--max-order', '3');
    expect(text.code).toBe(0);
    expect(text.out).toContain(
      'self-exfiltration: holds, margin 1; load-bearing: weight-storage-file-permissions',
    );
    expect(text.out).toContain(
      'weight-storage-file-permissions (mitigation): pathways [rogue-internal-deployment, self-exfiltration]',
    );
    expect(text.out).toMatch(
      /1\. deception-probes: strengthens 4 \(pathways: code-backdoors, training-data-poisoning\); cost 13/,
    );

    const json = await run('analyze', example, '--json');
    const report = JSON.parse(json.out) as {
      maxOrder: number;
      pathways: { key: string; margin: number; cutSets: string[][] }[];
    };
    expect(report.maxOrder).toBe(4);
    const exfil = report.pathways.find((p) => p.key === 'self-exfiltration')!;
    expect(exfil.margin).toBe(1);
    expect(exfil.cutSets[0]).toEqual(['weight-storage-file-permissions']);

    expect((await run('analyze', example, '--max-order', '0')).code).toBe(2);
    const bad = await run(
      'analyze',
      write('bad-analyze.yaml', SPEC_EXAMPLE.replace('[log-pipeline]', '[nope]')),
    );
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("dependsOn entry 'nope' names nothing");
  });

  it('check: refuses tags, repeated keys, alias bombs, deep nesting and oversized files as importCase does', async () => {
    const repeated = SPEC_EXAMPLE.replace('status: valid ', 'status: valid\n    status: stale ');
    const specLines = SPEC_EXAMPLE.split('\n').length;
    const cases: [string, string, number | null, string][] = [
      [
        'tag.yaml',
        SPEC_EXAMPLE.replace('title: Pre-deployment alignment audit', 'title: !!js/function "f"'),
        lineOf(SPEC_EXAMPLE, 'title: Pre-deployment alignment audit'),
        'Unresolved tag: tag:yaml.org,2002:js/function',
      ],
      ['repeated.yaml', repeated, lineOf(repeated, 'status: stale'), 'Map keys must be unique'],
      [
        'laughs.yaml',
        `${aliasBomb(SPEC_EXAMPLE)}\n`,
        null,
        'Excessive alias count indicates a resource exhaustion attack',
      ],
      [
        'deep.yaml',
        `${SPEC_EXAMPLE}\nx:\n${'- '.repeat(1_000_000)}y\n`,
        specLines + 2,
        'the document nests more than 32 levels deep',
      ],
      [
        'large.yaml',
        `${SPEC_EXAMPLE}# ${'x'.repeat(8 * 1024 * 1024)}\n`,
        null,
        `the document is ${SPEC_EXAMPLE.length + 8 * 1024 * 1024 + 3} bytes; a case file may be at most 8388608 bytes (8 MiB)`,
      ],
    ];
    for (const [name, text, line, message] of cases) {
      const file = write(name, text);
      const r = await run('check', file);
      expect({ name, code: r.code, err: r.err.split('\n')[0] }).toEqual({
        name,
        code: 1,
        err: `${file}${line === null ? '' : `:${line}`}: error: ${message}`,
      });
    }
  });

  it('exits 2 on a usage error and 1 on an unreadable file', async () => {
    expect((await run('check', 'x', '--bogus')).code).toBe(2);
    expect((await run('frobnicate', 'x')).code).toBe(2);
    expect((await run()).code).toBe(2);
    expect((await run('check', join(dir, 'missing.yaml'))).code).toBe(1);
  });

  it('as a process, `npm run cli -- check` exits non-zero on a bad file', () => {
    const file = write('bad-process.yaml', SPEC_EXAMPLE.replace('status: valid', 'status: fresh'));
    const r = spawnSync('node', ['bin/loadbearing.js', 'check', file], {
      cwd: join(__dirname, '../..'),
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      `${file}:${lineOf(SPEC_EXAMPLE, 'status: valid')}: error: evidence 'alignment-audit': status: unknown value "fresh"`,
    );
  });

  it('as a process, delivers all of a large analysis through a pipe, then exits', () => {
    // About 2.3 MB of JSON.
    const big = generateLargeCase({
      mitigations: 400,
      claims: 200,
      pathways: 20,
      links: 1600,
      seed: 1,
    });
    const file = write('big.yaml', exportCaseFile({ case: big }));
    // `| cat`, as a user would pipe it to jq: a process that exits before stdout drains is cut
    // off at the pipe's buffer (64 KiB).
    const r = spawnSync('sh', ['-c', `node bin/loadbearing.js analyze '${file}' --json | cat`], {
      cwd: join(__dirname, '../..'),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(withoutStaleBuildNotice(r.stderr)).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(1024 * 1024);
    const report = JSON.parse(r.stdout) as { report: string; pathways: unknown[] };
    expect(report.report).toBe(big.report.key);
    expect(report.pathways).toHaveLength(20);
  });

  it('analyze: reads Open-PSA MEF, to every order, with probabilities and importance as SCRAM gives them', async () => {
    const reference = JSON.parse(
      readFileSync(join(__dirname, '../fixtures/aralia/reference.json'), 'utf8'),
    ) as { models: Record<string, { top: string; countsByOrder: number[]; probability: number }> };
    const model = join(araliaDir(), 'chinese.xml');
    const r = await run('analyze', model, '--json', '--max-order', '4', '--importance');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as {
      maxOrder: number | null;
      pathways: {
        key: string;
        cutSets: string[][];
        probability: { exact: number; rareEvent: number; mcub: number };
        importance: { key: string; mif: number }[];
      }[];
    };
    const expected = reference.models.chinese;
    const [top] = report.pathways;
    expect(top.key).toBe(expected.top);
    const counts = [1, 2, 3, 4].map((k) => top.cutSets.filter((s) => s.length === k).length);
    expect(counts).toEqual(expected.countsByOrder);
    // SCRAM prints six significant digits.
    expect(top.probability.exact).toBeCloseTo(expected.probability, 8);
    expect(top.probability.rareEvent).toBeGreaterThanOrEqual(top.probability.mcub);
    expect(top.importance.length).toBeGreaterThan(0);

    const all = JSON.parse((await run('analyze', model, '--json', '--max-order', 'all')).out) as {
      maxOrder: number | null;
      pathways: { cutSets: string[][] }[];
    };
    expect(all.maxOrder).toBeNull();
    expect(all.pathways[0].cutSets.length).toBeGreaterThanOrEqual(top.cutSets.length);

    // Without probabilities in the file, a default is needed, and named when used.
    const example = join(__dirname, '../../examples/pilot-sabotage-risk-report.yaml');
    const refused = await run('analyze', example, '--probability');
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("no probability for 'alignment-audit-process'");
    const defaulted = JSON.parse(
      (await run('analyze', example, '--json', '--probability', '--default-probability', '0.01'))
        .out,
    ) as { defaultProbabilityUsedBy: string[]; pathways: { probability: { exact: number } }[] };
    expect(defaulted.defaultProbabilityUsedBy).toContain('egress-monitor');
    expect(defaulted.pathways[0].probability.exact).toBeGreaterThan(0);
  });

  it('as a process, stops quietly when the reader closes the pipe early', () => {
    const r = spawnSync(
      'sh',
      [
        '-c',
        `node bin/loadbearing.js analyze '${write('head.yaml', SPEC_EXAMPLE)}' --json | head -c 10`,
      ],
      { cwd: join(__dirname, '../..'), encoding: 'utf8' },
    );
    expect(r.stdout).toBe('{\n  "repor');
    expect(withoutStaleBuildNotice(r.stderr)).toBe('');
  });

  describe('import and export against the configured database', () => {
    let db: TestDatabase;
    const saved = { DATABASE_URL: process.env.DATABASE_URL, DATA_DIR: process.env.DATA_DIR };
    beforeAll(async () => {
      db = await createTestDatabase();
      if (db.kind === 'server') process.env.DATABASE_URL = db.url;
      else process.env.DATA_DIR = mkdtempSync(join(tmpdir(), 'loadbearing-cli-data-'));
    });
    afterAll(async () => {
      Object.assign(process.env, saved);
      if (saved.DATA_DIR === undefined) delete process.env.DATA_DIR;
      await db.drop();
    });

    it('imports, refuses a second import without --replace, exports the same case', async () => {
      const file = write('import.yaml', SPEC_EXAMPLE);
      const imported = await run('import', file);
      expect(imported).toMatchObject({ code: 0, out: "imported report 'pilot-2025' (version 1)" });

      const again = await run('import', file);
      expect(again.code).toBe(1);
      expect(again.err).toContain("report 'pilot-2025' already exists");
      // The same content again changes nothing; a change makes version 2.
      expect((await run('import', file, '--replace')).out).toBe(
        "imported report 'pilot-2025' (version 1)",
      );
      const changed = write('changed.yaml', SPEC_EXAMPLE.replace('status: valid', 'status: stale'));
      expect((await run('import', changed, '--replace')).out).toBe(
        "imported report 'pilot-2025' (version 2)",
      );

      const outFile = join(dir, 'exported.yaml');
      expect((await run('export', 'pilot-2025', '--out', outFile)).code).toBe(0);
      expect((await run('check', outFile)).code).toBe(0);
      expect(readFileSync(outFile, 'utf8')).toContain(
        'supports: [ weight-file-permissions, egress-monitor ]',
      );
      expect((await run('export', 'no-such-report')).err).toContain("no report 'no-such-report'");

      // As Open-PSA MEF: the same cut sets when analysed again.
      const mef = join(dir, 'exported.xml');
      expect((await run('export', 'pilot-2025', '--format', 'mef', '--out', mef)).code).toBe(0);
      type Analysed = { pathways: { key: string; cutSets: string[][] }[] };
      const fromMef = JSON.parse((await run('analyze', mef, '--json')).out) as Analysed;
      const fromYaml = JSON.parse((await run('analyze', outFile, '--json')).out) as Analysed;
      // Every pathway keeps its key and its cut sets (a claim that supports nothing is a top
      // gate in MEF, so it comes back as one more pathway).
      for (const p of fromYaml.pathways) {
        expect(fromMef.pathways.find((q) => q.key === p.key)?.cutSets).toEqual(p.cutSets);
      }
      expect((await run('export', 'pilot-2025', '--format', 'pdf')).code).toBe(2);
    });
  });
});
