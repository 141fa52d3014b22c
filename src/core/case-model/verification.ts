import type { Case, CaseMitigation } from './case';

/*
 * Verification of controls (SPEC §8): a mitigation with `verifyEvery` is due `verifyEvery` after
 * `lastVerified`; one never verified is due at once. Overdue verification is listed like expiring
 * evidence, and analyses may treat overdue controls as failed (`overdueFails`).
 */

/** The instant (ms since the epoch) verification is due; null when the mitigation has no cycle. */
export function verificationDue(m: CaseMitigation): number | null {
  if (m.verifyEvery === undefined) return null;
  if (m.lastVerified === undefined) return -Infinity;
  return Date.parse(m.lastVerified) + m.verifyEvery * 1000;
}

/** Whether verification is overdue at `now` (ms since the epoch), whatever the status. */
export function isVerificationOverdue(m: CaseMitigation, now: number): boolean {
  const due = verificationDue(m);
  return due !== null && due < now;
}

/**
 * The case with every overdue control that holds (in place: the other statuses fail already)
 * failed, and their keys; the case itself when there are none.
 */
export function withOverdueFailed(c: Case, now: number): { case: Case; failed: string[] } {
  const failed = c.mitigations
    .filter((m) => m.status === 'in_place' && isVerificationOverdue(m, now))
    .map((m) => m.key);
  if (failed.length === 0) return { case: c, failed };
  const overdue = new Set(failed);
  return {
    case: {
      ...c,
      mitigations: c.mitigations.map((m) =>
        overdue.has(m.key) ? { ...m, status: 'failed' as const } : m,
      ),
    },
    failed,
  };
}
