import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseCase } from '../../core/analysis';
import { parseCaseFile } from '../../core/case-format/parse-case-file';
import { CUT_SETS, ROADMAP } from './derivations';
import {
  DERIVED_PER_KIND,
  derivedFrom,
  type Derivation,
  type ReportAnalysis,
} from './report-analysis.service';

describe('ReportAnalysis.derive', () => {
  const counting = <A>(keyOf: (arg: A) => string | number) => {
    const calls: A[] = [];
    const derivation: Derivation<A, { arg: A }> = {
      keyOf,
      compute: (_, arg) => {
        calls.push(arg);
        return { arg };
      },
    };
    return { derivation, calls };
  };
  const stub = {} as ReportAnalysis;

  it('computes once per argument key, and apart per derivation', () => {
    const derive = derivedFrom(() => stub);
    const byKey = counting((arg: { k: string }) => arg.k);
    const other = counting((arg: { k: string }) => arg.k);
    const first = derive(byKey.derivation, { k: 'a' });
    expect(derive(byKey.derivation, { k: 'a' })).toBe(first);
    expect(derive(byKey.derivation, { k: 'b' })).not.toBe(first);
    // Another derivation with an argument of the same key is not the same result.
    expect(derive(other.derivation, { k: 'a' })).not.toBe(first);
    expect(byKey.calls.map((c) => c.k)).toEqual(['a', 'b']);
    expect(other.calls.map((c) => c.k)).toEqual(['a']);
  });

  it(`keeps the last ${DERIVED_PER_KIND} arguments of each derivation`, () => {
    const derive = derivedFrom(() => stub);
    const { derivation, calls } = counting((n: number) => n);
    for (let n = 0; n <= DERIVED_PER_KIND; n++) derive(derivation, n);
    derive(derivation, DERIVED_PER_KIND); // kept
    derive(derivation, 0); // the oldest, dropped: computed again
    expect(calls).toHaveLength(DERIVED_PER_KIND + 2);
    expect(calls.at(-1)).toBe(0);
  });

  it("gives the core's answers for the analysis it belongs to", () => {
    const example = parseCaseFile({
      text: readFileSync(
        join(__dirname, '../../../examples/pilot-sabotage-risk-report.yaml'),
        'utf8',
      ),
    }).case!;
    const analysis = analyseCase({ case: example, maxOrder: 4 });
    const a = { analysis } as ReportAnalysis;
    const derive = derivedFrom(() => a);
    expect(derive(ROADMAP, 'perEffort')).toEqual(ROADMAP.compute(a, 'perEffort'));
    expect(derive(ROADMAP, 'default')).not.toEqual(derive(ROADMAP, 'perEffort'));
    const key = analysis.graph.keys[analysis.graph.pathways[0]];
    expect(derive(CUT_SETS, key).cutSets.length).toBeGreaterThan(0);
  });
});
