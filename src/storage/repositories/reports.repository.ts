import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ReportEntity } from '../entities/report.entity';

/** Valid evidence whose validity window has passed. */
export interface DueEvidence {
  readonly reportKey: string;
  readonly key: string;
  readonly validUntil: Date;
}

/** Reads across reports (the rows themselves are written by CaseStore in CaseService's writes). */
@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A page of report rows in key order; `onlyId`: at most that one (a token bound to it). */
  list(page: { offset: number; limit?: number }, onlyId?: string | null): Promise<ReportEntity[]> {
    return this.dataSource.getRepository(ReportEntity).find({
      where: onlyId ? { id: onlyId } : {},
      order: { key: 'ASC' },
      skip: page.offset,
      take: page.limit,
    });
  }

  /** Every report's key, in key order. */
  async keys(): Promise<string[]> {
    const rows = await this.dataSource.query<{ key: string }[]>(
      'SELECT key FROM report ORDER BY key',
    );
    return rows.map((r) => r.key);
  }

  /**
   * The reports an alert without a report label is about (SPEC §6): those not archived that have a
   * mitigation with this key, in key order; with `onlyReportId` (a token bound to it), at most it.
   */
  async keysWithMitigation(mitigationKey: string, onlyReportId?: string | null): Promise<string[]> {
    const rows = await this.dataSource.query<{ key: string }[]>(
      `SELECT r.key FROM report r JOIN case_node n ON n.report_id = r.id
       WHERE n.kind = 'mitigation' AND n.key = $1 AND r.state <> 'archived'
       ${onlyReportId ? 'AND r.id = $2' : ''} ORDER BY r.key`,
      onlyReportId ? [mitigationKey, onlyReportId] : [mitigationKey],
    );
    return rows.map((r) => r.key);
  }

  /** Valid evidence past its validUntil (archived reports take no changes), in one report or all, by report key and key. */
  async dueEvidence(reportId?: string): Promise<DueEvidence[]> {
    const rows = await this.dataSource.query<
      { report_key: string; key: string; valid_until: Date }[]
    >(
      `SELECT r.key AS report_key, n.key, n.valid_until FROM case_node n JOIN report r ON r.id = n.report_id
       WHERE n.kind = 'evidence' AND n.status = 'valid' AND n.valid_until <= now()
         AND r.state <> 'archived'
       ${reportId ? 'AND n.report_id = $1' : ''} ORDER BY r.key, n.key`,
      reportId ? [reportId] : [],
    );
    return rows.map((r) => ({ reportKey: r.report_key, key: r.key, validUntil: r.valid_until }));
  }
}
