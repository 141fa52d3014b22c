import { Injectable, Logger } from '@nestjs/common';
import {
  analyseGraph,
  buildAnalysisGraph,
  computeLoadBearingMap,
  computeMargins,
  DEFAULT_MAX_ORDER,
  type AnalysisGraph,
  type CaseAnalysis,
  type LoadBearingMap,
  type NodeMargin,
} from '../analysis';
import type { ReportRef } from '../case-graph/case-store';
import { CaseService } from '../case-graph/case.service';
import type { Case } from '../case-model/case';
import { withStatusesAt } from '../case-model/status-changes';
import { HistoryService } from '../history/history.service';
import { EvidenceExpiryService } from '../validity/evidence-expiry.service';
import type { ReportEntity } from '../reports/report.entity';

/** One report version's analysis at one maxOrder, with lookups by key. */
export interface ReportAnalysis {
  readonly reportId: string;
  readonly reportKey: string;
  readonly version: number;
  /** The case analysed (under asOf, with the statuses then). */
  readonly case: Case;
  readonly analysis: CaseAnalysis;
  readonly margins: ReadonlyMap<string, NodeMargin>;
  /** Whether the analysed version has this key (a concurrent write may have added it since). */
  readonly knows: (key: string) => boolean;
  readonly holds: (key: string) => boolean;
  /** A mitigation's or evidence item's status in this analysis (differs from the stored one under asOf). */
  readonly statusOf: (key: string) => string | null;
  /** Load-bearing does not depend on maxOrder (order-1 cut sets); computed once per version. */
  readonly loadBearing: () => LoadBearingIndex;
}

export interface LoadBearingIndex {
  readonly map: LoadBearingMap;
  /** Pathway or claim key → its load-bearing mitigations and evidence. */
  readonly byArgument: ReadonlyMap<
    string,
    { mitigations: readonly string[]; evidence: readonly string[] }
  >;
  /** Mitigation or evidence key → the pathways and claims it is load-bearing for. */
  readonly byEvent: ReadonlyMap<string, { pathways: readonly string[]; claims: readonly string[] }>;
}

interface Snapshot {
  readonly version: number;
  readonly case: Case;
  readonly graph: AnalysisGraph;
  readonly analyses: Map<number, Promise<ReportAnalysis>>;
  loadBearing?: LoadBearingIndex;
}

/** How many report versions to keep analysed; each holds its graph and cut-set families. */
const CACHED_VERSIONS = 8;

/**
 * Computes analyses once per report version and reuses them until the report changes. Every
 * lookup first reads the report's current version, so once a write has returned no answer comes
 * from an older version.
 */
@Injectable()
export class ReportAnalysisService {
  private readonly logger = new Logger(ReportAnalysisService.name);
  /** `${reportId}:${version}` → snapshot, in least-recently-used order. */
  private readonly snapshots = new Map<string, Promise<Snapshot>>();

  constructor(
    private readonly cases: CaseService,
    private readonly history: HistoryService,
    private readonly expiry: EvidenceExpiryService,
  ) {}

  /** With `asOf`, the statuses in force at that instant (not cached: history is unbounded). */
  async analyse(
    ref: string | ReportRef,
    maxOrder: number = DEFAULT_MAX_ORDER,
    asOf?: Date,
  ): Promise<ReportAnalysis> {
    let current = await this.cases.findReport(ref);
    if (asOf) return this.analyseAt(current, maxOrder, asOf);
    // Evidence past its window turns stale (a recorded write) before anything is answered.
    if ((await this.expiry.expireDue(current.id)) > 0) {
      current = await this.cases.findReport({ id: current.id });
    }
    const cacheKey = `${current.id}:${current.version}`;
    let snapshot = this.snapshots.get(cacheKey);
    if (snapshot) {
      this.snapshots.delete(cacheKey);
    } else {
      snapshot = this.loadSnapshot(current.id);
      snapshot.catch(() => this.snapshots.delete(cacheKey));
    }
    this.snapshots.set(cacheKey, snapshot);
    while (this.snapshots.size > CACHED_VERSIONS) {
      this.snapshots.delete(this.snapshots.keys().next().value!);
    }
    const s = await snapshot;
    let analysis = s.analyses.get(maxOrder);
    if (!analysis) {
      analysis = Promise.resolve().then(() => this.analyseSnapshot(current, s, maxOrder));
      s.analyses.set(maxOrder, analysis);
      analysis.catch(() => s.analyses.delete(maxOrder));
    }
    return analysis;
  }

