import { hasRestrictedNodes } from '../../core/case-model/redact-case';
import { isDeepStrictEqual } from 'node:util';
import { refuseFrozenChange } from '../../core/case-model/report-state';
import { Injectable, Logger, Optional } from '@nestjs/common';
import type { Case, CaseReport } from '../../core/case-model/case';
import { declareReferencedTeams } from '../../core/case-model/edit-case';
import { diffStatuses } from '../../core/case-model/status-changes';
import { validateCase } from '../../core/case-model/validate-case';
import { lineageIssues } from '../../core/iteration/lineage';
import { locateCaseIssues } from '../../core/iteration/locate-issues';
import { exportCaseFile } from '../../core/case-format/export-case-file';
import { exportMefFile } from '../../core/case-format/mef/export-mef';
import { parseCaseFile, type LocatedIssue } from '../../core/case-format/parse-case-file';
import { DomainError, DomainErrorCode } from '../../core/shared/domain-error';
import { API_ORIGIN, IMPORT_ORIGIN, type ChangeOrigin } from '../history/change-origin';
import { StatusEventBus, type StatusEvent } from '../events/status-event-bus';
import { Transactions, uniqueViolationDetail, type Tx } from '../../storage/database/transactions';
import { ReportEntity } from '../../storage/entities/report.entity';
import type { StatusChangeEntity } from '../../storage/entities/status-change.entity';
import { CaseStore, type ReportRef, type StoredCase } from '../../storage/repositories/case-store';
import { CaseVersions } from './case-versions';
import { TeamRemoval } from './team-removal';
import {
  lineageToCheck,
  planBatch,
  refuseChecked,
  refuseInvalid,
  refuseStale,
  statusChangeRows,
  toReportRow,
  type BatchEdit,
  type DatabaseCheck,
  type Plan,
  type Step,
  type WriteOptions,
} from './plan-batch';
import { WriteQueue } from './write-queue';

export type { WriteOptions } from './plan-batch';

/**
 * Every write to a case goes through here: in one transaction, lock the report, load its case,
 * plan the pure edits (planBatch: each checked against the structural rules), and write only
 * what changed, in one persistence step. Bad input therefore never leaves a partial write, and
 * the rules hold after every mutation.
 */
@Injectable()
export class CaseService {
  private readonly logger = new Logger(CaseService.name);
  /** Edits waiting for their report, per report key (see edit). */
  private readonly writes = new WriteQueue<QueuedEdit>(
    (key, batch) => this.writeBatch(key, batch),
    MAX_BATCH,
    (write, error) => write.reject(error),
  );

  constructor(
    private readonly transactions: Transactions,
    private readonly store: CaseStore,
    private readonly versions: CaseVersions,
    private readonly teamRemoval: TeamRemoval,
    /** Absent in the command-line tool, which tells no subscribers. */
    @Optional() private readonly events?: StatusEventBus,
  ) {}

  /**
   * Changes a report's case by a pure edit of it. Returning the case unchanged (or an equal one)
   * writes nothing and leaves the version as it is. `options.expectedVersion` is checked here,
   * for every write to a report's case, once the report is locked. Resolves to the report row
   * at the version this write made (or found, when it changed nothing).
   *
   * Writes to one report are queued on this instance and the ones that queued up while a write
   * ran are committed together, in order, in one transaction (each with its own version, history
   * and answer, each checked against the case the ones before it left): under many writers a
   * write waits for one transaction, not for one per writer before it.
   */
  edit(
    reportKey: string,
    edit: (c: Case) => Case,
    origin: ChangeOrigin = API_ORIGIN,
    options: WriteOptions = {},
  ): Promise<ReportEntity> {
    return this.submit(reportKey, { apply: edit, alone: false, origin, options });
  }

  /**
   * As edit, in a transaction of its own: `edit` may be async and pass the transaction to a
   * repository for bookkeeping of its own (the report row is locked); if it throws, nothing is
   * written.
   */
  editAlone(
    reportKey: string,
    edit: (c: Case, tx: Tx, report: ReportEntity) => Case | Promise<Case>,
    origin: ChangeOrigin = API_ORIGIN,
    options: WriteOptions = {},
  ): Promise<ReportEntity> {
    // `apply` is replaced by edit's result once edit has run, under the lock (see prepareAlone).
    return this.submit(reportKey, { apply: (c) => c, prepare: edit, alone: true, origin, options });
  }

