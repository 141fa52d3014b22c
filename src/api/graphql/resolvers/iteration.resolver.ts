import type { FindingsMode } from '../../../core/review/apply-defeaters';
import { findingsArg, overdueFailsArg } from '../models/review.models';
import { Args, Context, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Case } from '../../../core/case-model/case';
import { DEFAULT_MAX_ORDER } from '../../../core/analysis';
import { REDACTED } from '../../../core/case-model/redact-case';
import type { CaseDiff, FieldValue } from '../../../core/iteration/diff-reports';
import { DIFF_FROM, READINESS } from '../../../case/analysis/derivations';
import { DomainError, DomainErrorCode } from '../../../core/shared/domain-error';
import { IterationService } from '../../../case/iteration/iteration.service';
import { apiOrigin } from '../context/api-origin';
import type { GqlContext } from '../context/context';
import { CloneReportArgs } from '../inputs/report.input';
import { Report, toReport } from '../models/report.model';
import type { Claim } from '../models/claim.model';
import type { Evidence } from '../models/evidence.model';
import type { Pathway } from '../models/pathway.model';
import { Readiness, ReportDiff, type FieldChange } from '../models/iteration.models';
import { nodesByKeys } from './nodes-by-keys';
import { hasClearance } from './redaction';

const maxOrderArg = {
  type: () => Int,
  defaultValue: DEFAULT_MAX_ORDER,
  description: 'Margins above it are reported as null.',
};

/** SPEC §6: iterating a report for the next model. */
@Resolver()
export class IterationResolver {
  constructor(private readonly iteration: IterationService) {}

  @Mutation(() => Report, {
    description:
      'Copies a report for the next model as a draft (previous: from); model-scoped evidence becomes stale.',
  })
  async cloneReport(@Args() args: CloneReportArgs, @Context() ctx: GqlContext): Promise<Report> {
    const { name } = await ctx.auth.principal();
    const { from, key, title, model } = args;
    return toReport(await this.iteration.cloneReport(from, { key, title, model }, name));
  }

  @Mutation(() => Report, {
    description:
      "Freezes the argument's structure (edits then fail with CONFLICT); statuses stay live.",
  })
  async publishReport(@Args('key') key: string, @Context() ctx: GqlContext): Promise<Report> {
    return toReport(await this.iteration.publishReport(key, await apiOrigin(ctx.auth, undefined)));
  }

  @Mutation(() => Report, { description: 'Takes the report out of service: it takes no changes.' })
  async archiveReport(@Args('key') key: string, @Context() ctx: GqlContext): Promise<Report> {
    return toReport(await this.iteration.archiveReport(key, await apiOrigin(ctx.auth, undefined)));
  }

