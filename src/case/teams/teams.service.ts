import { Injectable } from '@nestjs/common';
import { deleteTeam, updateTeam } from '../../core/case-model/edit-case';
import type { CaseTeam } from '../../core/case-model/case';
import { DomainError, DomainErrorCode } from '../../core/shared/domain-error';
import type { ReportEntity } from '../../storage/entities/report.entity';
import { AccessTokensRepository } from '../../storage/repositories/access-tokens.repository';
import { RequestsRepository } from '../../storage/repositories/requests.repository';
import { TokensService } from '../auth/tokens.service';
import { CaseService, type WriteOptions } from '../cases/case.service';
import { CaseVersions } from '../cases/case-versions';
import type { WrittenNode } from '../cases/nodes.service';

@Injectable()
export class TeamsService {
  constructor(
    private readonly cases: CaseService,
    private readonly versions: CaseVersions,
    private readonly requests: RequestsRepository,
    private readonly accessTokens: AccessTokensRepository,
    private readonly tokens: TokensService,
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
    if (newKey !== key) this.tokens.forgetTeam(saved.id, key);
    return saved;
  }

  /**
   * Deletes a team; its mitigations and steps are left without one, and, in the same
   * transaction, the tokens bound to the report and scoped to it are revoked, so that none acts
   * for a team later given its key (a token bound to no report keeps working: see
   * AccessTokensRepository.revokeTeam). Refused while the report has open information requests
   * to it: no one could answer them. Answered ones do not refuse it: what is left of them is the
   * asking side's (closing), which needs no team. Checked under the report's row lock, which a
   * new request waits for (RequestWrites.teamKeys), so none can be asked in between.
   */
  async delete(reportKey: string, key: string, options: WriteOptions): Promise<ReportEntity> {
    const saved = await this.cases.editAlone(
      reportKey,
      async (c, tx, report) => {
        const next = deleteTeam(c, key);
        const open = await this.requests.openNumbers(tx, report.id, key);
        if (open.length > 0) {
          const [which, them] = open.length === 1 ? ['request', 'it'] : ['requests', 'them'];
          throw new DomainError(
            DomainErrorCode.INVALID_INPUT,
            `team '${key}' of report '${report.key}' has open information ${which} ` +
              `${open.join(', ')}: answer or close ${them} before deleting the team`,
          );
        }
        await this.accessTokens.revokeTeam(tx, report.id, key);
        return next;
      },
      undefined,
      options,
    );
    // Committed: the revoked tokens are refused from their next request.
    this.tokens.forgetTeam(saved.id, key);
    return saved;
  }

  /** The team as a write left it (see WrittenNode). */
  async written(report: ReportEntity, key: string): Promise<WrittenNode> {
    return { version: await this.versions.of(report), key };
  }
}
