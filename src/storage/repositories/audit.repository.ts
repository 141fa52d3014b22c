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

/** The audit log. Each write is a statement of its own, outside any mutation's transaction. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Appends an entry; its seq. */
  async insert(entry: NewAuditEntry): Promise<string> {
    const rows = await this.dataSource.query<{ seq: string }[]>(
      `INSERT INTO audit_entry (actor, token_id, operation, report_key, arguments, outcome)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING seq`,
      [entry.actor, entry.tokenId, entry.operation, entry.reportKey, entry.args, entry.outcome],
    );
    return rows[0].seq;
  }

  async setOutcome(seq: string, outcome: string): Promise<void> {
    await this.dataSource.query('UPDATE audit_entry SET outcome = $2 WHERE seq = $1', [
      seq,
      outcome,
    ]);
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
