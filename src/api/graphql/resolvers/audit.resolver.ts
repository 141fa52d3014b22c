import { Args, Context, Int, Query, Resolver } from '@nestjs/graphql';
import { authoriseManagement } from '../../../case/auth/policy';
import { TokensService } from '../../../case/auth/tokens.service';
import { DomainError, DomainErrorCode } from '../../../core/shared/domain-error';
import type { GqlContext } from '../context/context';
import { AuditEntry } from '../models/audit-entry.model';
import { AuditService } from '../../../case/audit/audit.service';
import { redactAuditArguments } from '../../../case/audit/redact-audit-arguments';
import type { AuditEntryEntity } from '../../../storage/entities/audit-entry.entity';
import { viewOf, type CaseView } from '../models/case-view';

@Resolver(() => AuditEntry)
export class AuditResolver {
  constructor(
    private readonly audit: AuditService,
    private readonly tokens: TokensService,
  ) {}

  @Query(() => [AuditEntry], {
    description:
      'Mutations, newest first: of one report (its owners), or of all (owners not bound to one report).',
  })
  async auditLog(
    @Context() ctx: GqlContext,
    @Args('report', { type: () => String, nullable: true }) report: string | null,
    @Args('limit', { type: () => Int, defaultValue: 50 }) limit: number,
    @Args('offset', { type: () => Int, defaultValue: 0 }) offset: number,
  ): Promise<AuditEntry[]> {
    const principal = await ctx.auth.principal();
    const reportId = report ? await this.tokens.reportIdOf(report) : undefined;
    // A key that names no report: an unbound owner goes on (to an empty log); bound tokens stop.
    const decision = authoriseManagement(principal, report ? (reportId ?? 'none') : undefined);
    if (!decision.allowed) throw new DomainError(DomainErrorCode.FORBIDDEN, decision.reason);
    if (limit < 1 || limit > 500 || offset < 0) {
      throw new DomainError(DomainErrorCode.INVALID_INPUT, 'limit must be 1 to 500, offset ≥ 0');
    }
    const rows = await this.audit.list({ report: report ?? undefined, limit, offset });
    const clearance = typeof principal !== 'string' && principal.clearance;
    const isOpenNode = clearance ? null : await openNodesOf(ctx, rows);
    return rows.map((row) => ({
      at: row.at,
      actor: row.actor,
      operation: row.operation,
      report: row.reportKey,
      arguments: JSON.stringify(
        isOpenNode
          ? redactAuditArguments(row.operation, row.arguments, row.reportKey, isOpenNode)
          : row.arguments,
      ),
      outcome: row.outcome,
    }));
  }
}

/** Whether a key names, now, an unrestricted node or a team of the report (for redaction). */
async function openNodesOf(
  ctx: GqlContext,
  rows: readonly AuditEntryEntity[],
): Promise<(report: string, key: string) => boolean> {
  const reportKeys = [...new Set(rows.flatMap((row) => (row.reportKey ? [row.reportKey] : [])))];
  const views = new Map<string, CaseView>();
  for (const key of reportKeys) {
    const current = await ctx.reports.find(key);
    if (current) views.set(key, viewOf(current.version));
  }
  return (report, key) => {
    const view = views.get(report);
    const node = view?.node(key);
    return node ? !node.restricted : (view?.team(key) ?? null) !== null;
  };
}
