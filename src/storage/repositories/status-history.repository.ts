import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { StatusChangeEntity } from '../entities/status-change.entity';

/** Pages of one kind, one query: the same offset and limit, of reports or of nodes. */
export type HistoryPageGroup =
  | { readonly owners: 'reports'; readonly reportIds: readonly string[] }
  | {
      readonly owners: 'nodes';
      readonly nodes: readonly { readonly reportId: string; readonly nodeKey: string }[];
    };

interface Row {
  owner: string;
  seq: string;
  report_id: string;
  node_key: string;
  node_kind: StatusChangeEntity['nodeKind'];
  from_status: string | null;
  to_status: string;
  changed_at: Date;
  source: StatusChangeEntity['source'];
  actor: string | null;
  note: string | null;
}

/** The append-only status history (`status_change`): CaseService writes it, this reads it. */
@Injectable()
export class StatusHistoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Each node's last recorded status at or before `at`, by key. The API gives instants to the
   * millisecond and PostgreSQL keeps microseconds: a change counts as at or before `at` if its
   * millisecond is, so `asOf` set to a change's own `at` includes that change.
   */
  async statusesAt(reportId: string, at: Date): Promise<Map<string, string>> {
    const rows = await this.dataSource.query<{ node_key: string; to_status: string }[]>(
      `SELECT DISTINCT ON (node_key) node_key, to_status FROM status_change
       WHERE report_id = $1 AND changed_at < $2::timestamptz + interval '1 millisecond'
       ORDER BY node_key, seq DESC`,
      [reportId, at],
    );
    return new Map(rows.map((r) => [r.node_key, r.to_status]));
  }

  /**
   * A page of each owner's history, newest first, by owner: a report's id, or `reportId:nodeKey`
   * for a node. Each page is read through its owner's index (report_id[, node_key], seq), so it
   * costs the page, not the whole history.
   */
  async pages(
    group: HistoryPageGroup,
    page: { readonly offset: number; readonly limit: number },
  ): Promise<Map<string, StatusChangeEntity[]>> {
    const byNode = group.owners === 'nodes';
    const params: unknown[] = [page.offset, page.limit];
    if (byNode) {
      params.push(
        group.nodes.map((n) => n.reportId),
        group.nodes.map((n) => n.nodeKey),
      );
    } else {
      params.push(group.reportIds);
    }
    const rows = await this.dataSource.query<Row[]>(
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
    const byOwner = new Map<string, StatusChangeEntity[]>();
    for (const r of rows) {
      const change = Object.assign(new StatusChangeEntity(), {
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
    return byOwner;
  }

  /** A report's changes with seq in [fromSeq, toSeq], oldest first: one write's, say. */
  range(reportId: string, fromSeq: string, toSeq: string): Promise<StatusChangeEntity[]> {
    return this.dataSource
      .getRepository(StatusChangeEntity)
      .createQueryBuilder('h')
      .where('h.report_id = :id AND h.seq BETWEEN :from AND :to', {
        id: reportId,
        from: fromSeq,
        to: toSeq,
      })
      .orderBy('h.seq')
      .getMany();
  }
}
