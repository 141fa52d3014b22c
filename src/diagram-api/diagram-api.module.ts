import { Module } from '@nestjs/common';
import { AnalysisApiModule } from '../analysis-api/analysis-api.module';
import { DiagramResolver } from './diagram.resolver';
import { DiagramService } from './diagram.service';

/** Report.diagram: argument diagrams (src/diagram) over the cached report analyses. */
@Module({
  imports: [AnalysisApiModule],
  providers: [DiagramService, DiagramResolver],
})
export class DiagramApiModule {}
