import fc from 'fast-check';
import {
  defeaterTargetIssue,
  FINDING_STATES,
  findingKindIssue,
  nextStates,
  refusedTransition,
  type Defeats,
} from './finding';

describe('finding transitions (SPEC §7)', () => {
  it.each([
    ['open', 'addressed', 'authors'],
    ['open', 'accepted', 'authors'],
    ['open', 'withdrawn', 'reviewer'],
    ['addressed', 'resolved', 'reviewer'],
    ['addressed', 'open', 'reviewer'],
    ['addressed', 'accepted', 'authors'],
    ['addressed', 'withdrawn', 'reviewer'],
  ] as const)('lets %s → %s by the %s', (from, to, side) => {
    expect(refusedTransition(from, to, side)).toBeNull();
    const other = side === 'authors' ? 'reviewer' : 'authors';
    expect(refusedTransition(from, to, other)).toMatch(/^only the /);
  });

  it('refuses every other move, naming the allowed ones; the final states move no more', () => {
    expect(refusedTransition('open', 'resolved', 'reviewer')).toBe(
      'a finding that is open may move to addressed, accepted, withdrawn, not resolved',
    );
    expect(refusedTransition('accepted', 'open', 'authors')).toBe(
      'a finding that is accepted is final: it moves no more',
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...FINDING_STATES),
        fc.constantFrom(...FINDING_STATES),
        fc.constantFrom('authors' as const, 'reviewer' as const),
        (from, to, side) => {
          const allowed = nextStates(from)[to] === side;
          expect(refusedTransition(from, to, side) === null).toBe(allowed);
          // Nothing moves to itself, and nothing leaves a final state.
          if (from === to || ['resolved', 'accepted', 'withdrawn'].includes(from)) {
            expect(allowed).toBe(false);
          }
        },
      ),
    );
  });

  it('asks a defeater, and only a defeater, for what it defeats', () => {
    expect(findingKindIssue('defeater', 'undercutting')).toBeNull();
    expect(findingKindIssue('question', null)).toBeNull();
    expect(findingKindIssue('defeater', null)).toMatch(/needs defeats/);
    expect(findingKindIssue('comment', 'rebutting')).toBe(
      'a comment defeats nothing: leave defeats out',
    );
  });

  it('lets each defeater attack only what it can defeat', () => {
    const targets = [
      { kind: 'pathway', key: 'p' },
      { kind: 'claim', key: 'c' },
      { kind: 'mitigation', key: 'm' },
      { kind: 'evidence', key: 'e' },
      { kind: 'link' },
    ] as const;
    const allowed = (defeats: Defeats) =>
      targets.filter((t) => defeaterTargetIssue(defeats, t) === null).map((t) => t.kind);
    expect(allowed('rebutting')).toEqual(['pathway', 'claim']);
    expect(allowed('undermining')).toEqual(['mitigation', 'evidence']);
    expect(allowed('undercutting')).toEqual(['link']);
    expect(defeaterTargetIssue('rebutting', { kind: 'evidence', key: 'e' })).toBe(
      "a rebutting defeater attacks a pathway or claim, not the evidence 'e'",
    );
    expect(defeaterTargetIssue('undermining', { kind: 'link' })).toBe(
      'an undermining defeater attacks a mitigation or evidence item, not a support link',
    );
  });
});
