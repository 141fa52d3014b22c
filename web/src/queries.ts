// The GraphQL documents the dashboard sends, with the shapes of their answers.

export interface NodeRef {
  key: string;
  title?: string;
  statement?: string;
}

export const REPORTS = `query Reports { me { name role } reports { key title model state previous } }`;
export type ReportState = 'draft' | 'published' | 'archived';
export interface ReportSummary {
  key: string;
  title: string;
  model: string | null;
  state: ReportState;
  previous: string | null;
}
export interface ReportsData {
  me: { name: string; role: string };
  reports: ReportSummary[];
}

export const OVERVIEW = `query Overview($report: String!, $findings: FindingsMode!) {
  report(key: $report, findings: $findings) {
    key title model version state previous
    counts { pathways claims mitigations evidence }
    pathways {
      key title holds margin requires atLeast
      loadBearing { key title team }
      loadBearingEvidence { key title }
    }
    history(limit: 10) { at key nodeKind from to source actor note }
    expiringEvidence(withinDays: 30) { key title validUntil }
    verificationDue(withinDays: 30) { key title team verificationDue verificationOverdue }
  }
}`;
export interface OverviewPathway {
  key: string;
  title: string;
  holds: boolean;
  margin: number | null;
  requires: string;
  atLeast: number | null;
  loadBearing: { key: string; title: string; team: string | null }[];
  loadBearingEvidence: { key: string; title: string }[];
}
export interface StatusChange {
  at: string;
  key: string;
  nodeKind: string;
  from: string | null;
  to: string;
  source: string;
  actor: string | null;
  note: string | null;
}
export interface OverviewData {
  report: {
    key: string;
    title: string;
    model: string | null;
    version: number;
    state: ReportState;
    previous: string | null;
    counts: { pathways: number; claims: number; mitigations: number; evidence: number };
    pathways: OverviewPathway[];
    history: StatusChange[];
    expiringEvidence: { key: string; title: string; validUntil: string }[];
    /** In place, verification due within 30 days or overdue (null due: never verified). */
    verificationDue: {
      key: string;
      title: string;
      team: string | null;
      verificationDue: string | null;
      verificationOverdue: boolean;
    }[];
  } | null;
}

export const MATRIX = `query Matrix($report: String!, $findings: FindingsMode!) {
  loadBearingMatrix(report: $report, findings: $findings) {
    columns { holds margin pathway { key title } }
    rows { cells loadBearingCount mitigation { key title team kind status holds } }
  }
}`;
export interface MatrixRow {
  cells: boolean[];
  loadBearingCount: number;
  mitigation: {
    key: string;
    title: string;
    team: string | null;
    kind: string;
    status: string;
    holds: boolean;
  };
}
export interface MatrixData {
  loadBearingMatrix: {
    columns: { holds: boolean; margin: number | null; pathway: { key: string; title: string } }[];
    rows: MatrixRow[];
  };
}

export const TEAM_CONTROLS = `query TeamControls($report: String!) {
  report(key: $report) {
    teams {
      key name
      mitigations {
        key title status holds
        loadBearingFor { key title }
        loadBearingForClaims { key statement }
      }
    }
  }
}`;
export interface TeamControlsData {
  report: {
    teams: {
      key: string;
      name: string | null;
      mitigations: {
        key: string;
        title: string;
        status: string;
        holds: boolean;
        loadBearingFor: { key: string; title: string }[];
        loadBearingForClaims: { key: string; statement: string }[];
      }[];
    }[];
  } | null;
}

export const FAILABLE = `query Failable($report: String!, $findings: FindingsMode!) {
  report(key: $report, findings: $findings) {
    mitigations { key title holds }
    evidence { key title holds }
  }
}`;
export interface FailableData {
  report: {
    mitigations: { key: string; title: string; holds: boolean }[];
    evidence: { key: string; title: string; holds: boolean }[];
  } | null;
}

export const WHAT_BREAKS = `query WhatBreaks($report: String!, $failed: [String!]!, $latencies: [LatencyOverrideInput!], $findings: FindingsMode!) {
  whatBreaks(report: $report, failed: $failed, latencies: $latencies, findings: $findings) {
    alsoFailed { key title }
    brokenPathways { key title }
    brokenClaims { key statement }
    brokenScenarios { key title }
    weakened { key nodeKind before after }
  }
}`;
/** whatBreaks' `latencies` (SPEC §8): every response step of the mitigation takes this long. */
export interface LatencyOverride {
  mitigation: string;
  /** A duration (30s, 5m, 4h, 3d) or whole seconds. */
  latency: string;
}
export interface WhatBreaksResult {
  alsoFailed: { key: string; title: string }[];
  brokenPathways: { key: string; title: string }[];
  brokenClaims: { key: string; statement: string }[];
  brokenScenarios: { key: string; title: string }[];
  weakened: { key: string; nodeKind: string; before: number | null; after: number | null }[];
}
export interface WhatBreaksData {
  whatBreaks: WhatBreaksResult;
}