  @Query(() => ReportDiff, {
    description:
      'What changed from report `from` to report `to`: structure (matched by key, else by previousKeys) and analysis.',
  })
  async diffReports(
    @Args('from') from: string,
    @Args('to') to: string,
    @Args('maxOrder', maxOrderArg) maxOrder: number,
    @Context() ctx: GqlContext,
  ): Promise<ReportDiff> {
    if (from === to) {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        `diffReports compares two reports: from and to are both '${from}'`,
      );
    }
    const [before, after] = await Promise.all([
      ctx.analyses.get(from, maxOrder),
      ctx.analyses.get(to, maxOrder),
    ]);
    const diff = after.derive(DIFF_FROM, before);
    return toReportDiff(diff, before.case, after.case, await hasClearance(ctx.auth));
  }

  @Query(() => Readiness, {
    description:
      'What stands between the report and one that holds, and the evidence to redo first (SPEC §6).',
  })
  async readiness(
    @Args('report') report: string,
    @Args('maxOrder', maxOrderArg) maxOrder: number,
    @Args('findings', findingsArg) findings: FindingsMode,
    @Args('overdueFails', overdueFailsArg) overdueFails: boolean,
    @Context() ctx: GqlContext,
  ): Promise<Readiness> {
    // Under findings, of the case with the defeaters applied (what a.case is then).
    const a = await ctx.analyses.get(report, maxOrder, { findings, overdueFails });
    const r = a.derive(READINESS, null);
    const load = (keys: readonly string[]) => nodesByKeys(ctx, a.reportId, keys);
    const pathways = async (keys: readonly string[]) => (await load(keys)) as Pathway[];
    const claims = async (keys: readonly string[]) => (await load(keys)) as Claim[];
    const evidence = async (key: string) => (await load([key]))[0] as Evidence;
    return {
      report: r.report,
      state: r.state,
      ready: r.ready,
      pathwaysNotHolding: await pathways(r.pathwaysNotHolding),
      claimsNotHolding: await claims(r.claimsNotHolding),
      evidenceToRedo: await Promise.all(
        r.evidenceToRedo.map(async (e) => ({ ...e, evidence: await evidence(e.key) })),
      ),
      plan: await Promise.all(
        r.plan.map(async (item) => ({
          rank: item.rank,
          evidence: await evidence(item.key),
          cost: item.cost,
          missingEffort: item.missingEffort.length > 0,
          argumentsRestored: item.argumentsRestored,
          pathwaysRestored: await pathways(item.pathwaysRestored),
          claimsRestored: await claims(item.claimsRestored),
          newlyHoldingPathways: await pathways(item.newlyHoldingPathways),
          newlyHoldingClaims: await claims(item.newlyHoldingClaims),
          exact: item.exact,
        })),
      ),
    };
  }
}

const TEXT_FIELDS = new Set(['title', 'statement', 'description']);

/** Keys of the nodes restricted in a case. */
const restrictedKeys = (c: Case): string[] =>
  [...c.pathways, ...c.claims, ...c.mitigations, ...c.evidence]
    .filter((n) => n.restricted)
    .map((n) => n.key);

const shown = (v: FieldValue): string | null => (v === null ? null : String(v));

/**
 * The core's diff as the API's: values as text and, without clearance, the text of a node
 * restricted in either report as [restricted] (keys and places stay, as everywhere else).
 */
function toReportDiff(d: CaseDiff, from: Case, to: Case, clearance: boolean): ReportDiff {
  const restricted = new Set([...restrictedKeys(from), ...restrictedKeys(to)]);
  const field = (c: { field: string; before: FieldValue; after: FieldValue }): FieldChange => ({
    field: c.field,
    before: shown(c.before),
    after: shown(c.after),
  });
  const redacted = (c: FieldChange): FieldChange =>
    TEXT_FIELDS.has(c.field)
      ? {
          field: c.field,
          before: c.before === null ? null : REDACTED,
          after: c.after === null ? null : REDACTED,
        }
      : c;
  // A scenario is restricted with its pathway: in either report.
  const restrictedScenario = (key: string) =>
    [from, to].some((c) => {
      const s = c.scenarios?.find((x) => x.key === key);
      return s !== undefined && restricted.has(s.pathway);
    });
  const scenarios = d.scenarios ?? { added: [], removed: [], changed: [] };
  return {
    ...d,
    scenarios: {
      ...scenarios,
      changed: scenarios.changed.map((s) => {
        const changes = s.changes.map(field);
        const hidden = !clearance && restrictedScenario(s.key);
        return { ...s, changes: hidden ? changes.map(redacted) : changes };
      }),
    },
    structure: {
      ...d.structure,
      report: d.structure.report.map(field),
      teams: {
        ...d.structure.teams,
        changed: d.structure.teams.changed.map((t) => ({ ...t, changes: t.changes.map(field) })),
      },
      changed: d.structure.changed.map((n) => {
        const changes = n.changes.map(field);
        const hidden = !clearance && (restricted.has(n.key) || restricted.has(n.previousKey));
        return { ...n, changes: hidden ? changes.map(redacted) : changes };
      }),
    },
  } as ReportDiff;
}
