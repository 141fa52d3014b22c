import type { FindingsMode } from '../../../core/review/apply-defeaters';
import { findingsArg, overdueFailsArg } from '../models/review.models';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ArgumentNode } from '../models/argument-node.model';
import { CaseExportFormatEnum, type CaseExportFormat } from '../models/case-graph.enums';
import { CaseService } from '../../../case/cases/case.service';
import { viewOf, type CaseView } from '../models/case-view';
import type { CaseNodeKind } from '../../../core/case-model/case';
import { updateReport } from '../../../core/case-model/edit-case';
import { Claim } from '../models/claim.model';
import { PageArgs } from '../inputs/pagination.args';
import { ExpectedVersionArgs } from '../inputs/expected-version.args';
import { Evidence } from '../models/evidence.model';
import type { GqlContext } from '../context/context';
import { hasClearance } from './redaction';
import { Mitigation } from '../models/mitigation.model';
import { Pathway } from '../models/pathway.model';
import { Scenario } from '../models/scenario.model';
import { Team } from '../models/team.model';
import { CaseCheck } from '../models/case-check.model';
import { CreateReportInput, UpdateReportInput } from '../inputs/report.input';
import { Report, ReportCounts, toReport } from '../models/report.model';
import { EvidenceExpiryService } from '../../../case/validity/evidence-expiry.service';
import { ReportsService } from '../../../case/reports/reports.service';

@Resolver(() => Report)
export class ReportsResolver {
  constructor(
    private readonly reportsService: ReportsService,
    private readonly cases: CaseService,
    private readonly expiry: EvidenceExpiryService,
  ) {}

  @Query(() => [Report], {
    description: 'Reports by key (a token bound to one report sees that one).',
  })
  async reports(@Args() page: PageArgs, @Context() ctx: GqlContext): Promise<Report[]> {
    await this.expiry.expireDue();
    const { reportId } = await ctx.auth.principal();
    const rows = await this.reportsService.list(page, reportId);
    ctx.reports.seed(rows);
    return rows.map(toReport);
  }

  @Query(() => Report, { nullable: true })
  async report(
    @Args('key') key: string,
    @Args('asOf', {
      type: () => Date,
      nullable: true,
      description: 'Answer holds, margins and statuses with the statuses in force at this instant.',
    })
    asOf: Date | undefined,
    @Args('findings', findingsArg) findings: FindingsMode,
    @Args('overdueFails', overdueFailsArg) overdueFails: boolean,
    @Context() ctx: GqlContext,
  ): Promise<Report | null> {
    // The version every field below answers from (evidence past its window already stale).
    const current = await ctx.reports.find(key);
    if (!current) return null;
    if (asOf || findings !== 'none' || overdueFails) {
      ctx.analyses.setView(current.report.id, { asOf: asOf ?? undefined, findings, overdueFails });
    }
    return { ...toReport(current.report), asOf: asOf ?? null, findings, overdueFails };
  }

  @Query(() => CaseCheck, { description: 'Checks a case file without writing anything.' })
  checkCase(@Args('document') document: string): Promise<CaseCheck> {
    return this.reportsService.checkCase(document);
  }

  @ResolveField(() => [Pathway])
  pathways(@Parent() r: Report, @Args() page: PageArgs, @Context() ctx: GqlContext) {
    return this.page(r, 'pathway', page, ctx);
  }

  @ResolveField(() => [Claim])
  claims(@Parent() r: Report, @Args() page: PageArgs, @Context() ctx: GqlContext) {
    return this.page(r, 'claim', page, ctx);
  }

  @ResolveField(() => [Mitigation])
  mitigations(@Parent() r: Report, @Args() page: PageArgs, @Context() ctx: GqlContext) {
    return this.page(r, 'mitigation', page, ctx);
  }

  @ResolveField(() => [Evidence])
  evidence(@Parent() r: Report, @Args() page: PageArgs, @Context() ctx: GqlContext) {
    return this.page(r, 'evidence', page, ctx);
  }

