/**
 * Who may do what: the one table of permissions per role and per API operation. Pure (no
 * framework), so it is tested directly; the guard and the hook are its only callers.
 */

/** People's roles, from least to most; then the machine roles, each good for one endpoint. */
export const PERSON_ROLES = ['viewer', 'reviewer', 'editor', 'owner'] as const;
export const MACHINE_ROLES = ['hook', 'metrics'] as const;
export const ROLES = [...PERSON_ROLES, ...MACHINE_ROLES] as const;
export type Role = (typeof ROLES)[number];

export type Permission =
  /** Read a report, its analyses and its history; subscribe to its changes. */
  | 'read'
  /** Change the case: nodes, links, teams, the report's own fields, imports. */
  | 'edit'
  /** Change a mitigation's or evidence item's status. */
  | 'setStatus'
  /**
   * Take part in a review (SPEC §7): add findings, reply, move them along their states; ask
   * teams for information and close the requests.
   */
  | 'review'
  /** Answer information requests (SPEC §7): a team-scoped token, only its team's. */
  | 'answer'
  /** Confirm a response step (SPEC §8): a team-scoped token, only the steps its team acts in. */
  | 'confirm'
  /** Delete the report; list, create and revoke its tokens. */
  | 'manageAccess'
  /** Create a new report (only tokens not bound to one report). */
  | 'createReport'
  /** Post status changes through the Alertmanager hook. */
  | 'hook'
  /** Scrape /metrics. */
  | 'metrics';

const GRANTS: Record<Role, readonly Permission[]> = {
  viewer: ['read'],
  // Reads and takes part in reviews: findings, replies, the reviewer's side of their states.
  reviewer: ['read', 'review'],
  // Editors and owners are the report's authors: they answer findings.
  editor: ['read', 'edit', 'setStatus', 'review', 'answer', 'confirm'],
  owner: [
    'read',
    'edit',
    'setStatus',
    'review',
    'answer',
    'confirm',
    'manageAccess',
    'createReport',
  ],
  hook: ['hook'],
  metrics: ['metrics'],
};

/** What a request is authorised as: one token's grant. */
export interface Principal {
  readonly tokenId: string;
  readonly name: string;
  readonly role: Role;
  /** The one report the token is good for; null: every report. */
  readonly reportId: string | null;
  /** A team-scoped editor: may change the status of this team's mitigations, nothing else. */
  readonly team: string | null;
  /**
   * May read the title, statement, description and notes of restricted nodes. For a token bound
   * to a review, the review's clearance (`full`).
   */
  readonly clearance: boolean;
  /** A reviewer token bound to this review (its key) of its report: it acts in no other. */
  readonly review: string | null;
}

/** What is asked: a permission, on a report (unless the operation has none). */
export interface AccessRequest {
  readonly permission: Permission;
  /** The report's id; undefined for operations outside any report. */
  readonly reportId?: string;
  /** The mutation's input sets `restricted` (on or off): needs clearance. */
  readonly setsRestriction?: boolean;
  /** For a mitigation status change: the mitigation's team (null: no team). */
  readonly mitigationTeam?: string | null;
  /** A status change of evidence (team-scoped editors may change mitigations only). */
  readonly evidence?: boolean;
  /** The review the operation names (its `review` argument). */
  readonly review?: string;
  /** For an answer to an information request: the team asked (undefined: no such request). */
  readonly requestTeam?: string;
  /** For a step confirmation: the team that acts in it (null: none; undefined: no such step). */
  readonly stepTeam?: string | null;
}

export type Decision = { allowed: true } | { allowed: false; reason: string };

const ALLOW: Decision = { allowed: true };
const deny = (reason: string): Decision => ({ allowed: false, reason });

export function authorise(principal: Principal, request: AccessRequest): Decision {
  const { permission } = request;
  if (!GRANTS[principal.role].includes(permission)) {
    return deny(`the ${principal.role} role may not ${PERMISSION_WORDS[permission]}`);
  }
  if (permission === 'createReport' && principal.reportId !== null) {
    return deny('a token bound to one report may not create reports');
  }
  if (
    principal.reportId !== null &&
    request.reportId !== undefined &&
    request.reportId !== principal.reportId
  ) {
    return deny('this token is for another report');
  }
  if (
    principal.review !== null &&
    request.review !== undefined &&
    request.review !== principal.review
  ) {
    return deny('this token is for another review');
  }
  if (request.setsRestriction && !principal.clearance) {
    return deny('only a token with clearance may restrict a node or lift its restriction');
  }
  if (principal.team !== null) {
    if (permission === 'edit' || permission === 'review') {
      return deny(
        `a token scoped to team ${principal.team} may only change its mitigations' status, answer its requests and confirm its steps`,
      );
    }
    if (permission === 'answer' && request.requestTeam !== principal.team) {
      return deny(`a token scoped to team ${principal.team} may only answer that team's requests`);
    }
    if (permission === 'confirm' && request.stepTeam !== principal.team) {
      const actor =
        request.stepTeam === undefined
          ? ''
          : request.stepTeam === null
            ? ' (no team acts in this one)'
            : ` (team ${request.stepTeam} acts in this one)`;
      return deny(
        `a token scoped to team ${principal.team} may only confirm the steps that team acts in${actor}`,
      );
    }
    if (permission === 'setStatus') {
      if (request.evidence) {
        return deny(`a token scoped to team ${principal.team} may not change evidence`);
      }
      if (request.mitigationTeam !== principal.team) {
        return deny(
          `a token scoped to team ${principal.team} may only change that team's mitigations`,
        );
      }
    }
  }
  return ALLOW;
}

/**
 * Managing access (tokens, the audit log): of one report for its owners; with no report, of the
 * whole installation, for owners bound to no report (the ones who may create reports).
 */
