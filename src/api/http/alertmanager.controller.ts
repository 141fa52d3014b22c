import { BadRequestException, Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { AlertHookService, type AlertResult } from '../../case/alerts/alert-hook.service';
import { alertmanagerPayloadSchema } from '../../case/alerts/alertmanager-payload';
import { Access } from '../auth/access.decorators';
import type { Principal } from '../../case/auth/policy';

/**
 * Prometheus Alertmanager's webhook receiver: an alert whose labels name a report and a
 * mitigation marks it degraded (or its annotated status) while it fires, and puts the earlier
 * status back when it resolves.
 */
@Controller('hooks')
@Access('hook')
export class AlertmanagerController {
  constructor(private readonly hooks: AlertHookService) {}

  /** For a `hook` token (bound to a report or not) or the HOOK_TOKEN of the environment. */
  @Post('alertmanager')
  @HttpCode(200)
  async receive(
    @Req() req: Request & { principal?: Principal },
    @Body() body: unknown,
  ): Promise<{ received: number; results: AlertResult[] }> {
    const parsed = alertmanagerPayloadSchema.safeParse(body);
    if (!parsed.success) {
      const problems = parsed.error.issues.map(
        (i) => `${i.path.join('.') || '(payload)'}: ${i.message}`,
      );
      throw new BadRequestException({ message: 'not an Alertmanager webhook payload', problems });
    }
    const results = await this.hooks.handle(parsed.data, req.principal);
    return { received: results.length, results };
  }
}
