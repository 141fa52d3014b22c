import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

@Injectable()
export class HistoryService {
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
}
