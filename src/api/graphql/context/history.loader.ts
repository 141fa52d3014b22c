import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { CaseVersion } from '../../../case/cases/case-versions';
import type { RequestReports } from '../../../case/validity/current-versions';
import { toStatusChange, type StatusChange } from '../models/status-change.model';

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

/**
 * Per-request loader of history pages, newest first: one query per level of a GraphQL query.
 *
 * A report's history only grows in the transactions that raise its version, so a page read for
 * the version a request answers from is kept with that version (while CaseVersions keeps it) and
 * answered from there to the requests after it.
 */
@Injectable()
export class HistoryLoaderFactory {
  /** Per version: its pages, by the loader's key. */
  private readonly pages = new WeakMap<CaseVersion, Map<string, StatusChange[]>>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `reports`: the request's, whose versions the pages are kept with. */
  create(reports: RequestReports): DataLoader<HistoryPageKey, StatusChange[], string> {
    const keyOf = (k: HistoryPageKey) => `${k.reportId}:${k.nodeKey ?? ''}:${k.offset}:${k.limit}`;
    return new DataLoader(
      async (asked) => {
        const results = new Map<string, StatusChange[]>();
        // The version each report is answered from, if it is still there.
        const versionOf = new Map<string, CaseVersion | undefined>();
        for (const reportId of new Set(asked.map((k) => k.reportId))) {
          const current = await reports.find({ id: reportId }).catch(() => null);
          versionOf.set(reportId, current?.version);
        }
        const pagesOf = (k: HistoryPageKey) => {
          const version = versionOf.get(k.reportId);
          if (!version) return undefined;
          let pages = this.pages.get(version);
          if (!pages) this.pages.set(version, (pages = new Map<string, StatusChange[]>()));
          return pages;
        };
        const keys = asked.filter((k) => {
          const kept = pagesOf(k)?.get(keyOf(k));
          if (kept) results.set(keyOf(k), kept);
          return !kept;
        });
        const groups = new Map<string, HistoryPageKey[]>();
        for (const k of keys) {
          const g = `${k.nodeKey === null}:${k.offset}:${k.limit}`;
          groups.set(g, [...(groups.get(g) ?? []), k]);
        }
        for (const group of groups.values()) {
          const { offset, limit } = group[0];
          const byNode = group[0].nodeKey !== null;
          const params: unknown[] = [offset, limit, group.map((k) => k.reportId)];
          if (byNode) params.push(group.map((k) => k.nodeKey));
          // Each owner's page by its index (report_id[, node_key], seq), newest first: the cost
          // is the page's, not the whole history's.
          const rows = await this.dataSource.query<(Row & { owner: string })[]>(
            `SELECT h.*, ${byNode ? "o.report_id || ':' || o.node_key" : 'o.report_id::text'} AS owner
             FROM unnest($3::uuid[]${byNode ? ', $4::text[]' : ''})
                  WITH ORDINALITY AS o(report_id, ${byNode ? 'node_key, ' : ''}n)
             CROSS JOIN LATERAL (
               SELECT * FROM status_change s
               WHERE s.report_id = o.report_id ${byNode ? 'AND s.node_key = o.node_key' : ''}
               ORDER BY s.seq DESC OFFSET $1 LIMIT $2
             ) h
             ORDER BY o.n, h.seq DESC`,
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
        for (const k of keys) pagesOf(k)?.set(keyOf(k), results.get(keyOf(k)) ?? []);
        return asked.map((k) => results.get(keyOf(k)) ?? []);
      },
      { cacheKeyFn: keyOf },
    );
  }
}
