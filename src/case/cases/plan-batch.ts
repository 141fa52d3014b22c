import { isDeepStrictEqual } from 'node:util';
import type { Case, CaseReport } from '../../core/case-model/case';
import type { CaseIssue } from '../../core/case-model/case-issue';
import { declareReferencedTeams } from '../../core/case-model/edit-case';
import { refuseFrozenChange } from '../../core/case-model/report-state';
import { diffStatuses, onlyStatusesDiffer } from '../../core/case-model/status-changes';
import { validateCase } from '../../core/case-model/validate-case';
import type { LocatedIssue } from '../../core/case-format/parse-case-file';
import { DomainError, DomainErrorCode } from '../../core/shared/domain-error';
import type { ReportEntity } from '../../storage/entities/report.entity';
import type { ReportFields, StatusChangeRow } from '../../storage/repositories/case-store';
import type { ChangeOrigin } from '../history/change-origin';

/**
 * The write path's planning, pure: a batch of edits applied to one version of a report's case,
 * each checked against what the ones before it left, giving each its version and history rows.
 * CaseService loads the version, persists the plan in one step, and settles the one check a
 * plan may leave to the database (`Plan.check`).
 */

/** How a write to one report may be conditioned (optimistic concurrency). */
export interface WriteOptions {
  /**
   * The report's version the caller read before deciding the change. When given and the
   * report is no longer at it (read under the report's lock), the write is refused with
   * STALE_VERSION and nothing is written. Absent or null: the write applies to whatever the
   * current version is (writers are serialised by the lock; the last one wins).
   */
  readonly expectedVersion?: number | null;
}

/** One edit of a batch. */
export interface BatchEdit {
  readonly apply: (c: Case) => Case;
  readonly origin: ChangeOrigin;
  readonly options: WriteOptions;
  /** Its own transaction: any error of it fails the transaction (it may have written bookkeeping). */
  readonly alone: boolean;
}

/** What became of one edit: the report at the version it made (or found), or its error. */
export type Step<E> =
  | { readonly write: E; report: ReportEntity; readonly rows?: StatusChangeRow[] }
  | { readonly write: E; readonly error: DomainError };

/**
 * What only the database can tell about the last planned step's case, checked before anything
 * is written: that a renamed report's new key is free, and that its lineage names nodes of its
 * previous report (SPEC §6).
 */
export interface DatabaseCheck {
  readonly renamedTo: string | null;
  /** The previous report to check `next`'s lineage against; null: no check. */
  readonly lineageAgainst: string | null;
  readonly next: Case;
  /** The case and version before the step, should the check refuse it. */
  readonly before: Case;
  readonly beforeVersion: number;
}

export interface Plan<E> {
  readonly steps: Step<E>[];
  /** Edits not planned (after a step with a check, or after a rename): the next batch runs them. */
  readonly notRun: E[];
  /** The case after the last edit, at `version`. */
  readonly current: Case;
  readonly version: number;
  readonly check: DatabaseCheck | null;
}

/**
 * Runs the edits one after another on `c`, the case of `report` (the row at its version). A
 * step that needs a database check (see DatabaseCheck) ends the plan. `statusesOnly`: null as
 * soon as an edit would change more than statuses (for the one-statement status write).
 */
export function planBatch<E extends BatchEdit>(
  report: ReportEntity,
  c: Case,
  edits: readonly E[],
  options: { statusesOnly: true },
): Plan<E> | null;
export function planBatch<E extends BatchEdit>(
  report: ReportEntity,
  c: Case,
  edits: readonly E[],
  options?: { statusesOnly?: false },
): Plan<E>;
export function planBatch<E extends BatchEdit>(
  report: ReportEntity,
  c: Case,
  edits: readonly E[],
  options: { statusesOnly?: boolean } = {},
): Plan<E> | null {
  let current = c;
  let version = report.version;
  const steps: Step<E>[] = [];
  for (const [i, write] of edits.entries()) {
    // The report as this write finds it: the fields and version the writes before it left.
    const at: ReportEntity = { ...report, ...toReportRow(current.report), version };
    try {
      refuseStale(report.key, at, write.options);
      const edited = write.apply(current);
      const next = edited === current ? current : declareReferencedTeams(edited);
      // A write that changes nothing (a status set to what it is) is not a new version.
      if (next === current || isDeepStrictEqual(next, current)) {
        steps.push({ write, report: at });
        continue;
      }
      refuseFrozenChange(current, next);
      // No structural rule depends on a status (validate-case.spec checks it), so a change of
      // statuses alone needs no check of the whole case.
      const statusesOnly = onlyStatusesDiffer(current, next);
      if (!statusesOnly && options.statusesOnly) return null;
      if (!statusesOnly) {
        refuseInvalid(validateCase({ case: next }), 'the change would make the case invalid');
      }
      const renamedTo = next.report.key !== current.report.key ? next.report.key : null;
      const lineageAgainst = statusesOnly ? null : lineageToCheck(current, next);
      const rows = statusChangeRows(report.id, current, next, write.origin);
      steps.push({
        write,
        report: { ...at, ...toReportRow(next.report), version: version + 1 },
        rows,
      });
      const before = current;
      current = next;
      version += 1;
      // The writes after a rename name a report key that is gone: they run next, and fail.
      if (renamedTo !== null || lineageAgainst !== null) {
        const check = { renamedTo, lineageAgainst, next, before, beforeVersion: version - 1 };
        return { steps, notRun: edits.slice(i + 1), current, version, check };
      }
    } catch (e) {
      // An edit alone may have written bookkeeping: its error must roll the transaction back.
      if (!(e instanceof DomainError) || write.alone) throw e;
      steps.push({ write, error: e });
    }
  }
  return { steps, notRun: [], current, version, check: null };
}

