import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReportEntity } from '../reports/report.entity';
import { TeamEntity } from '../teams/team.entity';
import { CaseGraphLoaderFactory } from './case-graph.loaders';
import { CaseLinkEntity } from './case-link.entity';
import { CaseNodeEntity } from './case-node.entity';
import { CaseStore } from './case-store';
import { CaseService } from './case.service';
import { NodesService } from './nodes.service';
import { StatusEventBus } from '../events/status-event-bus';

/** Storage of a report's argument graph, shared by the pathway, claim, mitigation and evidence modules. */
@Module({
  imports: [TypeOrmModule.forFeature([ReportEntity, TeamEntity, CaseNodeEntity, CaseLinkEntity])],
  providers: [CaseStore, CaseService, NodesService, CaseGraphLoaderFactory, StatusEventBus],
  exports: [CaseService, NodesService, CaseGraphLoaderFactory, StatusEventBus, TypeOrmModule],
})
export class CaseGraphModule {}
