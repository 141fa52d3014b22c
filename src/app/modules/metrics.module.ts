import { Module } from '@nestjs/common';
import { AnalysisApiModule } from './analysis-api.module';
import { MetricsController } from '../../api/http/metrics.controller';
import { MetricsService } from '../../api/http/metrics.service';

@Module({
  imports: [AnalysisApiModule],
  controllers: [MetricsController],
  providers: [MetricsService],
})
export class MetricsModule {}
