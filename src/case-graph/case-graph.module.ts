import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReportEntity } from '../reports/report.entity';
import { TeamEntity } from '../teams/team.entity';
import { CaseLinkEntity } from './case-link.entity';
import { CaseNodeEntity } from './case-node.entity';
import { CaseStore } from './case-store';
import { CaseService } from './case.service';
import { CaseVersions } from './case-versions';
import { NodesService } from './nodes.service';
import { StatusEventBus } from '../events/status-event-bus';

/** Storage of a report's argument graph, shared by the pathway, claim, mitigation and evidence modules. */
@Module({
  imports: [TypeOrmModule.forFeature([ReportEntity, TeamEntity, CaseNodeEntity, CaseLinkEntity])],
  providers: [CaseStore, CaseVersions, CaseService, NodesService, StatusEventBus],
  exports: [CaseService, CaseVersions, NodesService, StatusEventBus, TypeOrmModule],
})
export class CaseGraphModule {}