export const ROADMAP = `query Roadmap($report: String!, $order: RoadmapOrder!, $budget: Float!, $findings: FindingsMode!) {
  roadmap(report: $report, order: $order, limit: 50, findings: $findings) {
    rank cost argumentsStrengthened
    mitigation { key title team status }
    bundle { key }
    missingEffort { key }
    pathwaysStrengthened { key title }
    newlyHolding { key title }
  }
  plan(report: $report, order: $order, budget: $budget, findings: $findings) {
    budget spent
    steps { step cumulativeCost cumulativeArgumentsStrengthened item { cost mitigation { key title } } }
  }
}`;
export interface RoadmapItem {
  rank: number;
  cost: number;
  argumentsStrengthened: number;
  mitigation: { key: string; title: string; team: string | null; status: string };
  bundle: { key: string }[];
  missingEffort: { key: string }[];
  pathwaysStrengthened: { key: string; title: string }[];
  newlyHolding: { key: string; title: string }[];
}
export interface RoadmapData {
  roadmap: RoadmapItem[];
  plan: {
    budget: number;
    spent: number;
    steps: {
      step: number;
      cumulativeCost: number;
      cumulativeArgumentsStrengthened: number;
      item: { cost: number; mitigation: { key: string; title: string } };
    }[];
  };
}

export const PATHWAY_LIST = `query PathwayList($report: String!, $findings: FindingsMode!) {
  report(key: $report, findings: $findings) { pathways { key title holds } }
}`;
export interface PathwayListData {
  report: { pathways: { key: string; title: string; holds: boolean }[] } | null;
}

export const DIAGRAM = `query Diagram($report: String!, $pathway: String!, $format: DiagramFormat!, $failed: [String!]!, $findings: FindingsMode!) {
  report(key: $report, findings: $findings) { diagram(format: $format, pathway: $pathway, failed: $failed) }
}`;
export type DiagramFormat = 'SVG' | 'DOT' | 'MERMAID';
export interface DiagramData {
  report: { diagram: string } | null;
}

export const PROBABILITIES = `query Probabilities($report: String!, $defaultProbability: Float, $findings: FindingsMode!) {
  report(key: $report, findings: $findings) {
    pathways { key title holds probability(defaultProbability: $defaultProbability) { exact rareEvent mcub defaultProbabilityUsedBy } }
  }
}`;
export interface ProbabilitiesData {
  report: {
    pathways: {
      key: string;
      title: string;
      holds: boolean;
      probability: {
        exact: number;
        rareEvent: number;
        mcub: number;
        defaultProbabilityUsedBy: string[];
      };
    }[];
  };
}

export const IMPORTANCE = `query Importance($report: String!, $pathway: String!, $defaultProbability: Float, $findings: FindingsMode!) {
  importance(report: $report, pathway: $pathway, defaultProbability: $defaultProbability, findings: $findings) {
    key mif cif dif raw rrw node { nodeKind }
  }
}`;
export interface ImportanceData {
  importance: {
    key: string;
    mif: number;
    cif: number;
    dif: number;
    raw: number;
    rrw: number;
    node: { nodeKind: string };
  }[];
}

