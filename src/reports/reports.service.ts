import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { parseCaseFile } from '../core/case-format/parse-case-file';
import type { PageArgs } from '../common/pagination.args';
import type { CaseCheck } from './case-check.model';
import { ReportEntity } from './report.entity';

@Injectable()
export class ReportsService {
  constructor(@InjectRepository(ReportEntity) private readonly repo: Repository<ReportEntity>) {}

  /** `onlyId`: the one report a bound token may see. */
  list(page: PageArgs, onlyId?: string | null): Promise<ReportEntity[]> {
    return this.repo.find({
      where: onlyId ? { id: onlyId } : {},
      order: { key: 'ASC' },
      skip: page.offset,
      take: page.limit,
    });
  }

  checkCase(document: string): CaseCheck {
    const { case: c, issues } = parseCaseFile({ text: document });
    return { valid: c !== null, issues: issues.map((i) => ({ ...i, keys: [...i.keys] })) };
  }
}