  async createReport(report: CaseReport): Promise<ReportEntity> {
    const c: Case = { report, teams: [], pathways: [], claims: [], mitigations: [], evidence: [] };
    refuseInvalid(validateCase({ case: c }), 'invalid report');
    const created = await this.transaction(async (tx) => {
      await this.refuseExisting(tx, report.key);
      return this.store.insertReport(tx, toReportRow(report));
    });
    this.versions.rowWritten(created);
    return created;
  }

  async deleteReport(key: string, options: WriteOptions = {}): Promise<void> {
    const id = await this.transactions.run(async (tx) => {
      const report = await this.store.findReport(tx, key, { lock: true });
      refuseStale(key, report, options);
      await this.store.deleteReport(tx, report.id);
      return report.id;
    });
    this.versions.rowDeleted(id);
  }

  /**
   * Imports a case file atomically; `replace` swaps an existing report's content (if it is
   * still at `expectedVersion`, when that is given). Teams the new content lacks are removed as
   * deleteTeam removes them (TeamRemoval): refused while they have open requests.
   */
  async importCase(
    document: string,
    options: { replace: boolean; origin?: ChangeOrigin } & WriteOptions,
  ): Promise<ReportEntity> {
    const origin = options.origin ?? IMPORT_ORIGIN;
    // A valid case's warnings are dropped here, so they need no lines.
    const parsed = parseCaseFile({ text: document, locateWarnings: false });
    const c = parsed.case;
    if (!c) {
      refuseInvalid(parsed.issues, 'the case file is invalid');
      throw new Error('unreachable: a case file without a case has errors');
    }
    const next = declareReferencedTeams(c);
    const events: StatusEvent[] = [];
    let written: StoredCase | null = null;
    let removedTeams: string[] = [];
    const report = await this.transaction(async (tx) => {
      const announce = async (saved: ReportEntity, changed: SeqRange | null) => {
        if (changed) events.push(eventOf(saved, changed.fromSeq, changed.toSeq));
        await this.events?.notify(tx, events);
        return saved;
      };
      const existing = await this.store.findReportRow(tx, next.report.key, { lock: true });
      if (existing && !options.replace) {
        throw new DomainError(
          DomainErrorCode.REPORT_EXISTS,
          `report '${next.report.key}' already exists; import with replace: true to swap its content`,
        );
      }
      refuseStale(next.report.key, existing, options);
      if (existing) {
        const before =
          this.versions.peek(existing)?.stored.case ?? (await this.store.load(tx, existing)).case;
        // The same content again is no new version (as an edit that changes nothing).
        if (isDeepStrictEqual(before, next)) return existing;
        refuseFrozenChange(before, next);
        await this.refuseBrokenLineage(tx, lineageToCheck(before, next), next, document);
        const kept = new Set(next.teams.map((t) => t.key));
        removedTeams = before.teams.map((t) => t.key).filter((key) => !kept.has(key));
        await this.teamRemoval.inTransaction(
          tx,
          existing,
          removedTeams,
          'importing a case without the team',
        );
        await this.store.deleteContent(tx, existing.id);
        const saved = await this.saveReport(tx, existing, next.report);
        written = await this.store.insertContent(tx, saved, next);
        return announce(
          saved,
          await recordStatusChanges(this.store, tx, saved.id, before, next, origin),
        );
      }
      await this.refuseBrokenLineage(tx, lineageToCheck(null, next), next, document);
      const created = await this.store.insertReport(tx, toReportRow(next.report));
      written = await this.store.insertContent(tx, created, next);
      return announce(
        created,
        await recordStatusChanges(this.store, tx, created.id, null, next, origin),
      );
    });
    this.versions.rowWritten(report);
    // The parsed case is what a read would give back (validUntil is normalised as it is stored).
    if (written) this.versions.prime(written);
    this.teamRemoval.committed(report.id, removedTeams);
    this.events?.committed(events);
    this.logger.log(
      `imported report '${report.key}' v${report.version}: ${next.pathways.length} pathways, ${next.claims.length} claims, ` +
        `${next.mitigations.length} mitigations, ${next.evidence.length} evidence, ` +
        `${(next.scenarios ?? []).length} scenarios`,
    );
    return report;
  }