export const DIFF_REPORTS = `query DiffReports($from: String!, $to: String!) {
  diffReports(from: $from, to: $to) {
    from to
    structure {
      report { field before after }
      teams { added removed changed { key changes { field } } }
      added { key kind }
      removed { key kind }
      renamed { kind from to }
      splits { from into }
      merges { from into }
      changed { key previousKey kind changes { field before after } }
      links { added { node relation target } removed { node relation target } }
    }
    analysis {
      maxOrder
      arguments { key previousKey kind before { holds margin } after { holds margin } }
      loadBearing { appeared { argument loadBearing } disappeared { argument loadBearing } }
      roadmap {
        before { rank key argumentsStrengthened cost }
        after { rank key argumentsStrengthened cost }
      }
    }
    summary {
      regressions { key previousKey kind reason }
      structuralChanges argumentsChanged
    }
  }
}`;
export type NodeKind = 'pathway' | 'claim' | 'mitigation' | 'evidence';
export type ArgumentKind = 'pathway' | 'claim';
export interface ArgumentState {
  holds: boolean;
  margin: number | null;
}
export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}
export interface ArgumentShift {
  key: string | null;
  previousKey: string | null;
  kind: ArgumentKind;
  before: ArgumentState | null;
  after: ArgumentState | null;
}
export interface LoadBearingPair {
  argument: string;
  loadBearing: string;
}
export interface CaseLink {
  node: string;
  relation: string;
  target: string;
}
export interface RoadmapEntry {
  rank: number;
  key: string;
  argumentsStrengthened: number;
  cost: number;
}
export interface ReportDiff {
  from: string;
  to: string;
  structure: {
    report: FieldChange[];
    teams: {
      added: string[];
      removed: string[];
      changed: { key: string; changes: { field: string }[] }[];
    };
    added: { key: string; kind: NodeKind }[];
    removed: { key: string; kind: NodeKind }[];
    renamed: { kind: NodeKind; from: string; to: string }[];
    splits: { from: string; into: string[] }[];
    merges: { from: string[]; into: string }[];
    changed: { key: string; previousKey: string; kind: NodeKind; changes: FieldChange[] }[];
    links: { added: CaseLink[]; removed: CaseLink[] };
  };
  analysis: {
    maxOrder: number;
    arguments: ArgumentShift[];
    loadBearing: { appeared: LoadBearingPair[]; disappeared: LoadBearingPair[] };
    roadmap: { before: RoadmapEntry[]; after: RoadmapEntry[] };
  };
  summary: {
    regressions: {
      key: string;
      previousKey: string;
      kind: ArgumentKind;
      reason: 'lostHolding' | 'marginDecreased';
    }[];
    structuralChanges: number;
    argumentsChanged: number;
  };
}
export interface DiffReportsData {
  diffReports: ReportDiff;
}

export const READINESS = `query Readiness($report: String!, $findings: FindingsMode!) {
  readiness(report: $report, findings: $findings) {
    report state ready
    pathwaysNotHolding { key title }
    claimsNotHolding { key statement }
    evidenceToRedo { evidence { key title } status scope effort }
    plan {
      rank cost missingEffort argumentsRestored exact
      evidence { key title }
      pathwaysRestored { key }
      newlyHoldingPathways { key title }
      newlyHoldingClaims { key }
    }
  }
}`;
export interface ReadinessPlanItem {
  rank: number;
  cost: number;
  missingEffort: boolean;
  argumentsRestored: number;
  exact: boolean;
  evidence: { key: string; title: string };
  pathwaysRestored: { key: string }[];
  newlyHoldingPathways: { key: string; title: string }[];
  newlyHoldingClaims: { key: string }[];
}
export interface ReadinessData {
  readiness: {
    report: string;
    state: ReportState;
    ready: boolean;
    pathwaysNotHolding: { key: string; title: string }[];
    claimsNotHolding: { key: string; statement: string }[];
    evidenceToRedo: {
      evidence: { key: string; title: string };
      status: string;
      scope: 'model' | 'standing';
      effort: number | null;
    }[];
    plan: ReadinessPlanItem[];
  };
}

export const REVIEWS = `query Reviews($report: String!) {
  report(key: $report) {
    reviews {
      key title reviewer kind clearance state createdAt closedAt
      findings {
        number node link { from to } kind defeats state body author createdAt
        replies { id parentId author body movedTo createdAt }
      }
    }
  }
}`;
export type FindingState = 'open' | 'addressed' | 'resolved' | 'accepted' | 'withdrawn';
export interface FindingReply {
  id: string;
  parentId: string | null;
  author: string | null;
  body: string;
  movedTo: FindingState | null;
  createdAt: string;
}
export interface Finding {
  number: number;
  /** The node it is on; null when it is on a support link. */
  node: string | null;
  link: { from: string; to: string } | null;
  kind: 'question' | 'comment' | 'defeater';
  defeats: 'rebutting' | 'undermining' | 'undercutting' | null;
  state: FindingState;
  body: string;
  author: string | null;
  createdAt: string;
  replies: FindingReply[];
}
export interface Review {
  key: string;
  title: string;
  reviewer: string;
  kind: 'internal' | 'external';
  clearance: 'full' | 'redacted';
  state: 'open' | 'closed';
  createdAt: string;
  closedAt: string | null;
  findings: Finding[];
}
export interface ReviewsData {
  report: { reviews: Review[] } | null;
}

