import { hasRestrictedNodes } from '../case-model/redact-case';
import { isDeepStrictEqual } from 'node:util';
import { Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import type { Case, CaseReport } from '../case-model/case';
import type { CaseIssue } from '../case-model/case-issue';
import { declareReferencedTeams } from '../case-model/edit-case';
import { diffStatuses } from '../case-model/status-changes';
import { validateCase } from '../case-model/validate-case';
import { exportCaseFile } from '../case-format/export-case-file';
import { parseCaseFile, type LocatedIssue } from '../case-format/parse-case-file';
import { DomainError, DomainErrorCode } from '../common/domain-error';
import { API_ORIGIN, IMPORT_ORIGIN, type ChangeOrigin } from '../history/change-origin';
import { StatusEventBus } from '../events/status-event-bus';
import { StatusChangeEntity } from '../history/status-change.entity';
import { ReportEntity } from '../reports/report.entity';
import { CaseStore, type ReportRef } from './case-store';

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

/**
 * Every write to a case goes through here: in one transaction, lock the report, load its case,
 * apply a pure edit, check the structural rules on the result, and write only what changed.
 * Bad input therefore never leaves a partial write, and the rules hold after every mutation.
 */
@Injectable()
export class CaseService {
  private readonly logger = new Logger(CaseService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: CaseStore,
    /** Absent in the command-line tool, which tells no subscribers. */
    @Optional() private readonly events?: StatusEventBus,
  ) {}

  /**
   * `edit` may be async and may use the transaction's manager for bookkeeping of its own (the
   * report row is locked); returning the case unchanged (or an equal one) writes nothing and
   * leaves the version as it is. `options.expectedVersion` is checked here, for every write to
   * a report's case, once the report is locked.
   */
  async edit(
    reportKey: string,
    edit: (c: Case, em: EntityManager, report: ReportEntity) => Case | Promise<Case>,
    origin: ChangeOrigin = API_ORIGIN,
    options: WriteOptions = {},
  ): Promise<ReportEntity> {
    let changed: SeqRange | null = null;
    const saved = await this.transaction(async (em) => {
      const report = await this.store.findReport(em, reportKey, { lock: true });
      refuseStale(reportKey, report, options);
      const stored = await this.store.load(em, report);
      const edited = await edit(stored.case, em, report);
      if (edited === stored.case) return report;
      const next = declareReferencedTeams(edited);
      // A write that changes nothing (a status set to what it is) is not a new version.
      if (isDeepStrictEqual(next, stored.case)) return report;
      refuseInvalid(validateCase({ case: next }), 'the change would make the case invalid');
      await this.store.persistDiff(em, stored, next);
      changed = await recordStatusChanges(em, report.id, stored.case, next, origin);
      return this.saveReport(em, report, next.report);
    });
    await this.announce(saved, changed);
    return saved;
  }

  async createReport(report: CaseReport): Promise<ReportEntity> {
    const c: Case = { report, teams: [], pathways: [], claims: [], mitigations: [], evidence: [] };
    refuseInvalid(validateCase({ case: c }), 'invalid report');
    return this.transaction(async (em) => {
      await this.refuseExisting(em, report.key);
      return em.save(ReportEntity, toReportRow(report));
    });
  }

  async deleteReport(key: string, options: WriteOptions = {}): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const report = await this.store.findReport(em, key, { lock: true });
      refuseStale(key, report, options);
      await em.delete(ReportEntity, { id: report.id });
    });
  }

  /**
   * Imports a case file atomically; `replace` swaps an existing report's content (if it is
   * still at `expectedVersion`, when that is given).
   */
  async importCase(
    document: string,
    options: { replace: boolean; origin?: ChangeOrigin } & WriteOptions,
  ): Promise<ReportEntity> {
    const origin = options.origin ?? IMPORT_ORIGIN;
    const parsed = parseCaseFile({ text: document });
    const c = parsed.case;
    if (!c) {
      refuseInvalid(parsed.issues, 'the case file is invalid');
      throw new Error('unreachable: a case file without a case has errors');
    }
    const next = declareReferencedTeams(c);
    let changed: SeqRange | null = null;
    const report = await this.transaction(async (em) => {
      const existing = await em
        .getRepository(ReportEntity)
        .createQueryBuilder('r')
        .setLock('pessimistic_write')
        .where('r.key = :key', { key: next.report.key })
        .getOne();
      if (existing && !options.replace) {
        throw new DomainError(
          DomainErrorCode.REPORT_EXISTS,
          `report '${next.report.key}' already exists; import with replace: true to swap its content`,
        );
      }
      refuseStale(next.report.key, existing, options);
      if (existing) {
        const before = (await this.store.load(em, existing)).case;
        await this.store.deleteContent(em, existing.id);
        const saved = await this.saveReport(em, existing, next.report);
        await this.store.insertContent(em, saved.id, next);
        changed = await recordStatusChanges(em, saved.id, before, next, origin);
        return saved;
      }
      const created = await em.save(ReportEntity, toReportRow(next.report));
      await this.store.insertContent(em, created.id, next);
      changed = await recordStatusChanges(em, created.id, null, next, origin);
      return created;
    });
    await this.announce(report, changed);
    this.logger.log(
      `imported report '${report.key}' v${report.version}: ${next.pathways.length} pathways, ${next.claims.length} claims, ` +
        `${next.mitigations.length} mitigations, ${next.evidence.length} evidence`,
    );
    return report;
  }

  /** Without clearance a case with restricted nodes is not exported: the file would be wrong. */
  async exportCase(reportKey: string, clearance: boolean): Promise<string> {
    const c = await this.loadCase(reportKey);
    if (!clearance && hasRestrictedNodes(c)) {
      throw new DomainError(
        DomainErrorCode.FORBIDDEN,
        `report ${reportKey} has restricted nodes: exporting it needs a token with clearance`,
      );
    }
    return exportCaseFile({ case: c });
  }

  async loadCase(reportKey: string): Promise<Case> {
    return (await this.loadSnapshot(reportKey)).case;
  }

  /** The report row and its case, read in one snapshot so that version and content agree. */
  async loadSnapshot(ref: string | ReportRef): Promise<{ report: ReportEntity; case: Case }> {
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const report = await this.store.findReport(em, ref);
      return { report, case: (await this.store.load(em, report)).case };
    });
  }

  async findReport(ref: string | ReportRef): Promise<ReportEntity> {
    return this.store.findReport(this.dataSource.manager, ref);
  }

  private async announce(report: ReportEntity, changed: SeqRange | null): Promise<void> {
    if (!changed || !this.events) return;
    await this.events.publish({
      reportId: report.id,
      reportKey: report.key,
      version: report.version,
      ...changed,
    });
  }

  /**
   * A write transaction. Two writers can race for a new key (two imports of one new report): the
   * loser's unique violation is a CONFLICT naming the key, not an internal error.
   */
  private async transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (e) {
      const driverError =
        e instanceof QueryFailedError
          ? (e.driverError as { code?: string; detail?: string })
          : null;
      if (driverError?.code !== '23505') throw e;
      throw new DomainError(
        DomainErrorCode.KEY_EXISTS,
        `a concurrent write got there first: ${driverError.detail ?? 'a key already exists'}`,
      );
    }
  }

  private async saveReport(
    em: EntityManager,
    report: ReportEntity,
    fields: CaseReport,
  ): Promise<ReportEntity> {
    if (fields.key !== report.key) await this.refuseExisting(em, fields.key);
    Object.assign(report, toReportRow(fields), { version: report.version + 1 });
    return em.save(ReportEntity, report);
  }

  private async refuseExisting(em: EntityManager, key: string): Promise<void> {
    if (await em.existsBy(ReportEntity, { key })) {
      throw new DomainError(DomainErrorCode.REPORT_EXISTS, `report '${key}' already exists`);
    }
  }
}

