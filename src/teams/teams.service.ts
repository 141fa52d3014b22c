import { Injectable } from '@nestjs/common';
import { CaseVersions } from '../case-graph/case-versions';
import { DomainError, DomainErrorCode } from '../core/shared/domain-error';
import type { ReportEntity } from '../reports/report.entity';
import type { Team } from './team.model';

@Injectable()
export class TeamsService {
  constructor(private readonly versions: CaseVersions) {}

  /** The team as written; a concurrent delete or rename may have come in between. */
  async written(report: ReportEntity, key: string): Promise<Team> {
    const team = (await this.versions.of(report)).view.team(key);
    if (!team) {
      throw new DomainError(
        DomainErrorCode.CONCURRENT_CHANGE,
        `team '${key}' was written, then deleted or renamed by a concurrent write`,
      );
    }
    return team;
  }
}
