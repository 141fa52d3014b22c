import fc from 'fast-check';
import { cloneCase } from './clone-case';
import { validateCase } from './validate-case';
import { withState } from './report-state';
import { arbitraryCase } from './testing/case.arbitrary';

describe('cloneCase (SPEC §6)', () => {
  it('copies every node and link under its key, as a draft whose previous is the source', () => {
    fc.assert(
      fc.property(
        arbitraryCase(),
        fc.constantFrom('draft', 'published', 'archived' as const),
        (c, state) => {
          const source = withState(c, state);
          const { case: clone } = cloneCase(source, { key: 'next-model', title: 'Next' });
          expect(clone.report).toMatchObject({
            key: 'next-model',
            title: 'Next',
            previous: c.report.key,
          });
          expect(clone.report.state).toBeUndefined();
          expect(clone.report.model).toBe(c.report.model);
          for (const kind of ['pathways', 'claims', 'mitigations'] as const) {
            expect(clone[kind].map(({ previousKeys: _, ...n }) => n)).toEqual(
              c[kind].map(({ previousKeys: _, ...n }) => n),
            );
            expect(clone[kind].every((n) => n.previousKeys === undefined)).toBe(true);
          }
          expect(clone.teams).toEqual(c.teams);
          expect(validateCase({ case: clone }).filter((i) => i.severity === 'error')).toEqual(
            validateCase({ case: { ...c, report: { ...c.report, key: 'next-model' } } }).filter(
              (i) => i.severity === 'error',
            ),
          );
        },
      ),
    );
  });

  it('makes model-scoped evidence stale and keeps standing evidence as it was', () => {
    fc.assert(
      fc.property(arbitraryCase(), (c) => {
        const { case: clone, madeStale } = cloneCase(c, { key: 'next-model' });
        c.evidence.forEach((before, i) => {
          const after = clone.evidence[i];
          const { previousKeys: _, status: _s, ...rest } = before;
          expect(after).toMatchObject(rest);
          if (before.scope === 'standing') expect(after.status).toBe(before.status);
          else expect(after.status).toBe('stale');
        });
        expect(madeStale).toEqual(
          c.evidence
            .filter((e) => e.scope !== 'standing' && e.status !== 'stale')
            .map((e) => e.key),
        );
      }),
    );
  });
});
