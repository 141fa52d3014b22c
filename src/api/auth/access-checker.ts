import { Injectable } from '@nestjs/common';
import { AuditService } from '../../case/audit/audit.service';
import { DomainError, DomainErrorCode } from '../../core/shared/domain-error';
import { authorise, OPERATIONS, type AccessRequest, type Principal } from '../../case/auth/policy';
import { previousReportOf, reportKeyOf } from '../../case/auth/operation-report';
import type { RequestAuth } from '../../case/auth/request-auth';
import { AUTHENTICATION_MESSAGES, TokensService } from '../../case/auth/tokens.service';

/**
 * Applies the policy to one GraphQL root operation: authenticates, finds the report it is about
 * and what it touches, and throws UNAUTHENTICATED or FORBIDDEN. The guard calls it for queries
 * and mutations, the WebSocket server for each subscription.
 */
@Injectable()
export class AccessChecker {
  constructor(
    private readonly tokens: TokensService,
    private readonly audit: AuditService,
  ) {}

  /** `reportIdOf`: a request's memo of report rows; by default, a query each time. */
  async check(
    auth: RequestAuth,
    operation: string,
    args: Record<string, unknown>,
    reportIdOf: (key: string) => Promise<string | undefined> = (key) => this.tokens.reportIdOf(key),
  ): Promise<void> {
    const authenticated = await auth.resolve();
    if (typeof authenticated === 'string') {
      throw new DomainError(
        DomainErrorCode.UNAUTHENTICATED,
        AUTHENTICATION_MESSAGES[authenticated],
      );
    }
    const policy = OPERATIONS[operation];
    if (policy === undefined) {
      throw new DomainError(DomainErrorCode.FORBIDDEN, `no access rule covers ${operation}`);
    }
    if (policy === null) return;

    const reportKey = reportKeyOf(policy.report, args);
    const reportId = reportKey === undefined ? undefined : await reportIdOf(reportKey);
    const request: AccessRequest = {
      // Importing a case under a new key creates that report.
      permission:
        policy.report === 'document' && reportId === undefined ? 'createReport' : policy.permission,
      // A key that names no report: unbound tokens go on (to NOT_FOUND); bound ones stop here.
      reportId: reportKey === undefined ? undefined : (reportId ?? 'none'),
      setsRestriction: setsRestriction(args),
      review: typeof args.review === 'string' ? args.review : undefined,
      ...(await this.statusTarget(operation, authenticated, reportId, args)),
      ...(await this.requestTarget(operation, authenticated, reportId, args)),
      ...(await this.stepTarget(operation, authenticated, reportId, args)),
    };
    let decision = authorise(authenticated, request);
    const named = policy.alsoRead === undefined ? undefined : args[policy.alsoRead];
    // Another report the operation reads: its `alsoRead` argument, or the report a case file or
    // report edit says it iterates on (its lineage is checked against it).
    const previous =
      previousReportOf(args) ?? (await this.previousOfEditedLineage(authenticated, reportId, args));
    for (const other of [named, previous]) {
      if (!decision.allowed || typeof other !== 'string') continue;
      const otherId = await reportIdOf(other);
      // An unknown key: unbound tokens go on (to NOT_FOUND); bound ones stop here, so whether
      // it exists is not told.
      decision = authorise(authenticated, { permission: 'read', reportId: otherId ?? 'none' });
      if (!decision.allowed && other === previous) {
        decision = {
          allowed: false,
          reason: `the case iterates on report '${other}', which this token may not read (its lineage is checked against it)`,
        };
      }
    }
    if (!decision.allowed) {
      if (operation.startsWith('Mutation.')) {
        const [, name] = operation.split('.');
        await this.audit.record({
          principal: authenticated,
          operation: name,
          args,
          outcome: 'FORBIDDEN',
        });
      }
      throw new DomainError(DomainErrorCode.FORBIDDEN, decision.reason);
    }
  }

  /**
   * A node edit that sets previousKeys is checked against the report's previous report: for a
   * token bound to one report, that one (an unbound token may read it anyway).
   */
  private async previousOfEditedLineage(
    principal: Principal,
    reportId: string | undefined,
    args: Record<string, unknown>,
  ): Promise<string | undefined> {
    const input = args.input as { previousKeys?: unknown } | null | undefined;
    if (principal.reportId === null || !reportId || !Array.isArray(input?.previousKeys)) {
      return undefined;
    }
    return (await this.tokens.previousOf(reportId)) ?? undefined;
  }

  /** What a team-scoped editor's status change touches: evidence, or a mitigation's team. */
  private async statusTarget(
    operation: string,
    principal: Principal,
    reportId: string | undefined,
    args: Record<string, unknown>,
  ): Promise<Pick<AccessRequest, 'evidence' | 'mitigationTeam'>> {
    if (operation === 'Mutation.setEvidenceStatus') return { evidence: true };
    if (operation !== 'Mutation.setMitigationStatus' || principal.team === null || !reportId) {
      return {};
    }
    return { mitigationTeam: await this.tokens.mitigationTeam(reportId, String(args.key)) };
  }

  /** Which team a team-scoped token's answer goes to: the request's. */
  private async requestTarget(
    operation: string,
    principal: Principal,
    reportId: string | undefined,
    args: Record<string, unknown>,
  ): Promise<Pick<AccessRequest, 'requestTeam'>> {
    if (operation !== 'Mutation.answerInformationRequest' || principal.team === null) return {};
    const number = Number(args.request);
    if (!reportId || !Number.isSafeInteger(number)) return {};
    return { requestTeam: await this.tokens.requestTeam(reportId, number) };
  }

  /** Which team acts in the step a team-scoped token confirms. */
  private async stepTarget(
    operation: string,
    principal: Principal,
    reportId: string | undefined,
    args: Record<string, unknown>,
  ): Promise<Pick<AccessRequest, 'stepTeam'>> {
    if (operation !== 'Mutation.confirmStep' || principal.team === null || !reportId) return {};
    const ref = {
      scenario: String(args.scenario),
      chain: Number(args.chain),
      step: Number(args.step),
    };
    return { stepTeam: await this.tokens.stepTeam(reportId, ref) };
  }
}

/** Whether a mutation's `input` sets `restricted`, on any kind of node, to either value. */
function setsRestriction(args: Record<string, unknown>): boolean {
  const { input } = args;
  if (typeof input !== 'object' || input === null) return false;
  const { restricted } = input as { restricted?: unknown };
  return restricted !== undefined && restricted !== null;
}
