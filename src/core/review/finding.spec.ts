import fc from 'fast-check';
import { FINDING_STATES, findingKindIssue, nextStates, refusedTransition } from './finding';

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
});