  @ResolveField(() => [Scenario], {
    description: 'Scenarios and their response chains (SPEC §8), in file order.',
  })
  scenarios(@Parent() r: Report, @Args() page: PageArgs, @Context() ctx: GqlContext) {
    return this.page(r, 'scenario', page, ctx);
  }

  @ResolveField(() => [Team])
  async teams(@Parent() r: Report, @Context() ctx: GqlContext): Promise<readonly Team[]> {
    return (await this.view(r, ctx)).teams;
  }

  @ResolveField(() => ReportCounts, { description: 'How many of each, for paging.' })
  async counts(@Parent() r: Report, @Context() ctx: GqlContext): Promise<ReportCounts> {
    const view = await this.view(r, ctx);
    return {
      pathways: view.list('pathway').length,
      claims: view.list('claim').length,
      mitigations: view.list('mitigation').length,
      evidence: view.list('evidence').length,
      scenarios: view.list('scenario').length,
      teams: view.teams.length,
    };
  }

  @ResolveField(() => ArgumentNode, {
    nullable: true,
    description: 'Any pathway, claim, mitigation, evidence item or scenario by key.',
  })
  async node(@Parent() r: Report, @Args('key') key: string, @Context() ctx: GqlContext) {
    return (await this.view(r, ctx)).node(key);
  }

  @ResolveField(() => String, {
    description: 'The report as a case file (YAML, loadbearing/v1), or as Open-PSA MEF XML.',
  })
  async exportCase(
    @Parent() r: Report,
    @Context() ctx: GqlContext,
    @Args('format', { type: () => CaseExportFormatEnum, defaultValue: 'yaml' })
    format: CaseExportFormat,
  ): Promise<string> {
    return this.cases.exportCase(r.key, await hasClearance(ctx.auth), format);
  }

  @Mutation(() => Report, { description: 'Imports a case file (YAML or JSON), all or nothing.' })
  async importCase(
    @Args('document') document: string,
    @Args('replace', { defaultValue: false, description: "Swap an existing report's content." })
    replace: boolean,
    @Args() write: ExpectedVersionArgs,
  ): Promise<Report> {
    return toReport(
      await this.cases.importCase(document, { replace, expectedVersion: write.expectedVersion }),
    );
  }

  @Mutation(() => Report)
  async createReport(@Args('input') input: CreateReportInput): Promise<Report> {
    const entity = await this.cases.createReport({
      key: input.key,
      title: input.title,
      model: input.model ?? null,
      previous: input.previous ?? null,
      description: input.description ?? null,
    });
    return toReport(entity);
  }

  @Mutation(() => Report, { description: 'A new key renames the report.' })
  async updateReport(
    @Args('key') key: string,
    @Args('input') input: UpdateReportInput,
    @Args() write: ExpectedVersionArgs,
  ): Promise<Report> {
    const entity = await this.cases.edit(
      key,
      (c) =>
        updateReport(c, {
          key: input.key ?? undefined,
          title: input.title ?? undefined,
          ...(input.model !== undefined ? { model: input.model } : {}),
          ...(input.previous !== undefined ? { previous: input.previous } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
        }),
      undefined,
      write,
    );
    return toReport(entity);
  }

  @Mutation(() => Boolean, { description: 'Deletes the report and everything in it.' })
  async deleteReport(
    @Args('key') key: string,
    @Args() write: ExpectedVersionArgs,
  ): Promise<boolean> {
    await this.cases.deleteReport(key, write);
    return true;
  }

  /** A page of a kind's nodes, in file order. */
  private async page(r: Report, kind: CaseNodeKind, page: PageArgs, ctx: GqlContext) {
    const nodes = (await this.view(r, ctx)).list(kind);
    const limit = page.limit ?? undefined;
    return nodes.slice(page.offset, limit === undefined ? undefined : page.offset + limit);
  }

  /** The version of the report this request answers from. */
  private async view(r: Report, ctx: GqlContext): Promise<CaseView> {
    return viewOf((await ctx.reports.get({ id: r.id })).version);
  }
}