  /**
   * A new report with the case `next` (a clone), all or nothing; each status it starts with is in
   * the history with the origin `originOf` gives its node.
   */
  async createFromCase(
    next: Case,
    originOf: (nodeKey: string) => ChangeOrigin,
  ): Promise<ReportEntity> {
    refuseInvalid(validateCase({ case: next }), 'the new report would be invalid');
    const events: StatusEvent[] = [];
    let written: StoredCase | null = null;
    const report = await this.transaction(async (tx) => {
      await this.refuseExisting(tx, next.report.key);
      const created = await this.store.insertReport(tx, toReportRow(next.report));
      written = await this.store.insertContent(tx, created, next);
      const changed = await recordStatusChanges(this.store, tx, created.id, null, next, originOf);
      if (changed) events.push(eventOf(created, changed.fromSeq, changed.toSeq));
      await this.events?.notify(tx, events);
      return created;
    });
    this.versions.rowWritten(report);
    if (written) this.versions.prime(written);
    this.events?.committed(events);
    return report;
  }

  /** Without clearance a case with restricted nodes is not exported: the file would be wrong. */
  async exportCase(
    reportKey: string,
    clearance: boolean,
    format: 'yaml' | 'mef' = 'yaml',
  ): Promise<string> {
    const c = await this.loadCase(reportKey);
    if (!clearance && hasRestrictedNodes(c)) {
      throw new DomainError(
        DomainErrorCode.FORBIDDEN,
        `report ${reportKey} has restricted nodes: exporting it needs a token with clearance`,
      );
    }
    return format === 'mef' ? exportMefFile({ case: c }) : exportCaseFile({ case: c });
  }

  async loadCase(reportKey: string): Promise<Case> {
    return (await this.loadSnapshot(reportKey)).case;
  }

  /** The report row and its case at one version (cached per version; do not modify it). */
  async loadSnapshot(ref: string | ReportRef): Promise<{ report: ReportEntity; case: Case }> {
    const { report, stored } = await this.versions.of(await this.versions.getReport(ref));
    return { report, case: stored.case };
  }

  private submit(
    reportKey: string,
    write: Omit<QueuedEdit, 'resolve' | 'reject'>,
  ): Promise<ReportEntity> {
    return new Promise((resolve, reject) =>
      this.writes.push(reportKey, { ...write, resolve, reject }),
    );
  }

  /** Commits a batch of queued edits (see edit) and answers each; hands back those not run. */
  private async writeBatch(reportKey: string, batch: QueuedEdit[]): Promise<QueuedEdit[]> {
    let outcome: BatchOutcome;
    try {
      outcome =
        (await this.writeStatusesAlone(reportKey, batch)) ??
        (await this.transaction((tx) => this.applyBatch(tx, reportKey, batch)));
    } catch (e) {
      if (batch.length === 1) {
        batch[0].reject(e);
        return [];
      }
      // The batch failed as a whole (a database error): each edit alone, for an answer of its own.
      for (const write of batch) await this.writeBatch(reportKey, [write]);
      return [];
    }
    try {
      if (outcome.saved) this.versions.rowWritten(outcome.saved);
      if (outcome.written) this.versions.prime(outcome.written, outcome.after);
      this.events?.committed(outcome.events);
    } catch (e) {
      // Committed all the same: its writers get their answers.
      this.logger.error(`after committing writes to '${reportKey}': ${String(e)}`);
    }
    for (const step of outcome.steps) {
      if ('error' in step) step.write.reject(step.error);
      else step.write.resolve(step.report);
    }
    return outcome.notRun;
  }

  /**
   * The most frequent batch, status changes to the version of the report this instance holds,
   * in one statement instead of a transaction of seven: the edits run on the cached case, and
   * the statement writes only if the report is still at that version. Null when the batch is
   * anything else, or the report moved on (another instance wrote): nothing was written, and
   * the batch runs as usual, under the report's lock.
   */
  private async writeStatusesAlone(
    reportKey: string,
    batch: readonly QueuedEdit[],
  ): Promise<BatchOutcome | null> {
    if (batch.some((write) => write.alone)) return null;
    const report = await this.versions.findReport(reportKey);
    const stored = report && this.versions.peek(report)?.stored;
    if (!stored) return null;
    const planned = planBatch(report, stored.case, batch, { statusesOnly: true });
    if (!planned || planned.version === report.version) return null;
    const history = planned.steps.flatMap((step) =>
      'error' in step || !step.rows
        ? []
        : step.rows.map((row) => ({ ...row, version: step.report.version })),
    );
    const written = await this.store.writeStatusesIfAt(this.transactions.autocommit, report.id, {
      expected: report.version,
      version: planned.version,
      statuses: diffStatuses({ before: stored.case, after: planned.current }).map((c) => ({
        nodeId: stored.nodeIds.get(c.key)!,
        status: c.to,
      })),
      history,
      channel: this.events?.channel ?? null,
    });
    if (!written) return null;
    return this.outcome(stored, planned, written.report, written.seqs, 'statuses');
  }

