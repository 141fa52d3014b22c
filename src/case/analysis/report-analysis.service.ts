import { Injectable, Logger } from '@nestjs/common';
import {
  analyseGraph,
  analyseSuccessor,
  buildAnalysisGraph,
  computeLoadBearingMap,
  computeMargins,
  computeScenarioReports,
  DEFAULT_MAX_ORDER,
  graphWithStatuses,
  type AnalysisGraph,
  type CaseAnalysis,
  type LoadBearingMap,
  type NodeMargin,
  type ScenarioReport,
} from '../../core/analysis';
import type { ReportRef } from '../../storage/repositories/case-store';
import { CaseVersions, VersionDerived, type CaseVersion } from '../cases/case-versions';
import type { Case } from '../../core/case-model/case';
import { withStatusesAt } from '../../core/case-model/status-changes';
import { withOverdueFailed } from '../../core/case-model/verification';
import { applyDefeaters, type FindingsMode } from '../../core/review/apply-defeaters';
import { ReviewsRepository } from '../../storage/repositories/reviews.repository';
import { StatusHistoryRepository } from '../../storage/repositories/status-history.repository';
import { CurrentVersions, type RequestReports } from '../validity/current-versions';
import type { ReportEntity } from '../../storage/entities/report.entity';

/**
 * What an analysis is of, besides the version: the statuses in force at `asOf`, the review
 * findings that apply (SPEC §3.8), and whether controls overdue for verification count as failed
 * (SPEC §8). The default, the current statuses and nothing applied, is cached.
 */
export interface AnalysisView {
  readonly asOf?: Date;
  readonly findings?: FindingsMode;
  /** Only this review's findings (its key): a review-bound token sees its review's. */
  readonly review?: string;
  /** Mitigations overdue for verification (at asOf, else now) fail. */
  readonly overdueFails?: boolean;
}

const isCurrent = (view: AnalysisView) =>
  !view.asOf && (view.findings ?? 'none') === 'none' && !view.overdueFails;

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
  /** Each scenario's report (SPEC §8) by key, computed on first use. */
  readonly scenarios: () => ReadonlyMap<string, ScenarioReport>;
  /**
   * What `derivation` gives for this analysis and `arg` (a roadmap, a plan, a what-if),
   * computed once and kept with the analysis: the last DERIVED_PER_KIND arguments of each.
   */
  readonly derive: <A, T>(derivation: Derivation<A, T>, arg: A) => T;
}

/**
 * A result computed from one analysis and an argument (src/case/analysis/derivations.ts has
 * them), kept by ReportAnalysis.derive under the argument's key.
 */
export interface Derivation<A, T> {
  /** Arguments with the same key give the same result. */
  readonly keyOf: (arg: A) => string | number;
  readonly compute: (analysis: ReportAnalysis, arg: A) => T;
}

/** Results kept per analysis and derivation by ReportAnalysis.derive. */
export const DERIVED_PER_KIND = 32;

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
  /** The analyses computed so far, by maxOrder. */
  readonly computed: Map<number, ReportAnalysis>;
  loadBearing?: LoadBearingIndex;
}

/**
 * Each version's analysis graph and analyses, kept with the version (as long as it is cached).
 * After status changes alone, the graph is the one before with the new statuses.
 */
const SNAPSHOT = new VersionDerived(
  (version): Snapshot => snapshotOf(version, buildAnalysisGraph({ case: version.stored.case })),
  (before, _history, version) =>
    snapshotOf(version, graphWithStatuses({ graph: before.graph, case: version.stored.case })),
);

function snapshotOf(version: CaseVersion, graph: AnalysisGraph): Snapshot {
  return {
    version: version.report.version,
    case: version.stored.case,
    graph,
    analyses: new Map(),
    computed: new Map(),
  };
}

/**
 * Computes analyses once per report version and reuses them while the version is cached
 * (CaseVersions). Callers pass the version they read, so once a write has returned no answer
 * comes from an older version.
 */
@Injectable()
export class ReportAnalysisService {
  private readonly logger = new Logger(ReportAnalysisService.name);

