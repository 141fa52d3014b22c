import { isDeepStrictEqual } from 'node:util';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import type { Case, ReportState } from './case';
import { withoutConfirmations } from './response-steps';
import { onlyStatusesDiffer } from './status-changes';

/** The state changes a report may make (SPEC §6): forward only. */
const NEXT_STATES: Record<ReportState, readonly ReportState[]> = {
  draft: ['published', 'archived'],
  published: ['archived'],
  archived: [],
};

export const stateOf = (c: Case): ReportState => c.report.state ?? 'draft';

/**
 * Refuses a change its report's state forbids (SPEC §6): a draft takes anything; a published
 * report only status changes and step confirmations (its argument is frozen: clone it to change
 * it); an archived one nothing. A change of state itself (publish, archive) goes forward only
 * and changes nothing else.
 */
export function refuseFrozenChange(before: Case, after: Case): void {
  const [from, to] = [stateOf(before), stateOf(after)];
  const key = before.report.key;
  if (from !== to) {
    if (!NEXT_STATES[from].includes(to)) {
      throw frozen(`report '${key}' is ${from}: it cannot be made ${to} again`);
    }
    if (!isDeepStrictEqual(withState(after, from), before)) {
      throw frozen(`report '${key}': a change of state (${from} → ${to}) changes nothing else`);
    }
    return;
  }
  if (from === 'archived') throw frozen(`report '${key}' is archived: it takes no changes`);
  if (from === 'published' && !onlyLiveFieldsDiffer(before, after)) {
    throw frozen(
      `report '${key}' is published: its argument is frozen (statuses and step confirmations stay live); ` +
        'clone it with cloneReport to change it',
    );
  }
}

/** The case with its report in `state` (absent for a draft, as a case file without one reads). */
export function withState(c: Case, state: ReportState): Case {
  const { state: _old, ...report } = c.report;
  return { ...c, report: state === 'draft' ? report : { ...report, state } };
}

const frozen = (message: string) => new DomainError(DomainErrorCode.REPORT_FROZEN, message);

/**
 * What a published report still takes: statuses and step confirmations, in any mix. The first
 * test is onlyStatusesDiffer's fast path (a status change shares every other object).
 */
const onlyLiveFieldsDiffer = (a: Case, b: Case): boolean =>
  onlyStatusesDiffer(a, b) || onlyStatusesDiffer(withoutConfirmations(a), withoutConfirmations(b));
