import { Module } from '@nestjs/common';
import { AnalysisApiModule } from '../analysis-api/analysis-api.module';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

@Module({
  imports: [AnalysisApiModule],
  controllers: [MetricsController],
  providers: [MetricsService],
})
export class MetricsModule {}
