import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Case } from '../../case-model/case';
import { describeCaseAnalysis } from '../../analysis/case-analysis-report';
import {
  makeCase,
  makeMitigation,
  makePathway,
  makeScenario,
  makeSpecExampleCase,
} from '../../analysis/testing/make-case';
import { caseArb, scenarioCaseArb } from '../../analysis/testing/random-case';
import { encodeMefName, exportMefFile } from './export-mef';
import { parseMefFile } from './parse-mef';

const reparse = (text: string): Case => {
  const { case: c, issues } = parseMefFile({ text });
  if (!c) throw new Error(`exported MEF does not parse: ${JSON.stringify(issues)}\n${text}`);
  return c;
};

/** What the analyses say about each of the original case's pathways, at every order. */
const answersFor = (c: Case, pathways: readonly string[]) =>
  describeCaseAnalysis({ case: c, maxOrder: null, probability: true, defaultProbability: 0.125 })
    .pathways.filter((p) => pathways.includes(p.key))
    .map(({ key, holds, margin, cutSets, probability }) => ({
      key,
      holds,
      margin,
      cutSets,
      exact: probability!.exact,
    }));

/**
 * The same answers, the probabilities to 1e-12 relative: another variable order may round
 * differently in the last digits (rounding both to 12 digits flipped at a boundary).
 */
function expectSameAnswers(
  actual: ReturnType<typeof answersFor>,
  expected: ReturnType<typeof answersFor>,
): void {
  const withoutExact = (answers: ReturnType<typeof answersFor>) =>
    answers.map(({ exact: _exact, ...rest }) => rest);
  expect(withoutExact(actual)).toEqual(withoutExact(expected));
  actual.forEach((a, i) => {
    const want = expected[i].exact;
    expect({
      key: a.key,
      close: Math.abs(a.exact - want) <= 1e-12 * Math.max(Math.abs(want), 1e-300),
    }).toEqual({
      key: a.key,
      close: true,
    });
  });
}

const withProbabilities = (c: Case): Case => ({
  ...c,
  mitigations: c.mitigations.map((m, i) =>
    i % 2 === 0 ? { ...m, probability: 0.01 * (i + 1) } : m,
  ),
  evidence: c.evidence.map((e, i) => ({ ...e, probability: 0.5 / (i + 2) })),
});

