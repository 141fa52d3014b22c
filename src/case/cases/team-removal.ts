import { Injectable, Optional } from '@nestjs/common';
import { DomainError, DomainErrorCode } from '../../core/shared/domain-error';
import type { Tx } from '../../storage/database/transactions';
import type { ReportEntity } from '../../storage/entities/report.entity';
import { AccessTokensRepository } from '../../storage/repositories/access-tokens.repository';
import { RequestsRepository } from '../../storage/repositories/requests.repository';

/** The instance's memory of tokens (TokensService), told when a team's tokens are revoked. */
export abstract class TeamTokenCache {
  abstract forgetTeam(reportId: string, team: string): void;
}

/**
 * What removing teams from a report takes besides its case, for every write that removes one
 * (deleteTeam, a replace import without them). In the write's transaction, which holds the
 * report's row (a new request waits for it: RequestWrites.teamKeys): refused while a team has
 * open information requests, since no one could answer them; otherwise the tokens bound to the
 * report and scoped to the team are revoked, so that none acts for a team later given its key
 * (a token bound to no report keeps working: see AccessTokensRepository.revokeTeam).
 */
@Injectable()
export class TeamRemoval {
  constructor(
    private readonly requests: RequestsRepository,
    private readonly accessTokens: AccessTokensRepository,
    /** Absent in the command-line tool, which remembers no tokens. */
    @Optional() private readonly cache?: TeamTokenCache,
  ) {}

  /** `doing` ends the refusal's message: "… answer or close them before <doing>". */
  async inTransaction(
    tx: Tx,
    report: Pick<ReportEntity, 'id' | 'key'>,
    teams: readonly string[],
    doing: string,
  ): Promise<void> {
    for (const team of teams) {
      const open = await this.requests.openNumbers(tx, report.id, team);
      if (open.length > 0) {
        const [which, them] = open.length === 1 ? ['request', 'it'] : ['requests', 'them'];
        throw new DomainError(
          DomainErrorCode.INVALID_INPUT,
          `team '${team}' of report '${report.key}' has open information ${which} ` +
            `${open.join(', ')}: answer or close ${them} before ${doing}`,
        );
      }
    }
    for (const team of teams) await this.accessTokens.revokeTeam(tx, report.id, team);
  }

  /** Once the write has committed: the revoked tokens are refused from their next request. */
  committed(reportId: string, teams: readonly string[]): void {
    for (const team of teams) this.cache?.forgetTeam(reportId, team);
  }
}