/**
 * Optimistic concurrency: refuses a write whose caller read another version of the report than
 * the one it is at now (`report` is read under its lock; null: the report does not exist).
 */
function refuseStale(key: string, report: ReportEntity | null, options: WriteOptions): void {
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

/** Appends a history row for every status that the write changed, in the write's transaction. */
async function recordStatusChanges(
  em: EntityManager,
  reportId: string,
  before: Case | null,
  after: Case,
  origin: ChangeOrigin,
): Promise<SeqRange | null> {
  const rows = diffStatuses({ before, after }).map((change) => ({
    reportId,
    nodeKey: change.key,
    nodeKind: change.kind,
    fromStatus: change.from,
    toStatus: change.to,
    source: origin.source,
    actor: origin.actor,
    note: origin.note,
  }));
  let range: SeqRange | null = null;
  for (let i = 0; i < rows.length; i += 2000) {
    const inserted = await em
      .createQueryBuilder()
      .insert()
      .into(StatusChangeEntity)
      .values(rows.slice(i, i + 2000))
      .returning('seq')
      .updateEntity(false)
      .execute();
    const seqs = (inserted.raw as { seq: string }[]).map((r) => BigInt(r.seq));
    const low = seqs.reduce((a, b) => (b < a ? b : a));
    const high = seqs.reduce((a, b) => (b > a ? b : a));
    range = {
      fromSeq: String(range ? (BigInt(range.fromSeq) < low ? BigInt(range.fromSeq) : low) : low),
      toSeq: String(high),
    };
  }
  return range;
}

interface SeqRange {
  readonly fromSeq: string;
  readonly toSeq: string;
}

function toReportRow(r: CaseReport): Partial<ReportEntity> {
  return {
    key: r.key,
    title: r.title,
    model: r.model,
    previousKey: r.previous,
    description: r.description,
  };
}

/** Throws INVALID_CASE listing every error (warnings do not block a write). */
function refuseInvalid(issues: readonly (CaseIssue | LocatedIssue)[], summary: string): void {
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
