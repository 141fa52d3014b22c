import { Injectable } from '@nestjs/common';
import { updateTeam } from '../../core/case-model/edit-case';
import type { CaseTeam } from '../../core/case-model/case';
import type { ReportEntity } from '../../storage/entities/report.entity';
import { RequestsRepository } from '../../storage/repositories/requests.repository';
import { CaseService, type WriteOptions } from '../cases/case.service';
import { CaseVersions } from '../cases/case-versions';
import type { WrittenNode } from '../cases/nodes.service';

@Injectable()
export class TeamsService {
  constructor(
    private readonly cases: CaseService,
    private readonly versions: CaseVersions,
    private readonly requests: RequestsRepository,
  ) {}

  /**
   * Updates a team. A new key is carried to the mitigations it owns, the steps it acts in and,
   * in the same transaction, the report's information requests to it.
   */
  update(
    reportKey: string,
    key: string,
    patch: Partial<CaseTeam>,
    options: WriteOptions,
  ): Promise<ReportEntity> {
    const newKey = patch.key ?? key;
    return this.cases.editAlone(
      reportKey,
      async (c, tx, report) => {
        const next = updateTeam(c, key, patch);
        if (newKey !== key) await this.requests.renameTeam(tx, report.id, key, newKey);
        return next;
      },
      undefined,
      options,
    );
  }

  /** The team as a write left it (see WrittenNode). */
  async written(report: ReportEntity, key: string): Promise<WrittenNode> {
    return { version: await this.versions.of(report), key };
  }
}
