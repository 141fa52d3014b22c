import type { Case, Requirement } from '../../case-model/case';
import { AnalysisError } from './analysis-error';
import { buildAnalysisGraph } from './case-graph';
import { evaluateHolding } from './holding';
import {
  makeCase,
  makeClaim,
  makeEvidence,
  makeMitigation,
  makePathway,
} from '../testing/make-case';

/** One pathway over claim `c`, which rests on mitigations m1, m2 and evidence e1 as given. */
const caseWith = (requires: Requirement, overrides: Partial<Case> = {}): Case =>
  makeCase({
    pathways: [makePathway({ key: 'p', supports: ['c'] })],
    claims: [makeClaim({ key: 'c', requires, supports: ['m1', 'm2', 'e1'] })],
    mitigations: [makeMitigation({ key: 'm1' }), makeMitigation({ key: 'm2', status: 'planned' })],
    evidence: [makeEvidence({ key: 'e1' })],
    ...overrides,
  });

const holdsIn = (c: Case, failed: string[] = []) =>
  Object.fromEntries(evaluateHolding({ graph: buildAnalysisGraph({ case: c }), failed }));

describe('evaluateHolding (SPEC §3.1)', () => {
  // m1 holds, m2 (planned) does not, e1 holds: 2 of 3 supports hold.
  it.each<[string, Requirement, boolean]>([
    ['all: every support must hold', { mode: 'all' }, false],
    ['any: one support is enough', { mode: 'any' }, true],
    ['atLeast 2 of 3: two hold', { mode: 'atLeast', atLeast: 2 }, true],
    ['atLeast 3 of 3: only two hold', { mode: 'atLeast', atLeast: 3 }, false],
  ])('%s', (_, requires, expected) => {
    const holds = holdsIn(caseWith(requires));
    expect(holds.c).toBe(expected);
    expect(holds.p).toBe(expected);
  });

  it.each([
    ['in_place', true],
    ['in_progress', false],
    ['planned', false],
    ['degraded', false],
    ['failed', false],
    ['retired', false],
  ] as const)('a mitigation with status %s holds: %s', (status, expected) => {
    const c = makeCase({ mitigations: [makeMitigation({ key: 'm', status })] });
    expect(holdsIn(c).m).toBe(expected);
  });

  it.each([
    ['valid', true],
    ['stale', false],
    ['invalidated', false],
  ] as const)('evidence with status %s holds: %s', (status, expected) => {
    expect(holdsIn(makeCase({ evidence: [makeEvidence({ key: 'e', status })] })).e).toBe(expected);
  });

  it('fails a mitigation with anything it depends on, transitively', () => {
    // top → middle → base; base failing takes middle and top with it.
    const c = makeCase({
      mitigations: [
        makeMitigation({ key: 'top', dependsOn: ['middle'] }),
        makeMitigation({ key: 'middle', dependsOn: ['base'] }),
        makeMitigation({ key: 'base' }),
        makeMitigation({ key: 'other' }),
      ],
    });
    expect(holdsIn(c)).toEqual({ base: true, middle: true, other: true, top: true });
    expect(holdsIn(c, ['base'])).toEqual({ base: false, middle: false, other: true, top: false });
    expect(holdsIn(c, ['middle'])).toEqual({ base: true, middle: false, other: true, top: false });
  });

  it('holds a claim with no supports only when it is assumed, and never a pathway with none', () => {
    const c = makeCase({
      pathways: [makePathway({ key: 'empty-pathway' })],
      claims: [makeClaim({ key: 'assumed', assumed: true }), makeClaim({ key: 'undeveloped' })],
    });
    expect(holdsIn(c)).toEqual({ assumed: true, 'empty-pathway': false, undeveloped: false });
  });

  it('ignores `assumed` on a claim that has supports', () => {
    const c = makeCase({
      claims: [makeClaim({ key: 'c', assumed: true, supports: ['m'] })],
      mitigations: [makeMitigation({ key: 'm', status: 'failed' })],
    });
    expect(holdsIn(c).c).toBe(false);
  });

  it('names unknown keys, and refuses to fail a pathway or claim', () => {
    const graph = buildAnalysisGraph({ case: caseWith({ mode: 'all' }) });
    expect(() => evaluateHolding({ graph, failed: ['zz', 'm1', 'aa'] })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_KEY', keys: ['aa', 'zz'] }),
    );
    expect(() => evaluateHolding({ graph, failed: ['c', 'p'] })).toThrow(AnalysisError);
    expect(() => evaluateHolding({ graph, failed: ['c', 'p'] })).toThrow(
      expect.objectContaining({ code: 'NOT_A_BASIC_EVENT', keys: ['c', 'p'] }),
    );
  });
});
