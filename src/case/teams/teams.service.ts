import { Injectable } from '@nestjs/common';
import { deleteTeam, updateTeam } from '../../core/case-model/edit-case';
import type { CaseTeam } from '../../core/case-model/case';
import type { ReportEntity } from '../../storage/entities/report.entity';
import { AccessTokensRepository } from '../../storage/repositories/access-tokens.repository';
import { RequestsRepository } from '../../storage/repositories/requests.repository';
import { CaseService, type WriteOptions } from '../cases/case.service';
import { CaseVersions } from '../cases/case-versions';
import { TeamRemoval, TeamTokenCache } from '../cases/team-removal';
import type { WrittenNode } from '../cases/nodes.service';

@Injectable()
export class TeamsService {
  constructor(
    private readonly cases: CaseService,
    private readonly versions: CaseVersions,
    private readonly requests: RequestsRepository,
    private readonly accessTokens: AccessTokensRepository,
    private readonly tokenCache: TeamTokenCache,
    private readonly removal: TeamRemoval,
  ) {}

  /**
   * Updates a team. A new key is carried to the mitigations it owns, the steps it acts in and,
   * in the same transaction, the report's information requests to it and the tokens bound to
   * the report and scoped to it (a token bound to no report keeps its team key: see
   * AccessTokensRepository.renameTeam).
   */
  async update(
    reportKey: string,
    key: string,
    patch: Partial<CaseTeam>,
    options: WriteOptions,
  ): Promise<ReportEntity> {
    const newKey = patch.key ?? key;
    const saved = await this.cases.editAlone(
      reportKey,
      async (c, tx, report) => {
        const next = updateTeam(c, key, patch);
        if (newKey !== key) {
          await this.requests.renameTeam(tx, report.id, key, newKey);
          await this.accessTokens.renameTeam(tx, report.id, key, newKey);
        }
        return next;
      },
      undefined,
      options,
    );
    // Committed: the moved tokens' next requests read their new team.
    if (newKey !== key) this.tokenCache.forgetTeam(saved.id, key);
    return saved;
  }

  /**
   * Deletes a team; its mitigations and steps are left without one, and its tokens bound to the
   * report are revoked, refused while it has open information requests (TeamRemoval). Answered
   * ones do not refuse it: what is left of them is the asking side's (closing), which needs no
   * team.
   */
  async delete(reportKey: string, key: string, options: WriteOptions): Promise<ReportEntity> {
    const saved = await this.cases.editAlone(
      reportKey,
      async (c, tx, report) => {
        const next = deleteTeam(c, key);
        await this.removal.inTransaction(tx, report, [key], 'deleting the team');
        return next;
      },
      undefined,
      options,
    );
    this.removal.committed(saved.id, [key]);
    return saved;
  }

  /** The team as a write left it (see WrittenNode). */
  async written(report: ReportEntity, key: string): Promise<WrittenNode> {
    return { version: await this.versions.of(report), key };
  }
}