  constructor(
    private readonly current: CurrentVersions,
    private readonly history: StatusHistoryRepository,
    private readonly reviews: ReviewsRepository,
    private readonly versions: CaseVersions,
  ) {
    // A version just written is analysed at once, as its first reader (the dashboard, live)
    // follows: that reader then waits for less of it.
    versions.onWritten((version) => {
      this.ofVersion(version, DEFAULT_MAX_ORDER)
        .then((analysis) => analysis.loadBearing())
        .catch((e: unknown) => this.logger.error(`analysing a new version failed: ${String(e)}`));
    });
  }

  /** The current analysis of a report (metrics, diagrams); requests go through RequestAnalyses. */
  async analyse(
    ref: string | ReportRef,
    maxOrder: number = DEFAULT_MAX_ORDER,
    view: AnalysisView = {},
  ) {
    const { report, version } = await this.current.get(ref);
    return isCurrent(view)
      ? this.ofVersion(version, maxOrder)
      : this.analyseIn(report, version, maxOrder, view);
  }

  /** A version's analysis to `maxOrder`, computed on first use. */
  ofVersion(version: CaseVersion, maxOrder: number): Promise<ReportAnalysis> {
    const s = version.derive(SNAPSHOT);
    let analysis = s.analyses.get(maxOrder);
    if (!analysis) {
      const snapshot = s;
      analysis = Promise.resolve().then(() => {
        // The version before it, if kept and analysed: after a status change, the new analysis
        // starts from it (a small part of the work).
        const before = this.versions.predecessor(version);
        const previous = before && this.computedFor(before, maxOrder)?.analysis;
        const result = this.analyseSnapshot(version.report, snapshot, maxOrder, previous);
        snapshot.computed.set(maxOrder, result);
        return result;
      });
      s.analyses.set(maxOrder, analysis);
      analysis.catch(() => snapshot.analyses.delete(maxOrder));
    }
    return analysis;
  }

  /** A version's analysis to `maxOrder` if it has been computed (ofVersion), without a promise. */
  computedFor(version: CaseVersion, maxOrder: number): ReportAnalysis | undefined {
    return version.derivedSoFar(SNAPSHOT)?.computed.get(maxOrder);
  }

  /**
   * With the statuses in force at `asOf`, the findings that apply under `findings` and overdue
   * controls failed under `overdueFails` (not cached: history is unbounded, findings change
   * with no new version, and verification falls due with time).
   */
  async analyseIn(
    report: ReportEntity,
    version: CaseVersion,
    maxOrder: number,
    view: AnalysisView,
  ): Promise<ReportAnalysis> {
    let then = version.stored.case;
    if (view.asOf) {
      const statuses = await this.history.statusesAt(report.id, view.asOf);
      then = withStatusesAt({ case: then, statuses });
    }
    if (view.findings && view.findings !== 'none') {
      then = applyDefeaters(
        then,
        await this.reviews.defeatersOf(report.id, view.findings, view.review),
      );
    }
    if (view.overdueFails) {
      then = withOverdueFailed(then, (view.asOf ?? new Date()).getTime()).case;
    }
    const graph = buildAnalysisGraph({ case: then });
    const snapshot = {
      version: version.report.version,
      case: then,
      graph,
      analyses: new Map(),
      computed: new Map(),
    };
    return this.analyseSnapshot(report, snapshot, maxOrder);
  }

  /** Analyses `s`, from `previous` (an analysis of another state of the report) if given. */
  private analyseSnapshot(
    report: ReportEntity,
    s: Snapshot,
    maxOrder: number,
    previous?: CaseAnalysis,
  ): ReportAnalysis {
    const started = Date.now();
    const analysis = previous
      ? analyseSuccessor({ previous, graph: s.graph, maxOrder })
      : analyseGraph({ graph: s.graph, maxOrder });
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
    let scenarios: ReadonlyMap<string, ScenarioReport> | undefined;
    const self: ReportAnalysis = {
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
      // Per analysis, not per version: a scenario's margin depends on maxOrder.
      scenarios: () =>
        (scenarios ??= new Map(computeScenarioReports({ analysis }).map((r) => [r.key, r]))),
      derive: derivedFrom(() => self),
    };
    return self;
  }
}

