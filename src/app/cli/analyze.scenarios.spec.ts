import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseReportAnalysis } from '../../core/analysis/case-analysis-report';
import {
  makeCase,
  makeClaim,
  makeMitigation,
  makePathway,
  makeScenario,
} from '../../core/analysis/testing/make-case';
import { exportCaseFile } from '../../core/case-format/export-case-file';
import { runCaptured as run } from './testing/run-captured';

/*
 * `analyze` on a case with scenarios (SPEC §8): each scenario `s<i>` (time to harm 2h) rests on
 * a fast chain (monitor 5m → oncall 30m = 35m, response margin 1h 25m) and a slow one (audit 3d).
 * Paging the on-call in 4h instead makes the fast chain 4h05m: too slow, nothing holds.
 */
const SCENARIOS = 400;
const scenarioKeys = Array.from({ length: SCENARIOS }, (_, i) => `s${i}`);
const CASE_TEXT = exportCaseFile({
  case: makeCase({
    pathways: [makePathway({ key: 'self-exfiltration', supports: ['exfil-stopped'] })],
    claims: [
      makeClaim({ key: 'exfil-stopped', requires: { mode: 'any' }, supports: scenarioKeys }),
    ],
    mitigations: ['audit', 'monitor', 'oncall'].map((key) => makeMitigation({ key })),
    scenarios: scenarioKeys.map((key) =>
      makeScenario({
        key,
        pathway: 'self-exfiltration',
        title: `Scenario ${key}`,
        timeToHarm: 7200,
        chains: [
          {
            steps: [
              { mitigation: 'monitor', action: 'detects', latency: 300 },
              { mitigation: 'oncall', action: 'responds', latency: 1800 },
            ],
          },
          { steps: [{ mitigation: 'audit', action: 'detects', latency: 3 * 86_400 }] },
        ],
      }),
    ),
  }),
});
const file = join(mkdtempSync(join(tmpdir(), 'loadbearing-scenarios-')), 'scenarios.yaml');
writeFileSync(file, CASE_TEXT);

describe('cli analyze with scenarios', () => {
  it('prints each scenario with its fastest chain, response margin, load-bearing steps and slow chains', async () => {
    const r = await run('analyze', file);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      '  s0: holds: chain 1 responds in 35m (time to harm 2h, response margin 1h 25m); ' +
        'load-bearing: monitor, oncall; too slow: chain 2',
    );
    expect(r.out).toContain('      chain 2: 3d, too slow');
  });

  it('takes --latency what-ifs, repeatable, and refuses a malformed or unknown one', async () => {
    const r = await run(
      'analyze',
      file,
      '--json',
      '--latency',
      'monitor=1h',
      '--latency',
      'oncall=4h',
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as CaseReportAnalysis;
    expect(report.scenarios![0]).toMatchObject({ holds: false, slowChains: [0, 1] });
    expect(report.pathways[0]).toMatchObject({ key: 'self-exfiltration', holds: false });

    const malformed = await run('analyze', file, '--latency', 'oncall');
    expect(malformed.code).toBe(2);
    expect(malformed.err).toContain(
      "--latency takes MITIGATION=DURATION (egress-monitor=4h), got 'oncall'",
    );
    const unknown = await run('analyze', file, '--latency', 'nobody=4h');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toBe("error: unknown key: 'nobody'");
  });

  it('as a process, delivers every scenario report whole through a pipe', () => {
    // From the sources (bin/ may run a stale build); `| cat` cuts off a process that exits
    // before stdout drains at the pipe's buffer (64 KiB).
    const r = spawnSync(
      'sh',
      [
        '-c',
        `node -r ts-node/register/transpile-only src/app/cli/main.ts analyze '${file}' --json | cat`,
      ],
      { cwd: join(__dirname, '../../..'), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(128 * 1024);
    const report = JSON.parse(r.stdout) as CaseReportAnalysis;
    expect(report.scenarios).toHaveLength(SCENARIOS);
    expect(report.scenarios!.every((s) => s.responseMargin === 85 * 60)).toBe(true);
  });
});
