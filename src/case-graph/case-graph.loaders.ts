import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import type { NodeKind } from '../case-model/case';
import type { Mitigation } from '../mitigations/mitigation.model';
import { TeamEntity } from '../teams/team.entity';
import type { LinkType } from './case-link.entity';
import { toNodeModel, type AnyNodeModel, type StoredNode } from './node.mapper';

export interface NodePageKey {
  readonly reportId: string;
  readonly kind: NodeKind;
  readonly offset: number;
  readonly limit: number | null;
}

/**
 * Loads values by key in batches, like a DataLoader: the keys asked for while the current promise
 * jobs run go to one call of `fetch`. Unlike a DataLoader, a key already loaded is answered with
 * the value itself, not a promise, and loadAll takes many keys without a promise per key: a
 * nested query resolves link fields tens of thousands of times, and graphql-js completes plain
 * values far more cheaply than promises.
 */
export class SettledLoader<V> {
  private settled = new Map<string, V>();
  /** Keys queued or being fetched, and the batch that brings them. */
  private pending = new Map<string, Promise<ReadonlyMap<string, V>>>();
  private queued: { keys: string[]; done: Promise<ReadonlyMap<string, V>> } | null = null;

  constructor(private readonly fetch: (keys: readonly string[]) => Promise<V[]>) {}

  /** The value if loaded, else a promise of it. */
  load(key: string): V | Promise<V> {
    const value = this.settled.get(key);
    if (value !== undefined) return value;
    return (this.pending.get(key) ?? this.enqueue(key)).then((loaded) => loaded.get(key)!);
  }

  /** Resolves once every key is loaded; after that, load answers them without a promise. */
  async loadAll(keys: Iterable<string>): Promise<void> {
    const batches = new Set<Promise<unknown>>();
    for (const key of keys) {
      if (!this.settled.has(key)) batches.add(this.pending.get(key) ?? this.enqueue(key));
    }
    await Promise.all(batches);
  }

  clearAll(): void {
    this.settled = new Map();
    this.pending = new Map();
    this.queued = null;
  }

  private enqueue(key: string): Promise<ReadonlyMap<string, V>> {
    if (!this.queued) {
      const keys: string[] = [];
      const { settled, pending } = this;
      const done = afterPromiseJobs().then(async () => {
        if (this.queued?.keys === keys) this.queued = null;
        try {
          const values = await this.fetch(keys);
          const loaded = new Map<string, V>();
          keys.forEach((k, i) => {
            loaded.set(k, values[i]);
            settled.set(k, values[i]);
          });
          return loaded;
        } finally {
          for (const k of keys) pending.delete(k);
        }
      });
      this.queued = { keys, done };
    }
    this.queued.keys.push(key);
    this.pending.set(key, this.queued.done);
    return this.queued.done;
  }
}

/** Resolves once the promise jobs queued so far have run: when DataLoader dispatches a batch. */
function afterPromiseJobs(): Promise<void> {
  return new Promise((resolve) => void Promise.resolve().then(() => process.nextTick(resolve)));
}

/** Nodes come out of these as their API models, one object per node and request. */
export interface CaseGraphLoaders {
  /** A page of a report's nodes of one kind, in file order. */
  readonly nodePage: DataLoader<NodePageKey, AnyNodeModel[], string>;
  readonly nodeByReportKey: DataLoader<
    { reportId: string; key: string },
    AnyNodeModel | null,
    string
  >;
  /** The nodes a node's list names, in list order: supports of a pathway or claim. */
  readonly supports: SettledLoader<AnyNodeModel[]>;
  /** The pathways and claims whose supports name a node. */
  readonly supportOf: SettledLoader<AnyNodeModel[]>;
  readonly dependsOn: SettledLoader<AnyNodeModel[]>;
  readonly dependents: SettledLoader<AnyNodeModel[]>;
  readonly teamById: SettledLoader<TeamEntity | null>;
  readonly teamsByReport: DataLoader<string, TeamEntity[]>;
  readonly mitigationsByTeam: DataLoader<string, Mitigation[]>;
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
    const teams = this.dataSource.getRepository(TeamEntity);

    // Every node a request touches, as one model object: links resolve to these, so a claim
    // listed under many parents is fetched and mapped once. Every node query goes through
    // selectNodes; nodeById fetches the nodes links name that no query has brought yet.
    const nodes = new Map<string, AnyNodeModel>();
    const selectNodes = async (sql: string, params: unknown[]) =>
      (await this.dataSource.query<StoredNode[]>(sql, params)).map((row) => {
        let model = nodes.get(row.id);
        if (!model) nodes.set(row.id, (model = toNodeModel(row)));
        return model;
      });
    const nodeById = new DataLoader<string, void>(
      async (ids) => {
        await selectNodes(`SELECT ${NODE_COLUMNS} FROM case_node n WHERE n.id = ANY($1)`, [ids]);
        return ids.map(() => undefined);
      },
      { cache: false },
    );

