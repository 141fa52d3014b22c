import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { runCaptured as run } from '../../src/app/cli/testing/run-captured';
import { generateLargeCase } from '../../src/core/analysis/generate-case';
import { exportCaseFile } from '../../src/core/case-format/export-case-file';
import type { Case } from '../../src/core/case-model/case';
import type { CaseDiff } from '../../src/core/iteration/diff-reports';
import type { Readiness } from '../../src/core/iteration/readiness';
import { lineOf } from '../utils/fixtures';

/*
 * SPEC §6 offline: `diff A B [--json] [--max-order N]` (exit 0 no regression, 1 a regression,
 * 2 bad input) and `readiness FILE [--json]`.
 *
 * A (model-4): self-exfiltration = all(no-coherent-goals, exfil-detected)
 *   no-coherent-goals = any(alignment-audit, interp-probes)                  margin 2
 *   exfil-detected = atLeast 1 of (weight-file-permissions, egress-monitor → log-pipeline)
 *                    cut sets {perms, egress}, {perms, pipeline}              margin 2
 *   self-exfiltration: the union of both claims' cut sets                    margin 2
 * B (model-5, previous model-4): exfil-detected renamed exfiltration-detected via previousKeys,
 *   and the file permissions failed: exfiltration-detected {egress}, {pipeline}, margin 1, and the
 *   pathway with it: two regressions.
 */

const root = join(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'loadbearing-cli-iteration-'));
const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

/**
 * The command line as a process, from the sources (bin/loadbearing.js would run dist/, which
 * may be older than them). `shell`: a command line for `sh -c` in which `$CLI` runs it.
 */
const CLI = `node -r ts-node/register/transpile-only src/app/cli/main.ts`;
function spawnCli(shell: string) {
  return spawnSync('sh', ['-c', shell.replaceAll('$CLI', CLI)], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, TS_NODE_PROJECT: join(root, 'tsconfig.json') },
  });
}

const A = `format: loadbearing/v1
report:
  key: model-4
  title: Model 4 risk report
pathways:
  - key: self-exfiltration
    title: Self-exfiltration and autonomous operation
    supports: [no-coherent-goals, exfil-detected]
claims:
  - key: no-coherent-goals
    statement: The model has no coherent dangerous goals.
    kind: alignment
    requires: any
    supports: [alignment-audit, interp-probes]
  - key: exfil-detected
    statement: An exfiltration attempt would be detected.
    kind: monitoring
    requires: {atLeast: 1}
    supports: [weight-file-permissions, egress-monitor]
mitigations:
  - key: weight-file-permissions
    title: Weight storage readable only by the serving account
    kind: security
    status: in_place
  - key: egress-monitor
    title: Egress volume monitor
    kind: monitoring
    status: in_place
    dependsOn: [log-pipeline]
  - key: log-pipeline
    title: Central log pipeline
    kind: infrastructure
    status: in_place
  - key: interp-probes
    title: Deception probes
    kind: interpretability
    status: in_place
evidence:
  - key: alignment-audit
    title: Pre-deployment alignment audit
    status: valid
`;

/** B: the next report, exfil-detected renamed with the given lineage, the permissions failed. */
const nextReport = (lineage: string[]) =>
  A.replace('key: model-4\n', 'key: model-5\n  previous: model-4\n')
    .replace('[no-coherent-goals, exfil-detected]', '[no-coherent-goals, exfiltration-detected]')
    .replace(
      '  - key: exfil-detected\n',
      `  - key: exfiltration-detected\n    previousKeys:\n${lineage.map((k) => `      - ${k}\n`).join('')}`,
    )
    .replace(
      'readable only by the serving account\n    kind: security\n    status: in_place',
      'readable only by the serving account\n    kind: security\n    status: failed',
    );
const B = nextReport(['exfil-detected']);

/**
 * A': iterates on A with no regression: log-pipeline renamed, and a third way to detect an
 * exfiltration (badge readers) raises exfil-detected to margin 3.
 */
const A2 = A.replace('key: model-4\n', 'key: model-4b\n  previous: model-4\n')
  .replace('dependsOn: [log-pipeline]', 'dependsOn: [central-log-pipeline]')
  .replace(
    '  - key: log-pipeline\n',
    '  - key: central-log-pipeline\n    previousKeys: [log-pipeline]\n',
  )
  .replace(
    '[weight-file-permissions, egress-monitor]',
    '[weight-file-permissions, egress-monitor, badge-readers]',
  )
  .replace(
    'evidence:\n',
    'evidence:\n  - key: badge-readers\n    title: Badge reader logs\n    status: valid\n',
  );

