import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { CaseService } from '../cases/case.service';
import { MITIGATION_STATUSES, type Case, type MitigationStatus } from '../../core/case-model/case';
import { requireNode, updateNode } from '../../core/case-model/edit-case';
import { authorise, type Principal } from '../auth/policy';
import { DomainError, DomainErrorCode } from '../../core/shared/domain-error';
import { AppConfigService } from '../../storage/config/app-config.service';
import type { ChangeOrigin } from '../history/change-origin';
import type { ReportEntity } from '../../storage/entities/report.entity';
import type { Tx } from '../../storage/database/transactions';
import { AlertStatesRepository } from '../../storage/repositories/alert-states.repository';
import type { Alert, AlertmanagerPayload } from './alertmanager-payload';
import { ReportsRepository } from '../../storage/repositories/reports.repository';

export type AlertOutcome =
  | 'applied' // firing: the mitigation's status was changed
  | 'restored' // resolved: the status before the alert was put back
  | 'unchanged' // a repeated delivery, or another alert still holds the status
  | 'ignored' // not about a mitigation (no mitigation label)
  | 'unknown' // names a report or mitigation that does not exist, or an invalid status
  | 'forbidden'; // names a report the hook's token is not for

export interface AlertResult {
  readonly outcome: AlertOutcome;
  readonly fingerprint: string;
  readonly report?: string;
  readonly mitigation?: string;
  readonly status?: string;
  readonly reason?: string;
}

/**
 * Turns Alertmanager deliveries into status changes. Each alert's bookkeeping (alert_state) and
 * its status change commit in one transaction, under the report's lock, so a repeated or
 * concurrent delivery of the same alert changes nothing twice.
 */
@Injectable()
export class AlertHookService {
  private readonly logger = new Logger(AlertHookService.name);

  constructor(
    private readonly cases: CaseService,
    private readonly config: AppConfigService,
    private readonly reports: ReportsRepository,
    private readonly states: AlertStatesRepository,
  ) {}

  /** `principal`: the hook token's grant; undefined for the environment's HOOK_TOKEN. */
  async handle(payload: AlertmanagerPayload, principal?: Principal): Promise<AlertResult[]> {
    const results: AlertResult[] = [];
    for (const alert of payload.alerts) {
      results.push(...(await this.handleAlert(alert, payload.receiver, principal)));
    }
    for (const r of results.filter((x) => x.outcome === 'unknown' || x.outcome === 'forbidden')) {
      this.logger.warn(`alert ${r.fingerprint} names nothing known: ${r.reason}`);
    }
    return results;
  }

  /**
   * One result per report the alert is about: the one its report label names, or without that
   * label every report not archived that has the mitigation (SPEC §6) — for a token bound to one
   * report, only that one.
   */
  private async handleAlert(
    alert: Alert,
    receiver: string | undefined,
    principal: Principal | undefined,
  ): Promise<AlertResult[]> {
    const { reportLabel, mitigationLabel } = this.config.hook;
    const fingerprint = alert.fingerprint ?? fingerprintOf(alert.labels);
    const mitigation = alert.labels[mitigationLabel];
    if (!mitigation) {
      return [{ outcome: 'ignored', fingerprint, reason: `no '${mitigationLabel}' label` }];
    }
    const named = alert.labels[reportLabel];
    if (named) {
      return [await this.handleFor(named, mitigation, alert, fingerprint, receiver, principal)];
    }
    const reports = await this.reports.keysWithMitigation(mitigation, principal?.reportId);
    if (reports.length === 0) {
      const reason = `no '${reportLabel}' label, and no report that is not archived has mitigation '${mitigation}'`;
      return [{ outcome: 'unknown', fingerprint, mitigation, reason }];
    }
    const results: AlertResult[] = [];
    for (const report of reports) {
      results.push(
        await this.handleFor(report, mitigation, alert, fingerprint, receiver, principal),
      );
    }
    return results;
  }

