import {
  BadRequestException,
  Body,
  Controller,
  HttpCode,
  NotFoundException,
  Post,
  Req,
  UnauthorizedException,
} from '@nestjs/common';
import type { Request } from 'express';
import { AppConfigService } from '../config/app-config.service';
import { AlertHookService, type AlertResult } from './alert-hook.service';
import { alertmanagerPayloadSchema } from './alertmanager-payload';
import { hasBearerToken } from './bearer-token';

/**
 * Prometheus Alertmanager's webhook receiver: an alert whose labels name a report and a
 * mitigation marks it degraded (or its annotated status) while it fires, and puts the earlier
 * status back when it resolves.
 */
@Controller('hooks')
export class AlertmanagerController {
  constructor(
    private readonly hooks: AlertHookService,
    private readonly config: AppConfigService,
  ) {}

  @Post('alertmanager')
  @HttpCode(200)
  async receive(
    @Req() req: Request,
    @Body() body: unknown,
  ): Promise<{ received: number; results: AlertResult[] }> {
    const { token } = this.config.hook;
    if (!token) {
      throw new NotFoundException('the Alertmanager hook is off: set HOOK_TOKEN to turn it on');
    }
    if (!hasBearerToken(req, token)) {
      throw new UnauthorizedException('a valid bearer token (HOOK_TOKEN) is required');
    }
    const parsed = alertmanagerPayloadSchema.safeParse(body);
    if (!parsed.success) {
      const problems = parsed.error.issues.map(
        (i) => `${i.path.join('.') || '(payload)'}: ${i.message}`,
      );
      throw new BadRequestException({ message: 'not an Alertmanager webhook payload', problems });
    }
    const results = await this.hooks.handle(parsed.data);
    return { received: results.length, results };
  }
}