/** Every finding with where it is, for the badges on the nodes they attach to. */
export const FINDING_TARGETS = `query FindingTargets($report: String!) {
  report(key: $report) { reviews { key state findings { number node link { from to } state } } }
}`;
export interface FindingTargetsData {
  report: {
    reviews: {
      key: string;
      state: 'open' | 'closed';
      findings: Pick<Finding, 'number' | 'node' | 'link' | 'state'>[];
    }[];
  } | null;
}

export const REVIEW_IMPACT = `query ReviewImpact($report: String!, $review: String!) {
  reviewImpact(report: $report, review: $review) {
    defeaters
    brokenPathways { key title }
    brokenClaims { key statement }
    weakened { key nodeKind before after }
  }
}`;
export interface ReviewImpactData {
  reviewImpact: {
    defeaters: number;
    brokenPathways: { key: string; title: string }[];
    brokenClaims: { key: string; statement: string }[];
    weakened: { key: string; nodeKind: string; before: number | null; after: number | null }[];
  };
}

export const EXPORT_REVIEW = `query ExportReview($report: String!, $review: String!) {
  exportReview(report: $report, review: $review, format: MARKDOWN)
}`;
export interface ExportReviewData {
  exportReview: string;
}

export const TEAMS = `query Teams($report: String!) { report(key: $report) { teams { key name } } }`;
export interface TeamsData {
  report: { teams: { key: string; name: string | null }[] } | null;
}

export const TEAM_REQUESTS = `query TeamRequests($report: String!, $team: String!) {
  report(key: $report) {
    informationRequests(team: $team, state: open) {
      number question nodes dueAt overdue review askedBy createdAt
    }
  }
}`;
export interface InformationRequest {
  number: number;
  question: string;
  nodes: string[];
  dueAt: string;
  overdue: boolean;
  /** The review it serves; null: the information gathering (SPEC §8). */
  review: string | null;
  askedBy: string | null;
  createdAt: string;
}
export interface TeamRequestsData {
  report: { informationRequests: InformationRequest[] } | null;
}

export const SCENARIOS = `query Scenarios($report: String!, $findings: FindingsMode!) {
  report(key: $report, findings: $findings) {
    pathways { key title holds }
    scenarios {
      key title description holds timeToHarm fastestChain responseMargin
      pathway { key }
      chains {
        index latency fastEnough holds
        steps {
          team action latency automatic paged
          mitigation { key title status holds }
          confirmed { by at note }
        }
      }
    }
  }
}`;
export type StepAction = 'detects' | 'notifies' | 'escalates' | 'responds' | 'contains';
export interface ResponseStep {
  team: string | null;
  action: StepAction;
  /** Seconds from the previous step (or from the behaviour, for the first). */
  latency: number;
  automatic: boolean;
  paged: boolean;
  mitigation: { key: string; title: string; status: string; holds: boolean };
  /** Who confirmed the step for their team; null while unconfirmed (SPEC §8). */
  confirmed: { by: string; at: string; note: string | null } | null;
}
export interface ResponseChain {
  index: number;
  /** Seconds, the sum of its steps' latencies. */
  latency: number;
  fastEnough: boolean;
  holds: boolean;
  steps: ResponseStep[];
}
export interface Scenario {
  key: string;
  title: string;
  description: string | null;
  holds: boolean;
  /** Seconds. */
  timeToHarm: number;
  /** The index of the fastest holding chain; null when none holds. */
  fastestChain: number | null;
  /** Seconds: timeToHarm minus the fastest holding chain's latency; null when none holds. */
  responseMargin: number | null;
  pathway: { key: string };
  chains: ResponseChain[];
}
export interface ScenariosData {
  report: {
    pathways: { key: string; title: string; holds: boolean }[];
    scenarios: Scenario[];
  } | null;
}

/** Per pathway, how far the information gathering has come (SPEC §8). */
export const GATHERING_PROGRESS = `query GatheringProgress($report: String!) {
  report(key: $report) { gatheringProgress { pathway { key title } scenarios steps confirmed } }
}`;
export interface GatheringProgress {
  pathway: { key: string; title: string };
  scenarios: number;
  steps: number;
  confirmed: number;
}
export interface GatheringProgressData {
  report: { gatheringProgress: GatheringProgress[] } | null;
}
