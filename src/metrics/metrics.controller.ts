import {
  Controller,
  Get,
  Header,
  NotFoundException,
  Req,
  UnauthorizedException,
} from '@nestjs/common';
import type { Request } from 'express';
import { AppConfigService } from '../config/app-config.service';
import { hasBearerToken } from '../hooks/bearer-token';
import { MetricsService } from './metrics.service';

@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly config: AppConfigService,
  ) {}

  /** Prometheus text format; off unless METRICS_TOKEN is set, then scraped with that bearer token. */
  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(@Req() req: Request): Promise<string> {
    const token = this.config.metricsToken;
    if (!token) throw new NotFoundException('metrics are off: set METRICS_TOKEN to turn them on');
    if (!hasBearerToken(req, token)) {
      throw new UnauthorizedException('a valid bearer token (METRICS_TOKEN) is required');
    }
    return this.metrics.scrape();
  }
}
