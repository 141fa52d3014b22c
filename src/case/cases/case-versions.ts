import { Injectable, Logger, Optional } from '@nestjs/common';
import { StatusEventBus, type ReportRowWatcher } from '../events/status-event-bus';
import type { ReportEntity } from '../../storage/entities/report.entity';
import type { StatusChangeEntity } from '../../storage/entities/status-change.entity';
import { Transactions } from '../../storage/database/transactions';
import { CaseStore, type ReportRef, type StoredCase } from '../../storage/repositories/case-store';

/**
 * A value computed from a version's content once, on first use, and kept with the version (the
 * API's models of it, say): layers above this one derive what they need without a cache of
 * their own.
 */
export class VersionDerived<T> {
  constructor(
    readonly build: (version: CaseVersion) => T,
    /**
     * The value for a version that only status changes separate from the one before it, from
     * the value derived for that one and the changes (`history`, oldest first): kept at once
     * instead of built again on first use (history pages, say, without a query).
     */
    readonly carry?: (before: T, history: readonly StatusChangeEntity[], version: CaseVersion) => T,
  ) {}
}

/** One version of a report's content, as stored, with what is derived from it on first use. */
export class CaseVersion {
  /** When the next valid evidence item passes its window (ms since the epoch); null if none will. */
  readonly nextExpiry: number | null;
  /** By the VersionDerived that built each value (`derive` keeps key and value types together). */
  private readonly derived = new Map<object, unknown>();

  constructor(readonly stored: StoredCase) {
    // Shared by every reader and by the next write's edit, which must return a new case.
    deepFreeze(stored.case);
    const due = stored.case.evidence
      .filter((e) => e.status === 'valid' && e.validUntil !== undefined)
      .map((e) => Date.parse(e.validUntil!));
    this.nextExpiry = due.length > 0 ? Math.min(...due) : null;
  }

  get report(): ReportEntity {
    return this.stored.report;
  }

  /** What `before` derived that carries over (see VersionDerived.carry) to this version. */
  carryFrom(before: CaseVersion, history: readonly StatusChangeEntity[]): void {
    for (const [key, value] of before.derived) {
      const what = key as VersionDerived<unknown>;
      if (what.carry && !this.derived.has(what)) {
        this.derived.set(what, what.carry(value, history, this));
      }
    }
  }

  derive<T>(what: VersionDerived<T>): T {
    if (!this.derived.has(what)) this.derived.set(what, what.build(this));
    return this.derived.get(what) as T;
  }

  /** What was derived so far, without deriving it. */
  derivedSoFar<T>(what: VersionDerived<T>): T | undefined {
    return this.derived.get(what) as T | undefined;
  }
}

interface Entry {
  promise: Promise<CaseVersion>;
  /** Once read. */
  value?: CaseVersion;
}

/**
 * How many versions to keep: of each report its latest few (readers of the one before the
 * latest write may still ask for it), and of all reports together a bound, least recently
 * used first. Each holds its case, its models and (see ReportAnalysisService) its analyses.
 */
const VERSIONS_PER_REPORT = 2;
const CACHED_VERSIONS = 24;

/**
 * Report contents by (report, version). A report's version goes up with every write to its
 * content, in the write's transaction, so a version read once is that content for good: reads
 * check the report row's version and take the rest from here, and writes start from here
 * instead of loading the case again.
 *
 * Report rows are cached too, while every change to them is told (StatusEventBus: a trigger's
 * NOTIFY, or on embedded PGlite this process's own writes): then reading a report costs no
 * query. A row changed by another instance is answered until its notification arrives, a
 * moment after that write commits; this instance's own writes are seen at once.
 */
