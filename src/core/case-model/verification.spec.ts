import type { Case, CaseMitigation } from './case';
import { isVerificationOverdue, verificationDue, withOverdueFailed } from './verification';

const DAY = 86_400;
const NOW = Date.parse('2026-12-07T00:00:00.000Z');

const mitigation = (key: string, extra: Partial<CaseMitigation> = {}): CaseMitigation => ({
  key,
  title: key,
  kind: 'monitoring',
  description: null,
  team: null,
  status: 'in_place',
  dependsOn: [],
  effort: null,
  ...extra,
});

describe('verification of controls (SPEC §8)', () => {
  it('is due verifyEvery after lastVerified, at once when never verified, never without a cycle', () => {
    expect(
      verificationDue(
        mitigation('m', { verifyEvery: 90 * DAY, lastVerified: '2026-09-01T00:00:00.000Z' }),
      ),
    ).toBe(Date.parse('2026-11-30T00:00:00.000Z'));
    expect(verificationDue(mitigation('m', { verifyEvery: DAY }))).toBe(-Infinity);
    expect(
      verificationDue(mitigation('m', { lastVerified: '2026-09-01T00:00:00.000Z' })),
    ).toBeNull();
  });

  it('is overdue only once the due instant has passed', () => {
    const verified = (iso: string) => mitigation('m', { verifyEvery: 7 * DAY, lastVerified: iso });
    expect(isVerificationOverdue(verified('2026-11-29T23:59:59.000Z'), NOW)).toBe(true);
    expect(isVerificationOverdue(verified('2026-11-30T00:00:00.000Z'), NOW)).toBe(false);
    expect(isVerificationOverdue(mitigation('m'), NOW)).toBe(false);
  });

  it('fails overdue controls that hold and leaves the rest, the case itself when none is overdue', () => {
    const c = {
      mitigations: [
        mitigation('overdue', { verifyEvery: DAY }),
        mitigation('overdue-planned', { verifyEvery: DAY, status: 'planned' }),
        mitigation('fresh', { verifyEvery: DAY, lastVerified: '2026-12-06T12:00:00.000Z' }),
        mitigation('no-cycle'),
      ],
    } as unknown as Case;
    const { case: failed, failed: keys } = withOverdueFailed(c, NOW);
    expect(keys).toEqual(['overdue']);
    expect(failed.mitigations.map((m) => [m.key, m.status])).toEqual([
      ['overdue', 'failed'],
      ['overdue-planned', 'planned'],
      ['fresh', 'in_place'],
      ['no-cycle', 'in_place'],
    ]);
    const none = { mitigations: [mitigation('fresh')] } as unknown as Case;
    expect(withOverdueFailed(none, NOW).case).toBe(none);
  });
});
