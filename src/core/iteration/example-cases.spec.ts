import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCaseFile } from '../case-format/parse-case-file';
import { cloneCase } from '../case-model/clone-case';
import { diffCases } from './diff-reports';
import { lineageIssues } from './lineage';
import { assessReadiness } from './readiness';

/** The two example cases: the pilot and the next model's draft derived from it (SPEC §6). */
const read = (name: string) => {
  const parsed = parseCaseFile({
    text: readFileSync(join(__dirname, '../../../examples', name), 'utf8'),
  });
  expect(parsed.issues.filter((i) => i.severity === 'error')).toEqual([]);
  return parsed.case!;
};
const pilot = read('pilot-sabotage-risk-report.yaml');
const draft = read('next-model-draft.yaml');

describe('the example cases', () => {
  it('are a report and its successor, with lineage naming only nodes of the pilot', () => {
    expect(draft.report.previous).toBe(pilot.report.key);
    expect(lineageIssues(pilot, draft)).toEqual([]);
  });

  it('diff as written: a pathway dropped, two reworded, one split, a claim renamed', () => {
    const { structure, summary } = diffCases(pilot, draft);
    expect(structure.removed).toEqual(
      expect.arrayContaining([{ key: 'developer-leaks', kind: 'pathway' }]),
    );
    expect(structure.renamed.map((r) => [r.from, r.to])).toEqual([
      ['government-decision-sabotage', 'government-decision-undermining'],
      ['opus-41-evidence-carries-over', 'prior-model-evidence-carries-over'],
      ['targeted-safety-rnd-sabotage', 'targeted-undermining-safety-rnd'],
    ]);
    expect(structure.splits).toEqual([
      {
        from: 'self-exfiltration',
        into: ['autonomous-operation-outside-control', 'weight-self-exfiltration'],
      },
    ]);
    // Model evidence gone stale costs margin: the diff is a regression (cli diff exits 1).
    expect(summary.regressions.length).toBeGreaterThan(0);
  });

  it('marks as standing exactly the evidence the draft kept, so a clone of the pilot goes stale like the draft', () => {
    const { case: cloned } = cloneCase(pilot, { key: 'clone', title: null, model: null });
    const status = (c: typeof pilot) => new Map(c.evidence.map((e) => [e.key, e.status]));
    const clonedStatus = status(cloned);
    for (const e of draft.evidence) {
      // The draft has redone two evaluations since the clone.
      if (e.status === 'valid' && (e.scope ?? 'model') === 'model') continue;
      expect({ key: e.key, status: clonedStatus.get(e.key) }).toEqual({
        key: e.key,
        status: e.status,
      });
    }
  });

  it('shows what to redo before the draft holds', () => {
    const r = assessReadiness(draft);
    expect(r.ready).toBe(false);
    expect(r.pathwaysNotHolding).toEqual(['autonomous-operation-outside-control']);
    expect(r.plan.length).toBe(r.evidenceToRedo.length);
    const autonomy = r.plan.find((item) => item.key === 'autonomy-eval')!;
    expect(autonomy.newlyHoldingPathways).toEqual(['autonomous-operation-outside-control']);
    expect(assessReadiness(pilot).pathwaysNotHolding).toEqual([]);
  });
});
