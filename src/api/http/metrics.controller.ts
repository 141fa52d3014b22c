import { Controller, Get, Header } from '@nestjs/common';
import { Access } from '../auth/access.decorators';
import { MetricsService } from './metrics.service';

@Controller('metrics')
@Access('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  /** Prometheus text format, for a `metrics` token or the METRICS_TOKEN of the environment. */
  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    return this.metrics.scrape();
  }
}
