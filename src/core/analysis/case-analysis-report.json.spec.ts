import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { araliaDir } from '../../../test/fixtures/aralia/aralia-dir';
import { parseMefFile } from '../case-format/mef/parse-mef';
import {
  describeCaseAnalysis,
  formatCaseAnalysis,
  stringifyCaseAnalysis,
  type CaseReportAnalysis,
} from './case-analysis-report';
import { caseArb, maxOrderArb } from './testing/random-case';

/*
 * stringifyCaseAnalysis writes describeCaseAnalysis' cut sets from their flat form, straight to
 * bytes; it must say exactly what JSON.stringify says of the listed sets.
 */

/** The same report as plain data: its pathways list their cut sets as arrays. */
const listed = (report: CaseReportAnalysis): CaseReportAnalysis =>
  JSON.parse(JSON.stringify(report)) as CaseReportAnalysis;

/** An Aralia fault tree with 12,703 cut sets to order 4, the smallest of order 2. */
const model = parseMefFile({
  text: readFileSync(join(araliaDir(), 'das9201.xml'), 'utf8'),
}).case!;

describe('stringifyCaseAnalysis', () => {
  it('without an indent, is JSON.stringify to the byte, from the flat form and from arrays', () => {
    fc.assert(
      fc.property(caseArb, fc.option(maxOrderArb, { nil: null }), (c, maxOrder) => {
        const report = describeCaseAnalysis({ case: c, maxOrder });
        const expected = JSON.stringify(report);
        expect(stringifyCaseAnalysis(report)).toBe(expected);
        expect(stringifyCaseAnalysis(listed(report))).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('with an indent, parses to the same report, from the flat form and from arrays', () => {
    fc.assert(
      fc.property(caseArb, fc.option(maxOrderArb, { nil: null }), (c, maxOrder) => {
        const report = describeCaseAnalysis({ case: c, maxOrder });
        const text = stringifyCaseAnalysis(report, 2);
        expect(JSON.parse(text)).toEqual(listed(report));
        expect(stringifyCaseAnalysis(listed(report), 2)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('with an indent, puts each cut set on a line of its own, nested under its pathway', () => {
    const report = describeCaseAnalysis({ case: model, maxOrder: 2 });
    const sets = report.pathways[0].cutSets;
    const lines = stringifyCaseAnalysis(report, 2).split('\n');
    const opening = lines.indexOf('      "cutSets": [');
    expect(opening).toBeGreaterThan(0);
    expect(lines.slice(opening + 1, opening + 1 + sets.length)).toEqual(
      sets.map(
        (set, i) =>
          `        [${set.map((key) => JSON.stringify(key)).join(', ')}]${i < sets.length - 1 ? ',' : ''}`,
      ),
    );
    expect(lines[opening + 1 + sets.length]).toBe('      ],');
  });

  it('writes a pathway with no cut sets as [] and one that fails now as [[]]', () => {
    const report = describeCaseAnalysis({ case: model, maxOrder: 1 });
    expect(report.pathways[0].cutSets).toEqual([]);
    expect(stringifyCaseAnalysis(report, 2)).toContain('"cutSets": [],');
    const failing = describeCaseAnalysis({
      case: { ...model, mitigations: model.mitigations.map((m) => ({ ...m, status: 'failed' })) },
      maxOrder: 1,
    });
    expect(failing.pathways[0].cutSets).toEqual([[]]);
    expect(
      (JSON.parse(stringifyCaseAnalysis(failing, 2)) as CaseReportAnalysis).pathways[0].cutSets,
    ).toEqual([[]]);
  });
});

describe('formatCaseAnalysis', () => {
  it('shows the first 10 cut sets and counts the rest, as the listed sets do', () => {
    const report = describeCaseAnalysis({ case: model, maxOrder: 4 });
    const lines = formatCaseAnalysis(report);
    expect(lines).toEqual(formatCaseAnalysis(listed(report)));
    const total = report.pathways[0].cutSets.length;
    expect(total).toBeGreaterThan(10);
    expect(lines).toContain(`      … ${total - 10} more minimal cut sets`);
    expect(lines).toContain(`      {${report.pathways[0].cutSets[9].join(', ')}}`);
  });
});