    // Raw SQL and only ids for links: hydrating tens of thousands of joined rows was most of a
    // nested query's time on large reports (see the README's benchmark notes).
    const linked = (type: LinkType, direction: 'forward' | 'backward') =>
      new SettledLoader<AnyNodeModel[]>(async (ids) => {
        const [own, other] = direction === 'forward' ? ['from_id', 'to_id'] : ['to_id', 'from_id'];
        const order = direction === 'forward' ? 'l.position' : 'n.kind, n.position';
        const rows = await this.dataSource.query<{ owner_id: string; node_id: string }[]>(
          `SELECT l.${own} AS owner_id, l.${other} AS node_id FROM case_link l JOIN case_node n ON n.id = l.${other}
           WHERE l.type = $1 AND l.${own} = ANY($2) ORDER BY ${order}`,
          [type, ids],
        );
        const missing = new Set<string>();
        for (const r of rows) if (!nodes.has(r.node_id)) missing.add(r.node_id);
        if (missing.size > 0) await nodeById.loadMany([...missing]);
        const byOwner = new Map<string, AnyNodeModel[]>();
        for (const r of rows) {
          const list = byOwner.get(r.owner_id);
          if (list) list.push(nodes.get(r.node_id)!);
          else byOwner.set(r.owner_id, [nodes.get(r.node_id)!]);
        }
        return ids.map((id) => byOwner.get(id) ?? []);
      });

    const loaders: Omit<CaseGraphLoaders, 'clearAll'> = {
      nodePage: new DataLoader<NodePageKey, AnyNodeModel[], string>(
        async (keys) => {
          // One query per distinct (kind, page) however many reports ask for it; in parallel on
          // a pool of connections.
          const groups = groupBy(keys, (k) => `${k.kind}:${k.offset}:${k.limit}`);
          const results = new Map<string, AnyNodeModel[]>();
          await Promise.all(
            [...groups.values()].map(async (group) => {
              const { kind, offset, limit } = group[0];
              const page = await selectNodes(
                `SELECT ${NODE_COLUMNS} FROM (
                   SELECT c.*, row_number() OVER (PARTITION BY c.report_id ORDER BY c.position) - 1 AS rn
                   FROM case_node c WHERE c.report_id = ANY($1) AND c.kind = $2
                 ) n WHERE n.rn >= $3 AND ($4::int IS NULL OR n.rn < $3 + $4) ORDER BY n.position`,
                [group.map((k) => k.reportId), kind, offset, limit],
              );
              const byReport = groupBy(page, (n) => n.reportId);
              for (const k of group) results.set(pageKey(k), byReport.get(k.reportId) ?? []);
            }),
          );
          return keys.map((k) => results.get(pageKey(k)) ?? []);
        },
        { cacheKeyFn: pageKey },
      ),
      nodeByReportKey: new DataLoader(
        async (keys) => {
          // One `key = ANY(...)` per report: thousands of OR'd (report, key) pairs plan slowly.
          const rows: AnyNodeModel[] = [];
          for (const [reportId, group] of groupBy(keys, (k) => k.reportId)) {
            const found = await selectNodes(
              `SELECT ${NODE_COLUMNS} FROM case_node n WHERE n.report_id = $1 AND n.key = ANY($2)`,
              [reportId, group.map((k) => k.key)],
            );
            rows.push(...found);
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
      teamById: new SettledLoader(async (ids) => {
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
        const rows = (await selectNodes(
          `SELECT ${NODE_COLUMNS} FROM case_node n WHERE n.team_id = ANY($1) ORDER BY n.position`,
          [teamIds],
        )) as Mitigation[];
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
        nodes.clear();
        for (const loader of Object.values(loaders)) loader.clearAll();
      },
    };
  }
}

/** A node's columns under its entity's property names: rows map straight to models (StoredNode). */
const NODE_COLUMNS = `n.id, n.report_id AS "reportId", n.kind, n.key, n.text, n.description, n.restricted, n.category,
  n.requires_mode AS "requiresMode", n.requires_at_least AS "requiresAtLeast", n.assumed, n.status,
  n.team_id AS "teamId", n.effort, n.valid_until AS "validUntil"`;

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
