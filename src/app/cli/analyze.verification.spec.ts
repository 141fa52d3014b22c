import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseReportAnalysis } from '../../core/analysis/case-analysis-report';
import { runCaptured } from './testing/run-captured';

/*
 * `analyze --overdue-fails` (SPEC §8): the pathway rests on a rota verified every 30 days, last
 * on 2020-01-01, so overdue whenever this runs: it holds, unless overdue controls fail.
 */
const CASE_TEXT = `format: loadbearing/v1
report: {key: r, title: R}
pathways:
  - {key: self-exfiltration, title: Self-exfiltration, supports: [paging-rota]}
mitigations:
  - {key: paging-rota, title: Paging rota, status: in_place, verifyEvery: 30d, lastVerified: 2020-01-01}
`;
const file = join(mkdtempSync(join(tmpdir(), 'loadbearing-verification-')), 'case.yaml');
writeFileSync(file, CASE_TEXT);

async function analyze(...flags: string[]): Promise<CaseReportAnalysis> {
  const { code, out } = await runCaptured('analyze', file, '--json', ...flags);
  expect(code).toBe(0);
  return JSON.parse(out) as CaseReportAnalysis;
}

describe('cli analyze --overdue-fails', () => {
  it('counts controls overdue for verification as failed, and only when asked', async () => {
    expect((await analyze()).pathways[0]).toMatchObject({ holds: true, margin: 1 });
    expect((await analyze('--overdue-fails')).pathways[0]).toMatchObject({
      holds: false,
      margin: 0,
    });
  });
});