/** ReportAnalysis.derive for one analysis: each derivation's results by argument key. */
export function derivedFrom(analysis: () => ReportAnalysis): ReportAnalysis['derive'] {
  // The derivation fixes its results' type, so the casts below hold.
  const derived = new Map<Derivation<never, unknown>, Map<string | number, unknown>>();
  return <A, T>(derivation: Derivation<A, T>, arg: A): T => {
    let results = derived.get(derivation);
    if (!results) derived.set(derivation, (results = new Map<string | number, unknown>()));
    const key = derivation.keyOf(arg);
    if (results.has(key)) return results.get(key) as T;
    const value = derivation.compute(analysis(), arg);
    results.set(key, value);
    if (results.size > DERIVED_PER_KIND) results.delete(results.keys().next().value!);
    return value;
  };
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
  /** The analyses `get` has answered, by the same keys: for fields that need no promise. */
  private readonly answered = new Map<string, ReportAnalysis>();
  /** Report id → what `report(key, asOf, findings)` asked about, for the fields of its nodes. */
  private readonly viewByReport = new Map<string, AnalysisView>();

  /**
   * `reviewScope`: the review the request's token is bound to, if any: its findings alone apply
   * under `findings:`.
   */
  constructor(
    private readonly service: ReportAnalysisService,
    private readonly reports: RequestReports,
    private readonly reviewScope: () => Promise<string | null> = () => Promise.resolve(null),
  ) {}

  /** Forgets the analyses read so far (asOf choices stay): after a write in the same request. */
  clear(): void {
    this.memo.clear();
    this.answered.clear();
  }

  setView(reportId: string, view: AnalysisView): void {
    this.viewByReport.set(reportId, view);
  }

  asOf(reportId: string): Date | undefined {
    return this.viewByReport.get(reportId)?.asOf;
  }

  /** By report key (queries) or row id (fields of nodes, which follow their report's asOf). */
  get(
    ref: string | ReportRef,
    maxOrder: number = DEFAULT_MAX_ORDER,
    view?: AnalysisView,
  ): Promise<ReportAnalysis> {
    const at =
      view ??
      (typeof ref !== 'string' && 'id' in ref ? this.viewByReport.get(ref.id) : undefined) ??
      {};
    const key = memoKey(ref, maxOrder, at);
    let analysis = this.reports.memoises ? this.memo.get(key) : undefined;
    if (!analysis) {
      analysis = this.reports.get(ref).then(async ({ report, version }) =>
        isCurrent(at)
          ? this.service.ofVersion(version, maxOrder)
          : this.service.analyseIn(report, version, maxOrder, {
              ...at,
              review: (await this.reviewScope()) ?? undefined,
            }),
      );
      if (this.reports.memoises) {
        this.memo.set(key, analysis);
        void analysis.then(
          (answer) => this.memo.get(key) === analysis && this.answered.set(key, answer),
          () => undefined,
        );
      }
    }
    return analysis;
  }

  /**
   * What `get({ id: reportId }, maxOrder)` has already answered in this request, if it has:
   * the fields of a report's nodes read it hundreds of times, without waiting on a promise.
   */
  answeredFor(reportId: string, maxOrder: number): ReportAnalysis | undefined {
    const view = this.viewByReport.get(reportId) ?? {};
    // Usually computed before the request (a written version is analysed at once).
    const read = isCurrent(view) ? this.reports.readBefore({ id: reportId }) : undefined;
    return (
      (read && this.service.computedFor(read.version, maxOrder)) ??
      this.answered.get(memoKey({ id: reportId }, maxOrder, view))
    );
  }
}

function memoKey(ref: string | ReportRef, maxOrder: number, view: AnalysisView): string {
  const report =
    typeof ref === 'string' ? `key:${ref}` : 'id' in ref ? `id:${ref.id}` : `key:${ref.key}`;
  const overdue = view.overdueFails ? ':overdueFails' : '';
  return `${report}:${maxOrder}:${view.asOf?.toISOString() ?? ''}:${view.findings ?? 'none'}${overdue}`;
}