@Injectable()
export class CaseVersions implements ReportRowWatcher {
  /** `${reportId}:${version}` → the version, in least-recently-used order. */
  private readonly versions = new Map<string, Entry>();
  private readonly written: ((version: CaseVersion) => void)[] = [];
  /** Report id → the latest version kept. */
  private readonly newest = new Map<string, number>();
  private readonly logger = new Logger(CaseVersions.name);
  /** Report rows by id, and their ids by key, while `complete` (see watching). */
  private readonly rows = new Map<string, ReportEntity>();
  private readonly idByKey = new Map<string, string>();
  /** Whether every change to report rows is told (see ReportRowWatcher). */
  private complete = false;
  /**
   * Report id → the highest version a notification announced (Infinity: deleted). A row read or
   * written at a lower version is already out of date, whatever order the two arrived in.
   */
  private readonly announced = new Map<string, number>();

  constructor(
    private readonly transactions: Transactions,
    private readonly store: CaseStore,
    /** Absent in the command-line tool: then every read queries. */
    @Optional() bus?: StatusEventBus,
  ) {
    bus?.watchReports(this);
  }

  /** The report row, or null: cached (see the class), or one query. */
  findReport(ref: string | ReportRef): Promise<ReportEntity | null> {
    const id =
      typeof ref === 'string'
        ? this.idByKey.get(ref)
        : 'id' in ref
          ? ref.id
          : this.idByKey.get(ref.key);
    const cached = id === undefined ? undefined : this.rows.get(id);
    if (cached) return Promise.resolve(cached);
    return this.store.findReportRow(this.transactions.autocommit, ref).then((row) => {
      if (row) this.rowWritten(row);
      return row;
    });
  }

  /** A report row as a write on this instance committed it (or as just read). */
  rowWritten(row: ReportEntity): void {
    if (!this.complete || row.version < (this.announced.get(row.id) ?? 0)) return;
    const cached = this.rows.get(row.id);
    if (cached && cached.version > row.version) return;
    this.forgetRow(row.id);
    this.rows.set(row.id, Object.freeze({ ...row }));
    this.idByKey.set(row.key, row.id);
  }

  /** A report this instance deleted. */
  rowDeleted(id: string): void {
    this.changed(id, null);
  }

  changed(reportId: string, version: number | null): void {
    const announced = version ?? Infinity;
    if (announced > (this.announced.get(reportId) ?? 0)) this.announced.set(reportId, announced);
    const cached = this.rows.get(reportId);
    if (cached && cached.version < announced) this.forgetRow(reportId);
  }

  watching(complete: boolean): void {
    this.complete = complete;
    // Changes may have been missed while not watching.
    this.rows.clear();
    this.idByKey.clear();
  }

  private forgetRow(id: string): void {
    const row = this.rows.get(id);
    if (!row) return;
    this.rows.delete(id);
    if (this.idByKey.get(row.key) === id) this.idByKey.delete(row.key);
  }

  /** As findReport, but a report that does not exist is REPORT_NOT_FOUND. */
  getReport(ref: string | ReportRef): Promise<ReportEntity> {
    return this.store.findReport(this.transactions.autocommit, ref);
  }

  /**
   * The content of the report at the version of `report` (a row just read), or at a later one
   * if a write came in between (so never older than what the caller read).
   */
  of(report: Pick<ReportEntity, 'id' | 'version'>): Promise<CaseVersion> {
    const key = `${report.id}:${report.version}`;
    let entry = this.versions.get(key);
    if (entry) {
      this.versions.delete(key);
    } else {
      const later = this.later(report);
      if (later) return Promise.resolve(later);
      entry = { promise: this.load(report.id) };
      entry.promise.catch(() => this.versions.delete(key));
    }
    this.remember(key, entry);
    return entry.promise;
  }

  /**
   * The latest version read after `report`'s (writes committed together give their writers
   * versions that only the last of them is stored at).
   */
  private later(report: Pick<ReportEntity, 'id' | 'version'>): CaseVersion | undefined {
    return this.newestKept(report.id, (version) => version > report.version);
  }

  /** The newest version kept of the same report before `version`'s, if any (read already). */
  predecessor(version: CaseVersion): CaseVersion | undefined {
    return this.newestKept(version.report.id, (n) => n < version.report.version);
  }

