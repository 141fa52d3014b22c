import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { toStatusChange, type StatusChange } from './status-change.model';

export interface HistoryPageKey {
  readonly reportId: string;
  /** A node's history, or the whole report's when null. */
  readonly nodeKey: string | null;
  readonly offset: number;
  readonly limit: number;
}

interface Row {
  seq: string;
  report_id: string;
  node_key: string;
  node_kind: 'mitigation' | 'evidence';
  from_status: string | null;
  to_status: string;
  changed_at: Date;
  source: 'api' | 'webhook' | 'import' | 'expiry';
  actor: string | null;
  note: string | null;
}

/** Per-request loader of history pages, newest first: one query per level of a GraphQL query. */
@Injectable()
export class HistoryLoaderFactory {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  create(): DataLoader<HistoryPageKey, StatusChange[], string> {
    const keyOf = (k: HistoryPageKey) => `${k.reportId}:${k.nodeKey ?? ''}:${k.offset}:${k.limit}`;
    return new DataLoader(
      async (keys) => {
        const results = new Map<string, StatusChange[]>();
        const groups = new Map<string, HistoryPageKey[]>();
        for (const k of keys) {
          const g = `${k.nodeKey === null}:${k.offset}:${k.limit}`;
          groups.set(g, [...(groups.get(g) ?? []), k]);
        }
        for (const group of groups.values()) {
          const { offset, limit } = group[0];
          const byNode = group[0].nodeKey !== null;
          const partition = byNode ? 'report_id, node_key' : 'report_id';
          const params: unknown[] = [offset, limit, group.map((k) => k.reportId)];
          if (byNode) params.push(group.map((k) => k.nodeKey));
          const rows = await this.dataSource.query<(Row & { owner: string })[]>(
            `SELECT * FROM (
               SELECT h.*, row_number() OVER (PARTITION BY ${partition} ORDER BY seq DESC) - 1 AS rn,
                      ${byNode ? "h.report_id || ':' || h.node_key" : 'h.report_id::text'} AS owner
               FROM status_change h
               WHERE h.report_id = ANY($3) ${byNode ? 'AND h.node_key = ANY($4)' : ''}
             ) w WHERE w.rn >= $1 AND w.rn < $1 + $2 ORDER BY w.seq DESC`,
            params,
          );
          const byOwner = new Map<string, StatusChange[]>();
          for (const r of rows) {
            const change = toStatusChange({
              seq: r.seq,
              reportId: r.report_id,
              nodeKey: r.node_key,
              nodeKind: r.node_kind,
              fromStatus: r.from_status,
              toStatus: r.to_status,
              changedAt: r.changed_at,
              source: r.source,
              actor: r.actor,
              note: r.note,
            });
            byOwner.set(r.owner, [...(byOwner.get(r.owner) ?? []), change]);
          }
          for (const k of group) {
            results.set(
              keyOf(k),
              byOwner.get(byNode ? `${k.reportId}:${k.nodeKey}` : k.reportId) ?? [],
            );
          }
        }
        return keys.map((k) => results.get(keyOf(k)) ?? []);
      },
      { cacheKeyFn: keyOf },
    );
  }
}