  /** The alert's change to one report's mitigation, with its bookkeeping, in one transaction. */
  private async handleFor(
    report: string,
    mitigation: string,
    alert: Alert,
    fingerprint: string,
    receiver: string | undefined,
    principal: Principal | undefined,
  ): Promise<AlertResult> {
    const { statusAnnotation } = this.config.hook;
    const status = alert.annotations?.[statusAnnotation] ?? 'degraded';
    if (!isMitigationStatus(status)) {
      return {
        outcome: 'unknown',
        fingerprint,
        report,
        mitigation,
        reason: `annotation ${statusAnnotation}: unknown status '${status}'`,
      };
    }
    const name = alert.labels.alertname ?? 'alert';
    const summary = alert.annotations?.summary;
    const origin: ChangeOrigin = {
      source: 'webhook',
      actor: `${principal?.name ?? 'alertmanager'}${receiver ? `:${receiver}` : ''}`,
      note: `${name} ${alert.status}${summary ? `: ${summary}` : ''}`,
    };
    let result: AlertResult = { outcome: 'unchanged', fingerprint, report, mitigation };
    try {
      await this.cases.editAlone(
        report,
        async (c, tx, reportRow) => {
          const decision = principal
            ? authorise(principal, { permission: 'hook', reportId: reportRow.id })
            : { allowed: true as const };
          if (!decision.allowed) {
            throw new DomainError(DomainErrorCode.FORBIDDEN, decision.reason);
          }
          const step =
            alert.status === 'firing'
              ? await fire(this.states, tx, reportRow, c, { fingerprint, mitigation, status, name })
              : await resolve(this.states, tx, reportRow, c, { fingerprint, mitigation });
          result = { ...result, ...step.result };
          return step.next;
        },
        origin,
      );
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      const outcome = e.code === DomainErrorCode.FORBIDDEN ? 'forbidden' : 'unknown';
      return { outcome, fingerprint, report, mitigation, reason: e.message };
    }
    return result;
  }
}

interface Step {
  readonly next: Case;
  readonly result: Partial<AlertResult>;
}

async function fire(
  states: AlertStatesRepository,
  tx: Tx,
  report: ReportEntity,
  c: Case,
  alert: { fingerprint: string; mitigation: string; status: MitigationStatus; name: string },
): Promise<Step> {
  const current = requireNode(c, 'mitigation', alert.mitigation);
  if (await states.find(tx, report.id, alert.fingerprint)) {
    return { next: c, result: { outcome: 'unchanged', reason: 'already applied' } };
  }
  // With several alerts on one mitigation, the status to restore is the one before the first.
  const earlier = await states.firstOn(tx, report.id, alert.mitigation);
  await states.insert(tx, {
    reportId: report.id,
    fingerprint: alert.fingerprint,
    mitigationKey: alert.mitigation,
    previousStatus: earlier?.previousStatus ?? current.status,
    appliedStatus: alert.status,
    alertName: alert.name,
  });
  if (current.status === alert.status) {
    return {
      next: c,
      result: { outcome: 'unchanged', status: alert.status, reason: `already ${alert.status}` },
    };
  }
  return {
    next: updateNode(c, 'mitigation', alert.mitigation, { status: alert.status }),
    result: { outcome: 'applied', status: alert.status },
  };
}

async function resolve(
  states: AlertStatesRepository,
  tx: Tx,
  report: ReportEntity,
  c: Case,
  alert: { fingerprint: string; mitigation: string },
): Promise<Step> {
  const current = requireNode(c, 'mitigation', alert.mitigation);
  const state = await states.find(tx, report.id, alert.fingerprint);
  if (!state) return { next: c, result: { outcome: 'unchanged', reason: 'not firing' } };
  await states.delete(tx, report.id, alert.fingerprint);
  if (await states.firstOn(tx, report.id, alert.mitigation)) {
    return { next: c, result: { outcome: 'unchanged', reason: 'another alert on it still fires' } };
  }
  if (current.status !== state.appliedStatus) {
    // Someone set the status by hand while the alert fired: theirs stands.
    return {
      next: c,
      result: {
        outcome: 'unchanged',
        reason: `status changed to ${current.status} meanwhile; left as it is`,
      },
    };
  }
  const previous = state.previousStatus as MitigationStatus;
  return {
    next: updateNode(c, 'mitigation', alert.mitigation, { status: previous }),
    result: { outcome: 'restored', status: previous },
  };
}

const isMitigationStatus = (s: string): s is MitigationStatus =>
  (MITIGATION_STATUSES as readonly string[]).includes(s);

/** Alertmanager sends a fingerprint; without one, the sorted labels identify the alert. */
function fingerprintOf(labels: Record<string, string>): string {
  const sorted = Object.keys(labels)
    .sort()
    .map((k) => [k, labels[k]]);
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 32);
}