  private async analyseAt(
    report: ReportEntity,
    maxOrder: number,
    asOf: Date,
  ): Promise<ReportAnalysis> {
    const { case: c } = await this.cases.loadSnapshot({ id: report.id });
    const statuses = await this.history.statusesAt(report.id, asOf);
    const then = withStatusesAt({ case: c, statuses });
    const graph = buildAnalysisGraph({ case: then });
    const snapshot = { version: report.version, case: then, graph, analyses: new Map() };
    return this.analyseSnapshot(report, snapshot, maxOrder);
  }

  private async loadSnapshot(reportId: string): Promise<Snapshot> {
    const { report, case: c } = await this.cases.loadSnapshot({ id: reportId });
    return {
      version: report.version,
      case: c,
      graph: buildAnalysisGraph({ case: c }),
      analyses: new Map(),
    };
  }

  private analyseSnapshot(report: ReportEntity, s: Snapshot, maxOrder: number): ReportAnalysis {
    const started = Date.now();
    const analysis = analyseGraph({ graph: s.graph, maxOrder });
    const elapsed = Date.now() - started;
    if (elapsed > 200) {
      this.logger.log(
        `analysed '${report.key}' v${s.version} to order ${maxOrder} in ${elapsed} ms`,
      );
    }
    const { graph } = s;
    const margins = new Map(
      computeMargins({ analysis }).map((m): [string, NodeMargin] => [m.key, m]),
    );
    const indexOf = new Map(graph.keys.map((key, n) => [key, n]));
    return {
      reportId: report.id,
      reportKey: report.key,
      version: s.version,
      case: s.case,
      analysis,
      margins,
      knows: (key) => indexOf.has(key),
      holds: (key) => analysis.holds[indexOf.get(key)!] === 1,
      statusOf: (key) => {
        const n = indexOf.get(key)!;
        return graph.mitigationStatus[n] ?? graph.evidenceStatus[n] ?? null;
      },
      loadBearing: () => (s.loadBearing ??= indexLoadBearing(computeLoadBearingMap({ analysis }))),
    };
  }
}

function indexLoadBearing(map: LoadBearingMap): LoadBearingIndex {
  return {
    map,
    byArgument: new Map(map.byArgument.map((a) => [a.key, a])),
    byEvent: new Map(map.byEvent.map((e) => [e.key, e])),
  };
}

/** Per-request memo, so that a list of 5,000 margins reads the report's version once. */
export class RequestAnalyses {
  private readonly memo = new Map<string, Promise<ReportAnalysis>>();
  /** Report id → the instant `report(key, asOf)` asked about, for the fields of its nodes. */
  private readonly asOfByReport = new Map<string, Date>();

  constructor(private readonly service: ReportAnalysisService) {}

  /** Forgets the analyses read so far (asOf choices stay): after a write in the same request. */
  clear(): void {
    this.memo.clear();
  }

  setAsOf(reportId: string, asOf: Date): void {
    this.asOfByReport.set(reportId, asOf);
  }

  asOf(reportId: string): Date | undefined {
    return this.asOfByReport.get(reportId);
  }

  /** By report key (queries) or row id (fields of nodes, which follow their report's asOf). */
  get(
    ref: string | ReportRef,
    maxOrder: number = DEFAULT_MAX_ORDER,
    asOf?: Date,
  ): Promise<ReportAnalysis> {
    const at =
      asOf ?? (typeof ref !== 'string' && 'id' in ref ? this.asOfByReport.get(ref.id) : undefined);
    const key = `${JSON.stringify(ref)}:${maxOrder}:${at?.toISOString() ?? ''}`;
    let analysis = this.memo.get(key);
    if (!analysis) {
      analysis = this.service.analyse(ref, maxOrder, at);
      this.memo.set(key, analysis);
    }
    return analysis;
  }
}