const files = {
  a: write('A.yaml', A),
  b: write('B.yaml', B),
  a2: write('A2.yaml', A2),
};

describe('cli diff', () => {
  it('exits 1 and prints the regressions when a pathway or claim lost margin', async () => {
    const r = await run('diff', files.a, files.b);
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe("diff 'model-4' → 'model-5' (margins up to order 4)");
    const at = lines.indexOf('Regressions: 2');
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 3)).toEqual([
      '  claim exfiltration-detected (was exfil-detected): holds, margin 2 → holds, margin 1',
      '  pathway self-exfiltration: holds, margin 2 → holds, margin 1',
    ]);
    expect(lines).toContain('  renamed claim exfil-detected → exfiltration-detected');
    expect(lines).toContain('  mitigation weight-file-permissions: status "in_place" → "failed"');
    expect(lines).toContain('  + egress-monitor for self-exfiltration');
    expect(lines).toContain('  + log-pipeline for exfiltration-detected');
  });

  it('exits 0 when nothing lost holding or margin, renames included', async () => {
    const r = await run('diff', files.a, files.a2);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Regressions: 0');
    expect(r.out).toContain('renamed mitigation log-pipeline → central-log-pipeline');
    expect(r.out).toContain('claim exfil-detected: holds, margin 2 → holds, margin 3');
    // At order 2 the new margin is only "more than 2": still a rise, no regression.
    const bounded = await run('diff', files.a, files.a2, '--max-order', '2');
    expect(bounded.code).toBe(0);
    expect(bounded.out).toContain('(margins up to order 2)');
    expect(bounded.out).toContain('claim exfil-detected: holds, margin 2 → holds, margin >2');
    // A file against itself: no differences at all.
    const same = await run('diff', files.b, files.b);
    expect(same.code).toBe(0);
    expect(same.out.split('\n').slice(-1)).toEqual(['no differences']);
  });

  it('--json prints the whole diff as one JSON document', async () => {
    const r = await run('diff', files.a, files.b, '--json');
    expect(r.code).toBe(1);
    const diff = JSON.parse(r.out) as CaseDiff;
    expect(diff.from).toBe('model-4');
    expect(diff.to).toBe('model-5');
    expect(diff.analysis.maxOrder).toBe(4);
    expect(diff.summary.regressions.map((x) => [x.kind, x.key, x.previousKey, x.reason])).toEqual([
      ['claim', 'exfiltration-detected', 'exfil-detected', 'marginDecreased'],
      ['pathway', 'self-exfiltration', 'self-exfiltration', 'marginDecreased'],
    ]);
    expect(diff.structure.renamed).toEqual([
      { from: 'exfil-detected', to: 'exfiltration-detected', kind: 'claim' },
    ]);
    expect(diff.structure.links).toEqual({ added: [], removed: [] });
    expect(diff.structure.report).toEqual([{ field: 'previous', before: null, after: 'model-4' }]);
    expect(diff.analysis.loadBearing.disappeared).toEqual([]);
    expect(diff.analysis.loadBearing.appeared).toHaveLength(4);
  });

  it('exits 2 with B.yaml:LINE when previousKeys names nothing in A', async () => {
    const text = nextReport(['exfil-detected', 'exfil-gone']);
    const file = write('B-bad-lineage.yaml', text);
    const r = await run('diff', files.a, file);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      `${file}:${lineOf(text, '- exfil-gone')}: error: claim 'exfiltration-detected': ` +
        `previousKeys names 'exfil-gone', which report 'model-4' does not have`,
    );
    // JSON too: same lineage, the file is read as YAML.
    const jsonText = JSON.stringify(parseYaml(text), null, 2);
    const json = write('B-bad-lineage.json', jsonText);
    const fromJson = await run('diff', files.a, json, '--json');
    expect(fromJson.code).toBe(2);
    expect(fromJson.out).toBe('');
    expect(fromJson.err).toBe(
      `${json}:${lineOf(jsonText, '"exfil-gone"')}: error: claim 'exfiltration-detected': ` +
        `previousKeys names 'exfil-gone', which report 'model-4' does not have`,
    );
  });

  it('does not check, or use, lineage when B does not iterate on A', async () => {
    // The same B, but iterating on another report: its previousKeys name that report's nodes.
    const text = nextReport(['exfil-gone']).replace('previous: model-4', 'previous: model-3');
    const r = await run('diff', files.a, write('B-other.yaml', text), '--json');
    expect(r.err).toBe('');
    const diff = JSON.parse(r.out) as CaseDiff;
    expect(diff.structure.renamed).toEqual([]);
    expect(diff.structure.added).toEqual([{ key: 'exfiltration-detected', kind: 'claim' }]);
    expect(diff.structure.removed).toEqual([{ key: 'exfil-detected', kind: 'claim' }]);
    // The pathway still regresses (matched by key), so the gate still fails.
    expect(r.code).toBe(1);
  });

  it('exits 2 on a missing file, an invalid case, a wrong argument count or a bad --max-order', async () => {
    const missing = join(dir, 'missing.yaml');
    const gone = await run('diff', files.a, missing);
    expect(gone.code).toBe(2);
    expect(gone.err).toContain(`${missing}: cannot read`);

    const badText = A.replace('status: valid', 'status: fresh');
    const bad = write('invalid.yaml', badText);
    const invalid = await run('diff', bad, files.b);
    expect(invalid.code).toBe(2);
    expect(invalid.err).toContain(
      `${bad}:${lineOf(badText, 'status: fresh')}: error: evidence 'alignment-audit': status: unknown value "fresh"`,
    );

    for (const argv of [
      ['diff'],
      ['diff', files.a],
      ['diff', files.a, files.b, files.a2],
      ['readiness'],
      ['readiness', files.a, files.b],
    ]) {
      const r = await run(...argv);
      expect({ argv, code: r.code }).toEqual({ argv, code: 2 });
      expect(r.err).toMatch(/takes (two case files, A and B|one case file), got \d/);
    }
    for (const order of ['all', 'x', '0', '99']) {
      const r = await run('diff', files.a, files.b, '--max-order', order);
      expect({ order, code: r.code }).toEqual({ order, code: 2 });
      expect(r.err).toMatch(/max-order|maxOrder/);
    }
    expect((await run('diff', files.a, files.b, '--bogus')).code).toBe(2);
  });

  it('as a process: exit codes 0, 1 and 2', () => {
    expect(spawnCli(`$CLI diff '${files.a}' '${files.a2}'`).status).toBe(0);
    const regressed = spawnCli(`$CLI diff '${files.a}' '${files.b}'`);
    expect(regressed.status).toBe(1);
    expect(regressed.stdout).toContain('Regressions: 2');
    const missing = spawnCli(`$CLI diff '${files.a}' '${join(dir, 'nope.yaml')}'`);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('cannot read');
    expect(spawnCli(`$CLI diff '${files.a}'`).status).toBe(2);
  });

  it('as a process, delivers a diff of more than 1 MB of JSON through a pipe, then exits 1', async () => {
    // Every node renamed (lineage), given a long description, and one control in ten failed.
    const big = generateLargeCase({
      mitigations: 200,
      claims: 200,
      pathways: 20,
      links: 800,
      seed: 7,
    });
    const renamed = (key: string) => `next-${key}`;
    const long = 'Rewritten for the next model. '.repeat(100);
    const lineage = (key: string) => ({
      key: renamed(key),
      previousKeys: [key],
      description: long,
    });
    const next: Case = {
      ...big,
      report: { ...big.report, key: 'next', previous: big.report.key },
      pathways: big.pathways.map((p) => ({
        ...p,
        ...lineage(p.key),
        supports: p.supports.map(renamed),
      })),
      claims: big.claims.map((c) => ({
        ...c,
        ...lineage(c.key),
        supports: c.supports.map(renamed),
      })),
      mitigations: big.mitigations.map((m, i) => ({
        ...m,
        ...lineage(m.key),
        dependsOn: m.dependsOn.map(renamed),
        ...(i % 10 === 0 && m.status === 'in_place' ? { status: 'failed' as const } : {}),
      })),
      evidence: big.evidence.map((e) => ({ ...e, ...lineage(e.key) })),
    };
    const fromFile = write('big-a.yaml', exportCaseFile({ case: big }));
    const toFile = write('big-b.yaml', exportCaseFile({ case: next }));
    const rcFile = join(dir, 'big.rc');
    // `| cat`, as a user would pipe it to jq: a process that exits before stdout drains is cut
    // off at the pipe's buffer (64 KiB). The CLI's own exit code goes to a file.
    const r = spawnCli(
      `{ $CLI diff '${fromFile}' '${toFile}' --json; echo $? > '${rcFile}'; } | cat`,
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readFileSync(rcFile, 'utf8').trim()).toBe('1');
    expect(r.stdout.length).toBeGreaterThan(1024 * 1024);
    const diff = JSON.parse(r.stdout) as CaseDiff;
    expect(diff.structure.renamed).toHaveLength(
      big.pathways.length + big.claims.length + big.mitigations.length + big.evidence.length,
    );
    expect(diff.summary.regressions.length).toBeGreaterThan(0);
    // Exactly what the command prints in process.
    const inProcess = await run('diff', fromFile, toFile, '--json');
    expect(inProcess.code).toBe(1);
    expect(r.stdout).toBe(`${inProcess.out}\n`);
  });
});

