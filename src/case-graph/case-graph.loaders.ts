import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import type { NodeKind } from '../case-model/case';
import { TeamEntity } from '../teams/team.entity';
import type { LinkType } from './case-link.entity';
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
  /** Forgets everything loaded so far: after a write in the same request. */
  clearAll(): void;
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
    const teams = this.dataSource.getRepository(TeamEntity);

    // Every node a request touches, once: links resolve to these, so a claim listed under many
    // parents is fetched and mapped once. Page loads prime it.
    const nodeById = new DataLoader<string, CaseNodeEntity>(async (ids) => {
      const rows = await this.dataSource.query<NodeRow[]>(
        `SELECT ${NODE_COLUMNS} FROM case_node n WHERE n.id = ANY($1)`,
        [ids],
      );
      const byId = new Map(rows.map((r) => [r.id, nodeFromRow(r)]));
      return ids.map((id) => byId.get(id) ?? new Error(`node ${id} not found`));
    });
    const prime = (entities: readonly CaseNodeEntity[]) => {
      for (const e of entities) nodeById.prime(e.id, e);
      return entities;
    };

    // Raw SQL and only ids for links: hydrating tens of thousands of joined rows was most of a
    // nested query's time on large reports (see the README's benchmark notes).
    const linked = (type: LinkType, direction: 'forward' | 'backward') =>
      new DataLoader<string, CaseNodeEntity[]>(async (ids) => {
        const [own, other] = direction === 'forward' ? ['from_id', 'to_id'] : ['to_id', 'from_id'];
        const order = direction === 'forward' ? 'l.position' : 'n.kind, n.position';
        const rows = await this.dataSource.query<{ owner_id: string; node_id: string }[]>(
          `SELECT l.${own} AS owner_id, l.${other} AS node_id FROM case_link l JOIN case_node n ON n.id = l.${other}
           WHERE l.type = $1 AND l.${own} = ANY($2) ORDER BY ${order}`,
          [type, ids],
        );
        const linkedNodes = await nodeById.loadMany([...new Set(rows.map((r) => r.node_id))]);
        const byId = new Map<string, CaseNodeEntity>();
        for (const node of linkedNodes) if (!(node instanceof Error)) byId.set(node.id, node);
        const byOwner = groupBy(rows, (r) => r.owner_id);
        return ids.map((id) => (byOwner.get(id) ?? []).map((r) => byId.get(r.node_id)!));
      });

    const loaders: Omit<CaseGraphLoaders, 'clearAll'> = {
      nodePage: new DataLoader<NodePageKey, CaseNodeEntity[], string>(
        async (keys) => {
          // One query per distinct (kind, page) however many reports ask for it.
          const groups = groupBy(keys, (k) => `${k.kind}:${k.offset}:${k.limit}`);
          const results = new Map<string, CaseNodeEntity[]>();
          for (const group of groups.values()) {
            const { kind, offset, limit } = group[0];
            const rows = await this.dataSource.query<NodeRow[]>(
              `SELECT ${NODE_COLUMNS} FROM (
                 SELECT c.*, row_number() OVER (PARTITION BY c.report_id ORDER BY c.position) - 1 AS rn
                 FROM case_node c WHERE c.report_id = ANY($1) AND c.kind = $2
               ) n WHERE n.rn >= $3 AND ($4::int IS NULL OR n.rn < $3 + $4) ORDER BY n.position`,
              [group.map((k) => k.reportId), kind, offset, limit],
            );
            const byReport = groupBy(prime(rows.map(nodeFromRow)), (n) => n.reportId);
            for (const k of group) results.set(pageKey(k), byReport.get(k.reportId) ?? []);
          }
          return keys.map((k) => results.get(pageKey(k)) ?? []);
        },
        { cacheKeyFn: pageKey },
      ),
      nodeByReportKey: new DataLoader(
        async (keys) => {
          // One `key = ANY(...)` per report: thousands of OR'd (report, key) pairs plan slowly.
          const rows: CaseNodeEntity[] = [];
          for (const [reportId, group] of groupBy(keys, (k) => k.reportId)) {
            const found = await this.dataSource.query<NodeRow[]>(
              `SELECT ${NODE_COLUMNS} FROM case_node n WHERE n.report_id = $1 AND n.key = ANY($2)`,
              [reportId, group.map((k) => k.key)],
            );
            rows.push(...prime(found.map(nodeFromRow)));
          }
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
        const rows = prime(
          await nodes.find({ where: { teamId: In([...teamIds]) }, order: { position: 'ASC' } }),
        );
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
          for (const row of rows) {
            if (row.report_id === id) counts[row.kind as keyof typeof counts] = Number(row.n);
          }
          return counts;
        });
      }),
    };
    return {
      ...loaders,
      clearAll: () => {
        nodeById.clearAll();
        for (const loader of Object.values(loaders)) loader.clearAll();
      },
    };
  }
}

const NODE_COLUMNS = `n.id, n.report_id, n.kind, n.key, n.position, n.text, n.description, n.category,
  n.requires_mode, n.requires_at_least, n.assumed, n.status, n.team_id, n.effort, n.valid_until`;

interface NodeRow {
  id: string;
  report_id: string;
  kind: CaseNodeEntity['kind'];
  key: string;
  position: number;
  text: string;
  description: string | null;
  category: string | null;
  requires_mode: CaseNodeEntity['requiresMode'];
  requires_at_least: number | null;
  assumed: boolean;
  status: string | null;
  team_id: string | null;
  effort: number | null;
  valid_until: Date | null;
}

function nodeFromRow(r: NodeRow): CaseNodeEntity {
  return Object.assign(new CaseNodeEntity(), {
    id: r.id,
    reportId: r.report_id,
    kind: r.kind,
    key: r.key,
    position: r.position,
    text: r.text,
    description: r.description,
    category: r.category,
    requiresMode: r.requires_mode,
    requiresAtLeast: r.requires_at_least,
    assumed: r.assumed,
    status: r.status,
    teamId: r.team_id,
    effort: r.effort,
    validUntil: r.valid_until?.toISOString() ?? null,
  });
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
