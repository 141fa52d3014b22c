import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { CaseService } from '../cases/case.service';
import { updateNode } from '../../core/case-model/edit-case';
import { AppConfigService } from '../../storage/config/app-config.service';
import { ReportsRepository } from '../../storage/repositories/reports.repository';

/**
 * Evidence past its validUntil becomes stale through an ordinary, audited write (source
 * "expiry" in the history). CurrentVersions calls `expireDue` before answering from a version
 * whose next validUntil has passed, so no answer counts expired evidence as valid; a periodic
 * sweep also catches reports nobody reads.
 */
@Injectable()
export class EvidenceExpiryService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(EvidenceExpiryService.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly reports: ReportsRepository,
    private readonly cases: CaseService,
    private readonly config: AppConfigService,
  ) {}

  onModuleInit(): void {
    const seconds = this.config.expirySweepSeconds;
    if (seconds <= 0) return;
    this.timer = setInterval(() => {
      this.expireDue().catch((e: unknown) =>
        this.logger.error(`expiry sweep failed: ${String(e)}`),
      );
    }, seconds * 1000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Marks stale every valid evidence item whose window has passed, in one report or all. */
  async expireDue(reportId?: string): Promise<number> {
    const due = await this.reports.dueEvidence(reportId);
    for (const item of due) {
      await this.cases.edit(
        item.reportKey,
        // Re-checked under the report's lock: a concurrent request may have expired it already.
        (c) => {
          const e = c.evidence.find((x) => x.key === item.key);
          const passed = e?.validUntil !== undefined && Date.parse(e.validUntil) <= Date.now();
          return e?.status === 'valid' && passed
            ? updateNode(c, 'evidence', item.key, { status: 'stale' })
            : c;
        },
        {
          source: 'expiry',
          actor: 'validity-window',
          note: `validUntil ${item.validUntil.toISOString()} passed`,
        },
      );
      this.logger.log(`evidence '${item.key}' in report '${item.reportKey}' expired: now stale`);
    }
    return due.length;
  }
}
