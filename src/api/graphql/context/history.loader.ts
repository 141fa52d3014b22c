import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { VersionDerived, type CaseVersion } from '../../../case/cases/case-versions';
import type { RequestReports } from '../../../case/validity/current-versions';
import { StatusHistoryRepository } from '../../../storage/repositories/status-history.repository';
import { toStatusChange, type StatusChange } from '../models/status-change.model';

export interface HistoryPageKey {
  readonly reportId: string;
  /** A node's history, or the whole report's when null. */
  readonly nodeKey: string | null;
  readonly offset: number;
  readonly limit: number;
}

interface KeptPage {
  readonly key: HistoryPageKey;
  readonly page: StatusChange[];
}

/**
 * Per version: the history pages read for it, by the loader's key. A version that only status
 * changes separate from the one before it starts with that one's first pages, the new changes
 * put in front (newest first), so a status change costs the next reader no query; later pages
 * (offset > 0) shift, and are read again.
 */
const HISTORY_PAGES = new VersionDerived(
  () => new Map<string, KeptPage>(),
  (before, history) => {
    const after = new Map<string, KeptPage>();
    for (const [name, { key, page }] of before) {
      if (key.offset !== 0) continue;
      const added = history
        .filter((h) => h.reportId === key.reportId && (key.nodeKey ?? h.nodeKey) === h.nodeKey)
        .reverse()
        .map(toStatusChange);
      after.set(name, { key, page: [...added, ...page].slice(0, key.limit) });
    }
    return after;
  },
);

/**
 * Per-request loader of history pages, newest first: one query per level of a GraphQL query.
 *
 * A report's history only grows in the transactions that raise its version, so a page read for
 * the version a request answers from is kept with that version (while CaseVersions keeps it) and
 * answered from there to the requests after it.
 */
@Injectable()
export class HistoryLoaderFactory {
  constructor(private readonly history: StatusHistoryRepository) {}

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
          return version.derive(HISTORY_PAGES);
        };
        const keys = asked.filter((k) => {
          const kept = pagesOf(k)?.get(keyOf(k))?.page;
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
          const pages = await this.history.pages(
            byNode
              ? {
                  owners: 'nodes',
                  nodes: group.map((k) => ({ reportId: k.reportId, nodeKey: k.nodeKey! })),
                }
              : { owners: 'reports', reportIds: group.map((k) => k.reportId) },
            { offset, limit },
          );
          for (const k of group) {
            const rows = pages.get(byNode ? `${k.reportId}:${k.nodeKey}` : k.reportId) ?? [];
            results.set(keyOf(k), rows.map(toStatusChange));
          }
        }
        for (const k of keys) {
          pagesOf(k)?.set(keyOf(k), { key: k, page: results.get(keyOf(k)) ?? [] });
        }
        return asked.map((k) => results.get(keyOf(k)) ?? []);
      },
      { cacheKeyFn: keyOf },
    );
  }
}