describe('exportMefFile (SPEC §9)', () => {
  it('round-trips every case to one with the same pathways, cut sets and probabilities', () => {
    fc.assert(
      fc.property(caseArb, (generated) => {
        const c = withProbabilities(generated);
        const keys = c.pathways.map((p) => p.key);
        expectSameAnswers(
          answersFor(reparse(exportMefFile({ case: c })), keys),
          answersFor(c, keys),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('exports scenarios (SPEC §3.7) so that every pathway has the same cut sets and probabilities', () => {
    fc.assert(
      fc.property(scenarioCaseArb, (generated) => {
        const c = withProbabilities(generated);
        const keys = c.pathways.map((p) => p.key);
        expectSameAnswers(
          answersFor(reparse(exportMefFile({ case: c })), keys),
          answersFor(c, keys),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('writes a scenario as an AND over its fast chains, each an OR of its steps, slow ones left out', () => {
    // s fails when chain 1 (a, b; 15m ≤ 1h) and chain 3 (c; 1h) both fail; chain 2 (2h) is too
    // slow. never has only a slow chain: it always fails.
    const c = makeCase({
      pathways: [makePathway({ key: 'p', requires: { mode: 'any' }, supports: ['s', 'never'] })],
      mitigations: ['a', 'b', 'c'].map((key) => makeMitigation({ key })),
      scenarios: [
        makeScenario({
          key: 's',
          pathway: 'p',
          title: 'S',
          timeToHarm: 3600,
          chains: [
            {
              steps: [
                { mitigation: 'a', action: 'detects', latency: 300 },
                { mitigation: 'b', action: 'responds', latency: 600 },
                { mitigation: 'a', action: 'contains', latency: 0 },
              ],
            },
            { steps: [{ mitigation: 'b', action: 'detects', latency: 7200 }] },
            { steps: [{ mitigation: 'c', action: 'detects', latency: 3600 }] },
          ],
        }),
        makeScenario({
          key: 'never',
          pathway: 'p',
          title: 'Never',
          chains: [{ steps: [{ mitigation: 'c', action: 'detects', latency: 7200 }] }],
        }),
      ],
    });
    const text = exportMefFile({ case: c });
    const gate = (name: string) =>
      new RegExp(`<define-gate name="${name}">\n(.*)\n(.*)\n`).exec(text)?.slice(1);
    expect(gate('s')).toEqual([
      '      <label>S</label><attributes><attribute name="key" value="s"/><attribute name="kind" value="scenario"/></attributes>',
      '      <and><gate name="s_c1"/><gate name="s_c3"/></and>',
    ]);
    expect(gate('s_c1')).toEqual([
      '      <label>S: chain 1, 15m of 1h</label><attributes><attribute name="key" value="s#1"/><attribute name="kind" value="chain"/></attributes>',
      '      <or><basic-event name="a"/><basic-event name="b"/></or>',
    ]);
    expect(gate('s_c2')).toBeUndefined();
    expect(gate('s_c3')![1]).toBe('      <basic-event name="c"/>');
    expect(gate('never')![1]).toBe('      <constant value="true"/>');
    expect(
      describeCaseAnalysis({ case: reparse(text), maxOrder: null }).pathways[0].cutSets,
    ).toEqual([
      ['a', 'c'],
      ['b', 'c'],
    ]);
  });

  it('is stable: exporting the re-parsed export gives the same text', () => {
    fc.assert(
      fc.property(caseArb, (generated) => {
        const once = exportMefFile({
          case: reparse(exportMefFile({ case: withProbabilities(generated) })),
        });
        expect(exportMefFile({ case: reparse(once) })).toBe(once);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps keys, titles, kinds and probabilities of a case that is a plain fault tree', () => {
    const c = withProbabilities(makeSpecExampleCase());
    const back = reparse(exportMefFile({ case: c }));
    expect(back.report).toMatchObject({ key: c.report.key, title: c.report.title });
    // Claims that support nothing are top gates, so they come back as pathways too.
    expect(back.pathways.filter((p) => c.pathways.some((o) => o.key === p.key))).toEqual(
      c.pathways,
    );
    expect(back.evidence.map((e) => [e.key, e.title, e.status, e.probability])).toEqual(
      c.evidence.map((e) => [e.key, e.title, e.status, e.probability]),
    );
    // The planned mitigation does not hold now: it comes back as a failed one.
    expect(back.mitigations.map((m) => [m.key, m.status])).toEqual(
      expect.arrayContaining([
        ['weight-file-permissions', 'in_place'],
        ['interp-probes', 'failed'],
      ]),
    );
  });

  it.each([
    ['a.b', 'a_pb'],
    ['2fa', '_2fa'],
    ['a--b', 'a_m_mb'],
    ['a-', 'a_m'],
    ['pump-a', 'pump-a'],
  ])('encodes key %s as the MEF name %s', (key, name) => {
    expect(encodeMefName(key)).toBe(name);
  });
});

const everyProbability = (c: Case): Case => ({
  ...c,
  mitigations: c.mitigations.map((m, i) => ({ ...m, probability: 0.01 * (i + 1) })),
  evidence: c.evidence.map((e, i) => ({ ...e, probability: 0.5 / (i + 2) })),
});

const scram = '/usr/bin/scram';
(existsSync(scram) ? describe : describe.skip)('exported MEF read by SCRAM 0.16', () => {
  it('gives the cut sets and probability the engine gives', () => {
    const base = makeSpecExampleCase();
    // SCRAM needs a probability on every basic event.
    const c = everyProbability({
      ...base,
      pathways: [
        ...base.pathways,
        {
          key: '2.of-3',
          title: 'Needs two of three',
          description: null,
          requires: { mode: 'atLeast', atLeast: 2 },
          supports: ['weight-file-permissions', 'egress-monitor', 'alignment-audit'],
        },
      ],
    });
    const directory = mkdtempSync(join(tmpdir(), 'mef-export-'));
    const input = join(directory, 'case.xml');
    const output = join(directory, 'report.xml');
    writeFileSync(input, exportMefFile({ case: c }));
    execFileSync(scram, ['--bdd', '--probability', 'true', input, '-o', output]);
    const report = readFileSync(output, 'utf8');
    const ours = describeCaseAnalysis({ case: c, maxOrder: null, probability: true });
    for (const pathway of ours.pathways) {
      const block = new RegExp(
        `<sum-of-products name="${encodeMefName(pathway.key)}"[^>]*probability="([^"]+)"[^>]*>([\\s\\S]*?)</sum-of-products>`,
      ).exec(report);
      expect(block).not.toBeNull();
      const sets = [...block![2].matchAll(/<product[^>]*>([\s\S]*?)<\/product>/g)].map((m) =>
        [...m[1].matchAll(/name="([^"]+)"/g)].map((n) => n[1]).sort(),
      );
      expect(sets.sort()).toEqual(pathway.cutSets.map((s) => s.map(encodeMefName).sort()).sort());
      expect(Number(block![1])).toBeCloseTo(pathway.probability!.exact, 5);
    }
  });
});
