import fc from 'fast-check';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import type { Case, ReportState } from './case';
import { refuseFrozenChange, stateOf, withState } from './report-state';
import { arbitraryCase } from './testing/case.arbitrary';

const STATES: ReportState[] = ['draft', 'published', 'archived'];

/** 'allowed', or the refusal's message. */
function outcome(before: Case, after: Case): string {
  try {
    refuseFrozenChange(before, after);
    return 'allowed';
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe(DomainErrorCode.REPORT_FROZEN);
    return (e as DomainError).message;
  }
}

const retitled = (c: Case): Case => ({
  ...c,
  report: { ...c.report, title: `${c.report.title}!` },
});

describe('refuseFrozenChange (SPEC §6 report states)', () => {
  it('lets a draft change anything', () => {
    fc.assert(
      fc.property(arbitraryCase(), (c) => {
        const draft = withState(c, 'draft');
        expect(outcome(draft, retitled(draft))).toBe('allowed');
      }),
    );
  });

  it('lets a published report change statuses only, and names cloneReport otherwise', () => {
    fc.assert(
      fc.property(arbitraryCase({ maxMitigations: 3 }), (c) => {
        const published = withState(c, 'published');
        expect(outcome(published, retitled(published))).toMatch(/is published.*cloneReport/);
        if (published.mitigations.length > 0) {
          const [first, ...rest] = published.mitigations;
          const failed: Case = {
            ...published,
            mitigations: [
              { ...first, status: first.status === 'failed' ? 'in_place' : 'failed' },
              ...rest,
            ],
          };
          expect(outcome(published, failed)).toBe('allowed');
        }
      }),
    );
  });

  it('refuses every change to an archived report, statuses included', () => {
    fc.assert(
      fc.property(arbitraryCase(), (c) => {
        const archived = withState(c, 'archived');
        expect(outcome(archived, retitled(archived))).toMatch(/is archived/);
        expect(outcome(archived, withState(archived, 'draft'))).toMatch(/archived/);
      }),
    );
  });

  it('moves state forward only, and a change of state changes nothing else', () => {
    fc.assert(
      fc.property(
        arbitraryCase(),
        fc.constantFrom(...STATES),
        fc.constantFrom(...STATES),
        (c, from, to) => {
          const before = withState(c, from);
          const forward = STATES.indexOf(to) > STATES.indexOf(from);
          // (The same state is no change: the write path skips it before asking.)
          if (from !== to) {
            expect(outcome(before, withState(before, to)) === 'allowed').toBe(forward);
          }
          if (forward) {
            expect(outcome(before, retitled(withState(before, to)))).toMatch(
              /changes nothing else/,
            );
          }
        },
      ),
    );
  });

  it('reads an absent state as draft and writes draft as absent', () => {
    fc.assert(
      fc.property(arbitraryCase(), (c) => {
        expect(stateOf(withState(c, 'draft'))).toBe('draft');
        expect('state' in withState(c, 'draft').report).toBe(false);
        expect(withState(c, 'published').report.state).toBe('published');
      }),
    );
  });
});
