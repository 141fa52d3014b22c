import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { TeamEntity } from './team.entity';
import { toTeam, type Team } from './team.model';

@Injectable()
export class TeamsService {
  constructor(@InjectRepository(TeamEntity) private readonly repo: Repository<TeamEntity>) {}

  async findByKey(reportId: string, key: string): Promise<Team> {
    return toTeam(await this.repo.findOneByOrFail({ reportId, key }));
  }
}
