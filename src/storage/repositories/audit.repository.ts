import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditEntryEntity } from '../entities/audit-entry.entity';

/** An audit entry as written; `args` is the JSON text of its arguments. */
export interface NewAuditEntry {
  readonly actor: string | null;
  readonly tokenId: string | null;
  readonly operation: string;
  readonly reportKey: string | null;
  readonly args: string;
  readonly outcome: string;
}

/** The audit log. Its writes are statements of their own, outside any mutation's transaction. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Appends entries in one statement; their seqs, in the order of `entries`. */
  async insert(entries: readonly NewAuditEntry[]): Promise<string[]> {
    const column = <K extends keyof NewAuditEntry>(k: K) => entries.map((e) => e[k]);
    const rows = await this.dataSource.query<{ seq: string }[]>(
      `INSERT INTO audit_entry (actor, token_id, operation, report_key, arguments, outcome)
       SELECT e.actor, e.token_id, e.operation, e.report_key, e.arguments::jsonb, e.outcome
       FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[])
         WITH ORDINALITY AS e(actor, token_id, operation, report_key, arguments, outcome, n)
       ORDER BY e.n
       RETURNING seq`,
      [
        column('actor'),
        column('tokenId'),
        column('operation'),
        column('reportKey'),
        column('args'),
        column('outcome'),
      ],
    );
    // A sequence hands out seqs in the order an INSERT takes its rows, whatever RETURNING's order.
    return rows
      .map((r) => BigInt(r.seq))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map(String);
  }

  /** Sets the outcomes of entries, in one statement. */
  async setOutcomes(outcomes: readonly { seq: string; outcome: string }[]): Promise<void> {
    await this.dataSource.query(
      `UPDATE audit_entry a SET outcome = o.outcome
       FROM unnest($1::bigint[], $2::text[]) AS o(seq, outcome) WHERE a.seq = o.seq`,
      [outcomes.map((o) => o.seq), outcomes.map((o) => o.outcome)],
    );
  }

  /** Newest first; of one report when given. */
  list(options: { report?: string; limit: number; offset: number }): Promise<AuditEntryEntity[]> {
    return this.dataSource.getRepository(AuditEntryEntity).find({
      where: options.report ? { reportKey: options.report } : {},
      order: { seq: 'DESC' },
      take: options.limit,
      skip: options.offset,
    });
  }
}