  /** Applies the edits one after another to the case, then writes the result once. */
  private async applyBatch(
    tx: Tx,
    reportKey: string,
    batch: readonly QueuedEdit[],
  ): Promise<BatchOutcome> {
    const report = await this.store.findReport(tx, reportKey, { lock: true });
    const stored = this.versions.peek(report)?.stored ?? (await this.store.load(tx, report));
    const edits = batch[0].prepare
      ? [await this.prepareAlone(tx, reportKey, report, stored.case, batch[0])]
      : batch;
    const planned = await this.settle(tx, planBatch(report, stored.case, edits));
    const { steps, notRun, current, version } = planned;
    if (version === report.version) {
      return { steps, notRun, events: [], saved: null, written: null };
    }
    const persisted = await this.store.persistDiff(tx, stored, current);
    const seqs = await this.store.insertStatusChanges(
      tx,
      steps.flatMap((step) => ('rows' in step && step.rows) || []),
    );
    const saved = await this.store.saveReport(tx, report.id, toReportRow(current.report), version);
    const outcome = this.outcome(stored, planned, saved, seqs, persisted);
    await this.events?.notify(tx, outcome.events);
    return outcome;
  }

  /**
   * editAlone's edit, run under the report's lock with the transaction: the edit of the batch
   * it is alone in becomes its result.
   */
  private async prepareAlone(
    tx: Tx,
    reportKey: string,
    report: ReportEntity,
    c: Case,
    write: QueuedEdit,
  ): Promise<QueuedEdit> {
    refuseStale(reportKey, report, write.options);
    const edited = await write.prepare!(c, tx, report);
    return { ...write, apply: () => edited };
  }

  /** Runs a plan's database check, if it has one: a refusal becomes its last step's error. */
  private async settle(tx: Tx, plan: Plan<QueuedEdit>): Promise<Plan<QueuedEdit>> {
    if (!plan.check) return plan;
    try {
      await this.refuseUnwritable(tx, plan.check);
      return plan;
    } catch (e) {
      const last = plan.steps[plan.steps.length - 1];
      if (!(e instanceof DomainError) || last.write.alone) throw e;
      return refuseChecked(plan, e);
    }
  }

  private async refuseUnwritable(tx: Tx, check: DatabaseCheck): Promise<void> {
    await this.refuseBrokenLineage(tx, check.lineageAgainst, check.next);
    if (check.renamedTo !== null) await this.refuseExisting(tx, check.renamedTo);
  }

  /**
   * SPEC §6: each `previousKeys` entry must name a node of the `previous` report, when that
   * report is here (a report iterating on one kept elsewhere is not checked). `previousKey`: as
   * lineageToCheck gives it (null: nothing to check). `document`: the case file, for line numbers.
   */
  private async refuseBrokenLineage(
    tx: Tx,
    previousKey: string | null,
    next: Case,
    document?: string,
  ): Promise<void> {
    if (previousKey === null) return;
    const row = await this.store.findReportRow(tx, previousKey);
    if (!row) return;
    const previous = this.versions.peek(row)?.stored.case ?? (await this.store.load(tx, row)).case;
    const issues = lineageIssues(previous, next);
    const summary = document
      ? 'the case file is invalid'
      : 'the change would make the case invalid';
    refuseInvalid(
      document ? locateCaseIssues({ fileName: 'case.yaml', text: document, issues }) : issues,
      summary,
    );
  }

  /**
   * checkCase's side of refuseBrokenLineage: the lineage errors of a parsed case file against its
   * previous report, at their lines; none when that report is not here.
   */
  async lineageIssuesOf(next: Case, document: string): Promise<LocatedIssue[]> {
    const previousKey = lineageToCheck(null, next);
    if (previousKey === null) return [];
    let previous: Case;
    try {
      previous = await this.loadCase(previousKey);
    } catch (e) {
      if (e instanceof DomainError && e.code === DomainErrorCode.REPORT_NOT_FOUND) return [];
      throw e;
    }
    const issues = lineageIssues(previous, next);
    return locateCaseIssues({ fileName: 'case.yaml', text: document, issues });
  }

