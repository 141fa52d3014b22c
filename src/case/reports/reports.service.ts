import { Injectable } from '@nestjs/common';
import { parseCaseFile } from '../../core/case-format/parse-case-file';
import type { LocatedIssue } from '../../core/case-format/parse-case-file';
import type { ReportEntity } from '../../storage/entities/report.entity';
import { ReportsRepository } from '../../storage/repositories/reports.repository';
import { CaseService } from '../cases/case.service';

/** A page of a list: skip `offset` items, then take at most `limit` (all when omitted). */
export interface Page {
  readonly offset: number;
  readonly limit?: number;
}

/** Whether a case file would import, and its errors and warnings. */
export interface CaseCheckResult {
  readonly valid: boolean;
  readonly issues: (LocatedIssue & { keys: string[] })[];
}

@Injectable()
export class ReportsService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly cases: CaseService,
  ) {}

  /** `onlyId`: the one report a bound token may see. */
  list(page: Page, onlyId?: string | null): Promise<ReportEntity[]> {
    return this.reports.list(page, onlyId);
  }

  /** As importCase checks it: the file's own rules, then its lineage against its previous report. */
  async checkCase(document: string): Promise<CaseCheckResult> {
    const { case: c, issues } = parseCaseFile({ text: document });
    const refused = c ? await this.cases.lineageIssuesOf(c, document) : [];
    return {
      valid: c !== null && refused.length === 0,
      issues: [...issues, ...refused].map((i) => ({ ...i, keys: [...i.keys] })),
    };
  }
}