/** The plan with its last step refused by its database check: the case stays as before it. */
export function refuseChecked<E>(plan: Plan<E>, error: DomainError): Plan<E> {
  const last = plan.steps[plan.steps.length - 1];
  return {
    ...plan,
    steps: [...plan.steps.slice(0, -1), { write: last.write, error }],
    current: plan.check!.before,
    version: plan.check!.beforeVersion,
    check: null,
  };
}

/**
 * SPEC §6: the previous report whose nodes `next`'s `previousKeys` must name, when its lineage
 * changed from `before`'s (null: a new report); null when there is nothing to check. A change
 * elsewhere is never refused for a previous report edited since.
 */
export function lineageToCheck(before: Case | null, next: Case): string | null {
  const previousKey = next.report.previous;
  if (previousKey === null || !hasLineage(next)) return null;
  if (before && before.report.previous === previousKey && sameLineage(before, next)) return null;
  return previousKey;
}

/**
 * Optimistic concurrency: refuses a write whose caller read another version of the report than
 * the one it is at now (`report` is read under its lock; null: the report does not exist).
 */
export function refuseStale(key: string, report: ReportEntity | null, options: WriteOptions): void {
  const expected = options.expectedVersion;
  if (expected === undefined || expected === null || report?.version === expected) return;
  throw new DomainError(
    DomainErrorCode.STALE_VERSION,
    report
      ? `report '${key}' is at version ${report.version}, not the expected version ${expected}: ` +
          'it changed since it was read; read it again and retry'
      : `report '${key}' does not exist (expected version ${expected})`,
  );
}

/** A history row for every status that a write changed. */
export function statusChangeRows(
  reportId: string,
  before: Case | null,
  after: Case,
  origin: ChangeOrigin | ((nodeKey: string) => ChangeOrigin),
): StatusChangeRow[] {
  const originOf = typeof origin === 'function' ? origin : () => origin;
  return diffStatuses({ before, after }).map((change) => ({
    reportId,
    nodeKey: change.key,
    nodeKind: change.kind,
    fromStatus: change.from,
    toStatus: change.to,
    source: originOf(change.key).source,
    actor: originOf(change.key).actor,
    note: originOf(change.key).note,
  }));
}

export function toReportRow(r: CaseReport): ReportFields {
  return {
    key: r.key,
    title: r.title,
    model: r.model,
    previousKey: r.previous,
    description: r.description,
    state: r.state ?? 'draft',
  };
}

/** Throws INVALID_CASE listing every error (warnings do not block a write). */
export function refuseInvalid(
  issues: readonly (CaseIssue | LocatedIssue)[],
  summary: string,
): void {
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length === 0) return;
  const located = errors.map((i) => ({
    code: i.code,
    message: i.message,
    keys: i.keys,
    line: 'line' in i ? i.line : null,
  }));
  const shown = located
    .slice(0, 5)
    .map((i) => (i.line === null ? i.message : `line ${i.line}: ${i.message}`));
  const more = located.length > shown.length ? ` (and ${located.length - shown.length} more)` : '';
  throw new DomainError(
    DomainErrorCode.INVALID_CASE,
    `${summary}: ${shown.join('; ')}${more}`,
    located,
  );
}

const lineageOf = (c: Case): string[][] =>
  [...c.pathways, ...c.claims, ...c.mitigations, ...c.evidence].map((n) => [
    n.key,
    ...(n.previousKeys ?? []),
  ]);

const hasLineage = (c: Case): boolean => lineageOf(c).some((entry) => entry.length > 1);

const sameLineage = (a: Case, b: Case): boolean => isDeepStrictEqual(lineageOf(a), lineageOf(b));
