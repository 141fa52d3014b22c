import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { DomainError, DomainErrorCode } from '../common/domain-error';
import { TeamEntity } from './team.entity';
import { toTeam, type Team } from './team.model';

@Injectable()
export class TeamsService {
  constructor(@InjectRepository(TeamEntity) private readonly repo: Repository<TeamEntity>) {}

  /** The team as written; a concurrent delete or rename may have come in between. */
  async findByKey(reportId: string, key: string): Promise<Team> {
    const team = await this.repo.findOneBy({ reportId, key });
    if (!team) {
      throw new DomainError(
        DomainErrorCode.CONCURRENT_CHANGE,
        `team '${key}' was written, then deleted or renamed by a concurrent write`,
      );
    }
    return toTeam(team);
  }
}