export function authoriseManagement(principal: Principal, reportId: string | undefined): Decision {
  return reportId === undefined
    ? authorise(principal, { permission: 'createReport' })
    : authorise(principal, { permission: 'manageAccess', reportId });
}

const PERMISSION_WORDS: Record<Permission, string> = {
  read: 'read reports',
  edit: 'change the case',
  setStatus: 'change statuses',
  review: 'take part in reviews',
  answer: 'answer information requests',
  confirm: 'confirm response steps',
  manageAccess: 'manage access',
  createReport: 'create reports',
  hook: 'post to the status hook',
  metrics: 'scrape metrics',
};

/** How a root operation names its report: an argument, or the key inside a case file. */
export type ReportArgument = 'report' | 'key' | 'from' | 'document' | 'none';

export interface OperationPolicy {
  readonly permission: Permission;
  readonly report: ReportArgument;
  /** An argument naming another report the operation reads (a clone's source, a diff's side). */
  readonly alsoRead?: string;
}

const read = (report: ReportArgument = 'report'): OperationPolicy => ({
  permission: 'read',
  report,
});
const edit = (report: ReportArgument = 'report'): OperationPolicy => ({
  permission: 'edit',
  report,
});
const setStatus: OperationPolicy = { permission: 'setStatus', report: 'report' };
/** Owners only, checked here before anything is looked up; the resolver checks which report. */
const manage: OperationPolicy = { permission: 'manageAccess', report: 'none' };

/**
 * Every root field of the API. A test checks this table against the served schema, so a new
 * operation cannot go out without a decision here. `null`: any authenticated token (only `me`,
 * which answers the token itself).
 */
export const OPERATIONS: Record<string, OperationPolicy | null> = {
  'Query.reports': read('none'), // a report-bound token lists its one report
  'Query.report': read('key'),
  // Writes nothing, but parses a document of up to MAX_DOCUMENT_BYTES: for those who import.
  'Query.checkCase': edit('none'),
  'Query.cutSets': read(),
  'Query.loadBearingMatrix': read(),
  'Query.plan': read(),
  'Query.roadmap': read(),
  'Query.whatBreaks': read(),
  'Query.importance': read(),
  // Compares two reports: both must be readable.
  'Query.diffReports': { ...read('from'), alsoRead: 'to' },
  'Query.readiness': read(),
  'Query.reviewImpact': read(),
  'Query.exportReview': read(),
  'Query.me': null,
  'Query.accessTokens': manage, // lists the tokens the caller may manage
  'Query.auditLog': manage, // owners of the report asked for, or unbound owners for all
  'Subscription.argumentChanged': read(),
  'Subscription.statusChanged': read(),
  'Subscription.findingAdded': read(),
  'Subscription.informationRequestAnswered': read(),
  'Mutation.createReport': { permission: 'createReport', report: 'none' },
  'Mutation.updateReport': edit('key'),
  'Mutation.deleteReport': { permission: 'manageAccess', report: 'key' },
  'Mutation.importCase': edit('document'),
  // Creates a report from another: the source must be readable too (alsoRead).
  'Mutation.cloneReport': { permission: 'createReport', report: 'none', alsoRead: 'from' },
  // Freezing or retiring a report is the owners' decision, as deleting it is.
  'Mutation.publishReport': { permission: 'manageAccess', report: 'key' },
  'Mutation.archiveReport': { permission: 'manageAccess', report: 'key' },
  'Mutation.createTeam': edit(),
  'Mutation.updateTeam': edit(),
  'Mutation.deleteTeam': edit(),
  'Mutation.createPathway': edit(),
  'Mutation.updatePathway': edit(),
  'Mutation.deletePathway': edit(),
  'Mutation.createClaim': edit(),
  'Mutation.updateClaim': edit(),
  'Mutation.deleteClaim': edit(),
  'Mutation.createMitigation': edit(),
  'Mutation.updateMitigation': edit(),
  'Mutation.deleteMitigation': edit(),
  'Mutation.createEvidence': edit(),
  'Mutation.updateEvidence': edit(),
  'Mutation.deleteEvidence': edit(),
  'Mutation.addSupport': edit(),
  'Mutation.removeSupport': edit(),
  'Mutation.addDependency': edit(),
  'Mutation.removeDependency': edit(),
  'Mutation.setMitigationStatus': setStatus,
  'Mutation.setEvidenceStatus': setStatus,
  // Opening a review, and so deciding what its reviewers see, is the owners' decision.
  'Mutation.createReview': { permission: 'manageAccess', report: 'report' },
  'Mutation.closeReview': { permission: 'manageAccess', report: 'report' },
  'Mutation.addFinding': { permission: 'review', report: 'report' },
  'Mutation.replyToFinding': { permission: 'review', report: 'report' },
  'Mutation.transitionFinding': { permission: 'review', report: 'report' },
  // The authors record what they shared with the reviewer.
  'Mutation.recordShared': edit(),
  // Reviewers and authors ask; the team asked answers (a team-scoped token: its team's only).
  'Mutation.createInformationRequest': { permission: 'review', report: 'report' },
  'Mutation.answerInformationRequest': { permission: 'answer', report: 'report' },
  'Mutation.closeInformationRequest': { permission: 'review', report: 'report' },
  // SPEC §8: the acting team confirms its steps (editors any); asking for confirmations is asking.
  'Mutation.confirmStep': { permission: 'confirm', report: 'report' },
  'Mutation.requestStepConfirmations': { permission: 'review', report: 'report' },
  'Mutation.createAccessToken': manage, // checks manageAccess on the token's report
  'Mutation.revokeAccessToken': manage, // checks manageAccess on the token's report
};
