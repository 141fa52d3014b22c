import { Args, Float, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseNodeEntity } from '../case-graph/case-node.entity';
import { toNodeModel } from '../case-graph/node.mapper';
import { DomainError, DomainErrorCode } from '../common/domain-error';
import { Evidence } from '../evidence/evidence.model';
import { Report } from '../reports/report.model';

@Resolver(() => Report)
export class ValidityResolver {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @ResolveField(() => [Evidence], {
    description:
      'Valid evidence whose validUntil falls within the next withinDays (or has passed), soonest first.',
  })
  async expiringEvidence(
    @Parent() r: Report,
    @Args('withinDays', { type: () => Float, defaultValue: 30 }) withinDays: number,
  ): Promise<Evidence[]> {
    if (!(withinDays >= 0 && withinDays <= 3650)) {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        `withinDays must be between 0 and 3650, got ${withinDays}`,
      );
    }
    const rows = await this.dataSource
      .getRepository(CaseNodeEntity)
      .createQueryBuilder('n')
      .where("n.report_id = :id AND n.kind = 'evidence' AND n.status = 'valid'", { id: r.id })
      .andWhere('n.valid_until <= now() + make_interval(secs => :seconds)', {
        seconds: withinDays * 86400,
      })
      .orderBy('n.valid_until')
      .addOrderBy('n.key')
      .getMany();
    return rows.map((e) => toNodeModel(e) as Evidence);
  }
}