  /** The newest version of a report kept and read whose number `accept`s. */
  private newestKept(
    reportId: string,
    accept: (version: number) => boolean,
  ): CaseVersion | undefined {
    let newest: CaseVersion | undefined;
    for (const { value } of this.versions.values()) {
      const v = value?.report;
      if (
        v?.id === reportId &&
        accept(v.version) &&
        !(newest && newest.report.version >= v.version)
      ) {
        newest = value;
      }
    }
    return newest;
  }

  /**
   * The version if it is cached and read (for a write, which holds the report's lock and, on
   * embedded PGlite, the only connection: it cannot wait for a read in progress).
   */
  peek(report: Pick<ReportEntity, 'id' | 'version'>): CaseVersion | undefined {
    return this.versions.get(`${report.id}:${report.version}`)?.value;
  }

  /**
   * A version a write has just committed, known exactly without reading it back. `after`: when
   * the write changed nothing but statuses, the version it started from and the status changes
   * it recorded (oldest first), for what carries over from that version.
   */
  prime(
    stored: StoredCase,
    after?: { readonly version: number; readonly history: readonly StatusChangeEntity[] },
  ): void {
    const version = new CaseVersion(stored);
    const before = after && this.peek({ id: stored.report.id, version: after.version });
    if (before) version.carryFrom(before, after.history);
    // Only a statuses-only write's successor starts from the version before (its history pages
    // here, its analysis in ReportAnalysisService). A version handed over without `after` (an
    // import's: other edits are read back, not handed over) frees the older ones at once;
    // their readers get this one (see `of`).
    if (!after) this.forgetVersionsOf(stored.report.id);
    this.keep(version);
    // After the write's answer, and only if no later write has come since (an alert storm).
    setImmediate(() => {
      if (this.newest.get(stored.report.id) !== stored.report.version) return;
      for (const listener of this.written) {
        try {
          listener(version);
        } catch (e) {
          this.logger.error(`after a write to '${stored.report.key}': ${String(e)}`);
        }
      }
    });
  }

  /** Tells `listener` of each version a write on this instance hands over (see prime). */
  onWritten(listener: (version: CaseVersion) => void): void {
    this.written.push(listener);
  }

  /** The report row and its case, read in one snapshot so that version and content agree. */
  private async load(reportId: string): Promise<CaseVersion> {
    const stored = await this.transactions.run(
      async (tx) => this.store.load(tx, await this.store.findReport(tx, { id: reportId })),
      'REPEATABLE READ',
    );
    const version = new CaseVersion(stored);
    // Under the version actually read, too: a write may have come in since the row was read.
    this.keep(version);
    // A write may also have handed this very version over meanwhile: then that one object, with
    // what it derived, answers every reader.
    return this.peek(version.report) ?? version;
  }

  private keep(version: CaseVersion): void {
    const { id, version: number } = version.report;
    if ((this.newest.get(id) ?? 0) < number) this.newest.set(id, number);
    const key = `${id}:${number}`;
    const entry = this.versions.get(key);
    if (!entry) {
      this.remember(key, { promise: Promise.resolve(version), value: version });
    } else if (!entry.value) {
      // A read of it is under way: from now on, one object for the version (and its analyses).
      entry.value = version;
      entry.promise = Promise.resolve(version);
    }
  }

  private forgetVersionsOf(reportId: string): void {
    for (const key of this.keysOf(reportId)) this.versions.delete(key);
  }

  /** The keys of a report's versions: keys are `${reportId}:${version}`. */
  private keysOf(reportId: string): string[] {
    return [...this.versions.keys()].filter((k) => k.startsWith(`${reportId}:`));
  }

  private remember(key: string, entry: Entry): void {
    this.versions.set(key, entry);
    // The same report's, oldest version first, beyond its few.
    const reportId = key.slice(0, key.lastIndexOf(':'));
    const own = this.keysOf(reportId).sort(
      (a, b) => Number(a.slice(reportId.length + 1)) - Number(b.slice(reportId.length + 1)),
    );
    for (const old of own.slice(0, -VERSIONS_PER_REPORT)) this.versions.delete(old);
    while (this.versions.size > CACHED_VERSIONS) {
      this.versions.delete(this.versions.keys().next().value!);
    }
  }
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}
