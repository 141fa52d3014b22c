// The GraphQL documents the dashboard sends, with the shapes of their answers.

export interface NodeRef {
  key: string;
  title?: string;
  statement?: string;
}

export const REPORTS = `query Reports { me { name role } reports { key title model } }`;
export interface ReportsData {
  me: { name: string; role: string };
  reports: { key: string; title: string; model: string | null }[];
}

export const OVERVIEW = `query Overview($report: String!) {
  report(key: $report) {
    key title model version
    counts { pathways claims mitigations evidence }
    pathways {
      key title holds margin requires atLeast
      loadBearing { key title team }
      loadBearingEvidence { key title }
    }
    history(limit: 10) { at key nodeKind from to source actor note }
    expiringEvidence(withinDays: 30) { key title validUntil }
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
    counts: { pathways: number; claims: number; mitigations: number; evidence: number };
    pathways: OverviewPathway[];
    history: StatusChange[];
    expiringEvidence: { key: string; title: string; validUntil: string }[];
  } | null;
}

export const MATRIX = `query Matrix($report: String!) {
  loadBearingMatrix(report: $report) {
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

export const FAILABLE = `query Failable($report: String!) {
  report(key: $report) {
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

export const WHAT_BREAKS = `query WhatBreaks($report: String!, $failed: [String!]!) {
  whatBreaks(report: $report, failed: $failed) {
    alsoFailed { key title }
    brokenPathways { key title }
    brokenClaims { key statement }
    weakened { key nodeKind before after }
  }
}`;
export interface WhatBreaksResult {
  alsoFailed: { key: string; title: string }[];
  brokenPathways: { key: string; title: string }[];
  brokenClaims: { key: string; statement: string }[];
  weakened: { key: string; nodeKind: string; before: number | null; after: number | null }[];
}
export interface WhatBreaksData {
  whatBreaks: WhatBreaksResult;
}

export const ROADMAP = `query Roadmap($report: String!, $order: RoadmapOrder!, $budget: Float!) {
  roadmap(report: $report, order: $order, limit: 50) {
    rank cost argumentsStrengthened
    mitigation { key title team status }
    bundle { key }
    missingEffort { key }
    pathwaysStrengthened { key title }
    newlyHolding { key title }
  }
  plan(report: $report, order: $order, budget: $budget) {
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

export const PATHWAY_LIST = `query PathwayList($report: String!) {
  report(key: $report) { pathways { key title holds } }
}`;
export interface PathwayListData {
  report: { pathways: { key: string; title: string; holds: boolean }[] } | null;
}

export const DIAGRAM = `query Diagram($report: String!, $pathway: String!, $format: DiagramFormat!, $failed: [String!]!) {
  report(key: $report) { diagram(format: $format, pathway: $pathway, failed: $failed) }
}`;
export type DiagramFormat = 'SVG' | 'DOT' | 'MERMAID';
export interface DiagramData {
  report: { diagram: string } | null;
}

export const PROBABILITIES = `query Probabilities($report: String!, $defaultProbability: Float) {
  report(key: $report) {
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

export const IMPORTANCE = `query Importance($report: String!, $pathway: String!, $defaultProbability: Float) {
  importance(report: $report, pathway: $pathway, defaultProbability: $defaultProbability) {
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
