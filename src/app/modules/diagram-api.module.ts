import { Module } from '@nestjs/common';
import { AnalysisApiModule } from './analysis-api.module';
import { DiagramResolver } from '../../api/graphql/resolvers/diagram.resolver';
import { DiagramService } from '../../case/diagram/diagram.service';

/** Report.diagram: argument diagrams (src/diagram) over the cached report analyses. */
@Module({
  imports: [AnalysisApiModule],
  providers: [DiagramService, DiagramResolver],
})
export class DiagramApiModule {}
