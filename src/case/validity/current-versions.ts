import { Injectable } from '@nestjs/common';
import { reportNotFound, type ReportRef } from '../../storage/repositories/case-store';
import { CaseVersions, type CaseVersion } from '../cases/case-versions';
import type { ReportEntity } from '../../storage/entities/report.entity';
import { EvidenceExpiryService } from './evidence-expiry.service';

/** A report as answered now: its row and its content at that row's version. */
export interface CurrentReport {
  readonly report: ReportEntity;
  readonly version: CaseVersion;
}

/**
 * A report's current version, for answering: evidence past its window turns stale (a recorded
 * write) before anything is answered from it. A version knows when its next evidence item
 * expires, so this costs no query until then.
 */
@Injectable()
export class CurrentVersions {
  constructor(
    private readonly versions: CaseVersions,
    private readonly expiry: EvidenceExpiryService,
  ) {}

  /** The report's row, or null; one query. */
  findReport(ref: string | ReportRef): Promise<ReportEntity | null> {
    return this.versions.findReport(ref);
  }

  async get(ref: string | ReportRef): Promise<CurrentReport> {
    return this.of(await this.versions.getReport(ref));
  }

  /** For a report row just read. */
  async of(report: ReportEntity): Promise<CurrentReport> {
    let version = await this.versions.of(report);
    // The database's clock decides (expireDue): only when it expired something is there more.
    if (
      version.nextExpiry !== null &&
      version.nextExpiry <= Date.now() &&
      (await this.expiry.expireDue(report.id)) > 0
    ) {
      report = await this.versions.getReport({ id: report.id });
      version = await this.versions.of(report);
    }
    // A write may have come in between reading the row and its content: answer the newer.
    return { report: version.report.version > report.version ? version.report : report, version };
  }

  /**
   * For one HTTP request. A WebSocket operation (a subscription) lives on: each of its answers
   * reads the report's current version again.
   */
  forRequest(options: { memoise: boolean }): RequestReports {
    return new RequestReports(this, options.memoise);
  }
}

/**
 * Per request: each report's row is read once, and every field of the answer comes from the
 * same version. Cleared after a write in the same request (see FreshAfterWriteInterceptor).
 */
export class RequestReports {
  /** Rows and current versions, by `key:<key>` and `id:<id>`. */
  private rows = new Map<string, Promise<ReportEntity | null>>();
  private currents = new Map<string, Promise<CurrentReport | null>>();
  /** The current versions `find` has answered, by the same keys as `currents`. */
  private read = new Map<string, CurrentReport>();

  constructor(
    private readonly current: CurrentVersions,
    /** False: every call reads anew. */
    readonly memoises: boolean,
  ) {}

  /** The report's row id, or undefined when there is no such report (for the access check). */
  async idOf(key: string): Promise<string | undefined> {
    return (await this.row(key))?.id;
  }

  /** Null when there is no such report. */
  find(ref: string | ReportRef): Promise<CurrentReport | null> {
    const read = () => this.row(ref).then((report) => report && this.current.of(report));
    if (!this.memoises) return read();
    const known = this.currents.get(memoKey(ref));
    if (known) return known;
    const found = aliased(this.currents, memoKey(ref), read, (c) => c?.report);
    void found.then(
      (c) => {
        if (c && this.currents.get(memoKey(ref)) === found) {
          this.read.set(`id:${c.report.id}`, c);
          this.read.set(`key:${c.report.key}`, c);
        }
      },
      () => undefined,
    );
    return found;
  }

  /** What `find(ref)` has answered in this request, if it has (no promise). */
  readBefore(ref: string | ReportRef): CurrentReport | undefined {
    return this.read.get(memoKey(ref));
  }

  async get(ref: string | ReportRef): Promise<CurrentReport> {
    const found = await this.find(ref);
    if (!found) throw reportNotFound(ref);
    return found;
  }

  /** Takes rows a list query has just read, so that their fields need not read them again. */
  seed(reports: readonly ReportEntity[]): void {
    if (!this.memoises) return;
    for (const report of reports) {
      this.rows.set(`id:${report.id}`, Promise.resolve(report));
      this.rows.set(`key:${report.key}`, Promise.resolve(report));
    }
  }

  clear(): void {
    this.rows = new Map();
    this.currents = new Map();
    this.read = new Map();
  }

  private row(ref: string | ReportRef): Promise<ReportEntity | null> {
    const read = () => this.current.findReport(ref);
    if (!this.memoises) return read();
    return aliased(this.rows, memoKey(ref), read, (r) => r);
  }
}

/** Memoised under `key`; once read, under the report's other name too (its id or its key). */
function aliased<T>(
  memo: Map<string, Promise<T>>,
  key: string,
  read: () => Promise<T>,
  reportOf: (value: T) => ReportEntity | null | undefined,
): Promise<T> {
  const value = memo.get(key);
  if (value) return value;
  const promise = read();
  memo.set(key, promise);
  void promise.then(
    (v) => {
      const report = reportOf(v);
      if (!report) return;
      memo.set(`id:${report.id}`, promise);
      memo.set(`key:${report.key}`, promise);
    },
    () => undefined,
  );
  return promise;
}

function memoKey(ref: string | ReportRef): string {
  return typeof ref === 'string' ? `key:${ref}` : 'id' in ref ? `id:${ref.id}` : `key:${ref.key}`;
}
