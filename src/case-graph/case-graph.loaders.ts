import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import type { NodeKind } from '../case-model/case';
import { TeamEntity } from '../teams/team.entity';
import { CaseLinkEntity, type LinkType } from './case-link.entity';
import { CaseNodeEntity } from './case-node.entity';

export interface NodePageKey {
  readonly reportId: string;
  readonly kind: NodeKind;
  readonly offset: number;
  readonly limit: number | null;
}

export interface CaseGraphLoaders {
  /** A page of a report's nodes of one kind, in file order. */
  readonly nodePage: DataLoader<NodePageKey, CaseNodeEntity[], string>;
  readonly nodeByReportKey: DataLoader<
    { reportId: string; key: string },
    CaseNodeEntity | null,
    string
  >;
  /** The nodes a node's list names, in list order: supports of a pathway or claim. */
  readonly supports: DataLoader<string, CaseNodeEntity[]>;
  /** The pathways and claims whose supports name a node. */
  readonly supportOf: DataLoader<string, CaseNodeEntity[]>;
  readonly dependsOn: DataLoader<string, CaseNodeEntity[]>;
  readonly dependents: DataLoader<string, CaseNodeEntity[]>;
  readonly teamById: DataLoader<string, TeamEntity | null>;
  readonly teamsByReport: DataLoader<string, TeamEntity[]>;
  readonly mitigationsByTeam: DataLoader<string, CaseNodeEntity[]>;
  readonly countsByReport: DataLoader<string, Record<NodeKind | 'team', number>>;
}

/**
 * Builds fresh loaders for each GraphQL request, so that each level of a nested query costs one
 * SQL query whatever the number of parents, and nothing is cached across requests.
 */
@Injectable()
export class CaseGraphLoaderFactory {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  create(): CaseGraphLoaders {
    const nodes = this.dataSource.getRepository(CaseNodeEntity);
    const links = this.dataSource.getRepository(CaseLinkEntity);
    const teams = this.dataSource.getRepository(TeamEntity);

    const linked = (type: LinkType, direction: 'forward' | 'backward') =>
      new DataLoader<string, CaseNodeEntity[]>(async (ids) => {
        const own = direction === 'forward' ? 'fromId' : 'toId';
        const rows = await links
          .createQueryBuilder('l')
          .innerJoinAndSelect(direction === 'forward' ? 'l.to' : 'l.from', 'n')
          .where(`l.type = :type AND l.${own} IN (:...ids)`, { type, ids })
          .orderBy(direction === 'forward' ? 'l.position' : 'n.position')
          .getMany();
        const byId = groupBy(rows, (l) => (direction === 'forward' ? l.fromId : l.toId));
        return ids.map((id) =>
          (byId.get(id) ?? []).map((l) => (direction === 'forward' ? l.to! : l.from!)),
        );
      });

    return {
      nodePage: new DataLoader<NodePageKey, CaseNodeEntity[], string>(
        async (keys) => {
          // One query per distinct (kind, page) however many reports ask for it.
          const groups = groupBy(keys, (k) => `${k.kind}:${k.offset}:${k.limit}`);
          const results = new Map<string, CaseNodeEntity[]>();
          for (const group of groups.values()) {
            const { kind, offset, limit } = group[0];
            const reportIds = group.map((k) => k.reportId);
            const page = this.dataSource
              .createQueryBuilder()
              .select('w.id')
              .from(
                (sub) =>
                  sub
                    .select('c.id', 'id')
                    .addSelect(
                      'row_number() OVER (PARTITION BY c.report_id ORDER BY c.position) - 1',
                      'rn',
                    )
                    .from(CaseNodeEntity, 'c')
                    .where('c.report_id IN (:...reportIds) AND c.kind = :kind', {
                      reportIds,
                      kind,
                    }),
                'w',
              )
              .where('w.rn >= :offset', { offset });
            if (limit !== null) page.andWhere('w.rn < :end', { end: offset + limit });
            const rows = await nodes
              .createQueryBuilder('n')
              .where(`n.id IN (${page.getQuery()})`)
              .setParameters(page.getParameters())
              .orderBy('n.position')
              .getMany();
            const byReport = groupBy(rows, (n) => n.reportId);
            for (const k of group) results.set(pageKey(k), byReport.get(k.reportId) ?? []);
          }
          return keys.map((k) => results.get(pageKey(k)) ?? []);
        },
        { cacheKeyFn: pageKey },
      ),
      nodeByReportKey: new DataLoader(
        async (keys) => {
          const rows = await nodes.find({
            where: keys.map((k) => ({ reportId: k.reportId, key: k.key })),
          });
          const byKey = new Map(rows.map((n) => [`${n.reportId}:${n.key}`, n]));
          return keys.map((k) => byKey.get(`${k.reportId}:${k.key}`) ?? null);
        },
        { cacheKeyFn: (k) => `${k.reportId}:${k.key}` },
      ),
      supports: linked('supports', 'forward'),
      supportOf: linked('supports', 'backward'),
      dependsOn: linked('dependsOn', 'forward'),
      dependents: linked('dependsOn', 'backward'),
      teamById: new DataLoader(async (ids) => {
        const rows = await teams.findBy({ id: In([...ids]) });
        const byId = new Map(rows.map((t) => [t.id, t]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
      teamsByReport: new DataLoader(async (reportIds) => {
        const rows = await teams.find({
          where: { reportId: In([...reportIds]) },
          order: { position: 'ASC' },
        });
        const byReport = groupBy(rows, (t) => t.reportId);
        return reportIds.map((id) => byReport.get(id) ?? []);
      }),
      mitigationsByTeam: new DataLoader(async (teamIds) => {
        const rows = await nodes.find({
          where: { teamId: In([...teamIds]) },
          order: { position: 'ASC' },
        });
        const byTeam = groupBy(rows, (n) => n.teamId!);
        return teamIds.map((id) => byTeam.get(id) ?? []);
      }),
      countsByReport: new DataLoader(async (reportIds) => {
        const rows = await this.dataSource.query<{ report_id: string; kind: string; n: string }[]>(
          `SELECT report_id, kind, count(*) AS n FROM case_node WHERE report_id = ANY($1) GROUP BY report_id, kind
           UNION ALL SELECT report_id, 'team', count(*) FROM team WHERE report_id = ANY($1) GROUP BY report_id`,
          [reportIds],
        );
        return reportIds.map((id) => {
          const counts = { pathway: 0, claim: 0, mitigation: 0, evidence: 0, team: 0 };
          for (const row of rows)
            {if (row.report_id === id) counts[row.kind as keyof typeof counts] = Number(row.n);}
          return counts;
        });
      }),
    };
  }
}

function pageKey(k: NodePageKey): string {
  return `${k.reportId}:${k.kind}:${k.offset}:${k.limit}`;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
