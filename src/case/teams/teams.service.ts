import { Injectable } from '@nestjs/common';
import { CaseVersions } from '../cases/case-versions';
import type { WrittenNode } from '../cases/nodes.service';
import type { ReportEntity } from '../../storage/entities/report.entity';

@Injectable()
export class TeamsService {
  constructor(private readonly versions: CaseVersions) {}

  /** The team as a write left it (see WrittenNode). */
  async written(report: ReportEntity, key: string): Promise<WrittenNode> {
    return { version: await this.versions.of(report), key };
  }
}