/*
 * R: the SPEC example cloned for the next model, probes still planned: the alignment audit is
 * stale, so no-coherent-goals and the pathway do not hold; redoing it restores both. The egress
 * audit (invalidated, no effort) is a third way to detect: redoing it takes exfil-detected from
 * margin 2 to 3.
 */
const R = A.replace('key: model-4\n', 'key: model-5\n  previous: model-4\n  state: published\n')
  .replace(
    'kind: interpretability\n    status: in_place',
    'kind: interpretability\n    status: planned\n    effort: 8',
  )
  .replace(
    '[weight-file-permissions, egress-monitor]',
    '[weight-file-permissions, egress-monitor, egress-audit]',
  )
  .replace(
    '    title: Pre-deployment alignment audit\n    status: valid\n',
    '    title: Pre-deployment alignment audit\n    status: stale\n    effort: 5\n' +
      '  - key: egress-audit\n    title: Egress audit\n    status: invalidated\n    scope: standing\n',
  );

describe('cli readiness', () => {
  it('--json: not ready, the audit first in the plan; exit 0', async () => {
    const file = write('R.yaml', R);
    const r = await run('readiness', file, '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const readiness = JSON.parse(r.out) as Readiness;
    expect(readiness).toMatchObject({
      report: 'model-5',
      state: 'published',
      ready: false,
      pathwaysNotHolding: ['self-exfiltration'],
      claimsNotHolding: ['no-coherent-goals'],
      evidenceToRedo: [
        { key: 'alignment-audit', status: 'stale', scope: 'model', effort: 5 },
        { key: 'egress-audit', status: 'invalidated', scope: 'standing', effort: null },
      ],
    });
    expect(readiness.plan).toEqual([
      {
        rank: 1,
        key: 'alignment-audit',
        bundle: ['alignment-audit'],
        cost: 5,
        missingEffort: [],
        argumentsRestored: 2,
        pathwaysRestored: ['self-exfiltration'],
        claimsRestored: ['no-coherent-goals'],
        newlyHoldingPathways: ['self-exfiltration'],
        newlyHoldingClaims: ['no-coherent-goals'],
        exact: true,
      },
      {
        rank: 2,
        key: 'egress-audit',
        bundle: ['egress-audit'],
        cost: 0,
        missingEffort: ['egress-audit'],
        argumentsRestored: 1,
        pathwaysRestored: [],
        claimsRestored: ['exfil-detected'],
        newlyHoldingPathways: [],
        newlyHoldingClaims: [],
        exact: true,
      },
    ]);
  });

  it('prints the plan for a terminal, and says when a case is ready', async () => {
    const r = await run('readiness', write('R-text.yaml', R));
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toEqual(
      expect.arrayContaining([
        "report 'model-5' (published): NOT READY",
        '  pathways not holding: self-exfiltration',
        '  alignment-audit: stale (model, effort 5)',
        '  egress-audit: invalidated (standing, no effort estimate)',
        '  1. alignment-audit: restores 2 (pathways: self-exfiltration); cost 5; newly holding: self-exfiltration',
        '  2. egress-audit: restores 1 (pathways: none); cost 0 (no effort estimate)',
      ]),
    );
    const ready = await run('readiness', files.a);
    expect(ready.code).toBe(0);
    expect(ready.out.split('\n')[0]).toBe(
      "report 'model-4' (draft): ready: every pathway holds and all evidence is valid",
    );
  });

  it('as a process: exit 0, and 2 on a missing file', () => {
    const ok = spawnCli(`$CLI readiness '${write('R-process.yaml', R)}' --json | cat`);
    expect(ok.status).toBe(0);
    expect((JSON.parse(ok.stdout) as Readiness).plan.map((i) => i.key)).toEqual([
      'alignment-audit',
      'egress-audit',
    ]);
    const missing = spawnCli(`$CLI readiness '${join(dir, 'nope.yaml')}'`);
    expect(missing.status).toBe(2);
  });
});
