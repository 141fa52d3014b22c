import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReportEntity } from '../../storage/entities/report.entity';
import { TeamEntity } from '../../storage/entities/team.entity';
import { CaseLinkEntity } from '../../storage/entities/case-link.entity';
import { CaseNodeEntity } from '../../storage/entities/case-node.entity';
import { CaseStore } from '../../storage/repositories/case-store';
import { CaseService } from '../../case/cases/case.service';
import { CaseVersions } from '../../case/cases/case-versions';
import { TeamRemoval } from '../../case/cases/team-removal';
import { NodesService } from '../../case/cases/nodes.service';
import { StatusEventBus } from '../../case/events/status-event-bus';

/** Storage of a report's argument graph, shared by the pathway, claim, mitigation and evidence modules. */
@Module({
  imports: [TypeOrmModule.forFeature([ReportEntity, TeamEntity, CaseNodeEntity, CaseLinkEntity])],
  providers: [CaseStore, CaseVersions, CaseService, NodesService, StatusEventBus, TeamRemoval],
  exports: [CaseService, CaseVersions, NodesService, StatusEventBus, TeamRemoval, TypeOrmModule],
})
export class CaseGraphModule {}
