import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { DEFAULT_MAX_ORDER } from '../../core/analysis';
import { ReportAnalysisService } from '../../case/analysis/report-analysis.service';
import { ReportsRepository } from '../../storage/repositories/reports.repository';
import { RequestsRepository } from '../../storage/repositories/requests.repository';
import { ReviewsRepository } from '../../storage/repositories/reviews.repository';

/**
 * The argument's state as Prometheus metrics, computed at scrape time from the cached analyses
 * (one per report version), plus the process's own metrics. A team alerts with the tools it
 * already runs, e.g. `loadbearing_pathway_margin <= 1`.
 */
@Injectable()
export class MetricsService {
  private readonly registry = new Registry();
  private readonly gauge = (name: string, help: string, labelNames: string[]) =>
    new Gauge({ name, help, labelNames, registers: [this.registry] });

  private readonly pathwayHolds = this.gauge(
    'loadbearing_pathway_holds',
    "1 when the pathway's argument holds under the current statuses, else 0.",
    ['report', 'pathway'],
  );
  private readonly pathwayMargin = this.gauge(
    'loadbearing_pathway_margin',
    'Smallest number of control or evidence failures that break the pathway: 0 broken, ' +
      `1 a single point of failure, ${DEFAULT_MAX_ORDER + 1} more than ${DEFAULT_MAX_ORDER}.`,
    ['report', 'pathway'],
  );
  private readonly mitigationStatus = this.gauge(
    'loadbearing_mitigation_status',
    "1 for the mitigation's current status (one series per mitigation).",
    ['report', 'mitigation', 'team', 'status'],
  );
  private readonly mitigationHolds = this.gauge(
    'loadbearing_mitigation_holds',
    '1 when the mitigation holds (in_place and all it depends on holds), else 0.',
    ['report', 'mitigation', 'team'],
  );
  private readonly loadBearingPathways = this.gauge(
    'loadbearing_mitigation_load_bearing_pathways',
    'How many pathways the mitigation is load-bearing for (its failure alone breaks them).',
    ['report', 'mitigation', 'team'],
  );
  private readonly evidence = this.gauge('loadbearing_evidence', 'Evidence items by status.', [
    'report',
    'status',
  ]);
  private readonly requestsOpen = this.gauge(
    'loadbearing_information_requests_open',
    'Information requests to the team still open.',
    ['report', 'team'],
  );
  private readonly requestsOverdue = this.gauge(
    'loadbearing_information_requests_overdue',
    'Information requests to the team open past their due date.',
    ['report', 'team'],
  );
  private readonly findings = this.gauge(
    'loadbearing_review_findings',
    "A review's findings by state.",
    ['report', 'review', 'state'],
  );
  /** Concurrent scrapes share one refresh. */
  private refreshing: Promise<void> | null = null;

  constructor(
    private readonly reports: ReportsRepository,
    private readonly analyses: ReportAnalysisService,
    private readonly reviews: ReviewsRepository,
    private readonly requests: RequestsRepository,
  ) {
    // Standard names (process_*, nodejs_*), so existing dashboards for Node services work.
    collectDefaultMetrics({ register: this.registry });
  }

  async scrape(): Promise<string> {
    this.refreshing ??= this.refresh().finally(() => (this.refreshing = null));
    await this.refreshing;
    return this.registry.metrics();
  }

  private async refresh(): Promise<void> {
    const analyses = [];
    for (const key of await this.reports.keys()) analyses.push(await this.analyses.analyse(key));
    const requests = await this.requests.openCounts(new Date());
    const findings = await this.reviews.findingCounts();
    // Reset only once everything is computed, so a scrape never sees a half-filled registry.
    for (const g of [
      this.pathwayHolds,
      this.pathwayMargin,
      this.mitigationStatus,
      this.mitigationHolds,
      this.loadBearingPathways,
      this.evidence,
      this.requestsOpen,
      this.requestsOverdue,
      this.findings,
    ]) {
      g.reset();
    }
    for (const { report, team, open, overdue } of requests) {
      this.requestsOpen.set({ report, team }, open);
      this.requestsOverdue.set({ report, team }, overdue);
    }
    for (const { report, review, state, count } of findings) {
      this.findings.set({ report, review, state }, count);
    }
    for (const a of analyses) {
      const report = a.reportKey;
      const byEvent = a.loadBearing().byEvent;
      for (const p of a.case.pathways) {
        const m = a.margins.get(p.key)!;
        this.pathwayHolds.set({ report, pathway: p.key }, m.holds ? 1 : 0);
        this.pathwayMargin.set({ report, pathway: p.key }, m.margin ?? DEFAULT_MAX_ORDER + 1);
      }
      for (const m of a.case.mitigations) {
        const labels = { report, mitigation: m.key, team: m.team ?? '' };
        this.mitigationStatus.set({ ...labels, status: m.status }, 1);
        this.mitigationHolds.set(labels, a.holds(m.key) ? 1 : 0);
        this.loadBearingPathways.set(labels, byEvent.get(m.key)?.pathways.length ?? 0);
      }
      const counts = new Map<string, number>([
        ['valid', 0],
        ['stale', 0],
        ['invalidated', 0],
      ]);
      for (const e of a.case.evidence) counts.set(e.status, (counts.get(e.status) ?? 0) + 1);
      for (const [status, n] of counts) this.evidence.set({ report, status }, n);
    }
  }
}