  /** A written batch's answers and events; `seqs` are its history rows' seqs, in order. */
  private outcome(
    stored: StoredCase,
    { steps, notRun, current }: Plan<QueuedEdit>,
    saved: ReportEntity,
    seqs: readonly string[],
    persisted: 'statuses' | 'structure',
  ): BatchOutcome {
    const events: StatusEvent[] = [];
    // Only statuses changed (status changes, alerts, expiry): the new version is the old one
    // with new statuses, known exactly without reading it back, and its history rows too.
    const statusesOnly = persisted === 'statuses';
    const history: StatusChangeEntity[] = [];
    let next = 0;
    for (const step of steps) {
      if ('error' in step || !step.rows) continue;
      const own = seqs.slice(next, (next += step.rows.length));
      step.report = { ...step.report, updatedAt: saved.updatedAt };
      if (own.length > 0) events.push(eventOf(step.report, own[0], own[own.length - 1]));
      // A history row's changed_at is its transaction's now(), as is the report's updated_at.
      if (statusesOnly) {
        step.rows.forEach((row, i) =>
          history.push({ ...row, seq: own[i], changedAt: saved.updatedAt }),
        );
      }
    }
    return {
      steps,
      notRun,
      events,
      saved,
      written: statusesOnly ? { ...stored, report: saved, case: current } : null,
      after: statusesOnly ? { version: stored.report.version, history } : undefined,
    };
  }

  /**
   * A write transaction. Two writers can race for a new key (two imports of one new report): the
   * loser's unique violation is a CONFLICT naming the key, not an internal error.
   */
  private async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    try {
      return await this.transactions.run(work);
    } catch (e) {
      const detail = uniqueViolationDetail(e);
      if (detail === null) throw e;
      throw new DomainError(
        DomainErrorCode.KEY_EXISTS,
        `a concurrent write got there first: ${detail}`,
      );
    }
  }

  private async saveReport(
    tx: Tx,
    report: ReportEntity,
    fields: CaseReport,
  ): Promise<ReportEntity> {
    if (fields.key !== report.key) await this.refuseExisting(tx, fields.key);
    return this.store.saveReport(tx, report.id, toReportRow(fields), report.version + 1);
  }

  private async refuseExisting(tx: Tx, key: string): Promise<void> {
    if (await this.store.reportExists(tx, key)) {
      throw new DomainError(DomainErrorCode.REPORT_EXISTS, `report '${key}' already exists`);
    }
  }
}

async function recordStatusChanges(
  store: CaseStore,
  tx: Tx,
  reportId: string,
  before: Case | null,
  after: Case,
  origin: ChangeOrigin | ((nodeKey: string) => ChangeOrigin),
): Promise<SeqRange | null> {
  const seqs = await store.insertStatusChanges(
    tx,
    statusChangeRows(reportId, before, after, origin),
  );
  return seqs.length > 0 ? { fromSeq: seqs[0], toSeq: seqs[seqs.length - 1] } : null;
}

interface SeqRange {
  readonly fromSeq: string;
  readonly toSeq: string;
}

function eventOf(report: ReportEntity, fromSeq: string, toSeq: string): StatusEvent {
  return { reportId: report.id, reportKey: report.key, version: report.version, fromSeq, toSeq };
}

/** Edits committed together at most (see CaseService.edit). */
const MAX_BATCH = 100;

interface QueuedEdit extends BatchEdit {
  /** editAlone's edit, run before planning (see prepareAlone). */
  readonly prepare?: (c: Case, tx: Tx, report: ReportEntity) => Case | Promise<Case>;
  resolve(report: ReportEntity): void;
  reject(error: unknown): void;
}

interface BatchOutcome {
  readonly steps: readonly Step<QueuedEdit>[];
  readonly notRun: QueuedEdit[];
  /** For subscribers: one per edit that changed statuses, in order. */
  readonly events: readonly StatusEvent[];
  /** The report row as written, if anything was. */
  readonly saved: ReportEntity | null;
  /** The version written, when it is known without reading it back. */
  readonly written: StoredCase | null;
  /** With `written`: the version it follows, and the status changes in between (oldest first). */
  readonly after?: { readonly version: number; readonly history: readonly StatusChangeEntity[] };
}
