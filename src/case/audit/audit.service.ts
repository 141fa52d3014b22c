import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { reportKeyOfOperation } from '../auth/operation-report';
import type { Principal } from '../auth/policy';
import { AuditEntryEntity } from '../../storage/entities/audit-entry.entity';

/** The outcome of a mutation still running, or of one the service stopped during. */
export const UNFINISHED = 'UNFINISHED';

/** Strings longer than this (case files) are kept as their length and hash, not their text. */
const MAX_STRING = 300;

export interface AuditRecord {
  readonly principal: Principal | null;
  readonly operation: string;
  readonly args: Record<string, unknown>;
  readonly outcome: string;
}

@Injectable()
export class AuditService {
  private readonly logger = new Logger('audit');

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Appends a finished entry (a refusal); a failure to write it is logged, never the caller's. */
  async record(entry: AuditRecord): Promise<void> {
    await this.insert(entry);
  }

  /**
   * Appends the entry of a mutation about to run, as UNFINISHED, in its own statement (outside the
   * mutation's transaction): a service stopped mid-way (killed during an import) leaves it so.
   * Returns the entry's number for `finish`, or null if it could not be written.
   */
  begin(entry: Omit<AuditRecord, 'outcome'>): Promise<string | null> {
    return this.insert({ ...entry, outcome: UNFINISHED });
  }

  /** Sets the outcome of an entry `begin` wrote. */
  async finish(seq: string | null, outcome: string): Promise<void> {
    if (seq === null) return;
    try {
      await this.db.query('UPDATE audit_entry SET outcome = $2 WHERE seq = $1', [seq, outcome]);
    } catch (e) {
      this.logger.error(
        `could not record the outcome ${outcome} of audit entry ${seq}: ${String(e)}`,
      );
    }
  }

  private async insert({
    principal,
    operation,
    args,
    outcome,
  }: AuditRecord): Promise<string | null> {
    const report = reportKeyOfOperation(`Mutation.${operation}`, args);
    try {
      const rows: { seq: string }[] = await this.db.query(
        `INSERT INTO audit_entry (actor, token_id, operation, report_key, arguments, outcome)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING seq`,
        [
          principal?.name ?? null,
          principal?.tokenId ?? null,
          operation,
          typeof report === 'string' ? report.slice(0, 80) : null,
          JSON.stringify(summarise(args)),
          outcome,
        ],
      );
      return rows[0].seq;
    } catch (e) {
      this.logger.error(`could not record ${operation} by ${principal?.name ?? '?'}: ${String(e)}`);
      return null;
    }
  }

  /** Newest first; of one report when given. */
  async list(options: {
    report?: string;
    limit: number;
    offset: number;
  }): Promise<AuditEntryEntity[]> {
    return this.db.getRepository(AuditEntryEntity).find({
      where: options.report ? { reportKey: options.report } : {},
      order: { seq: 'DESC' },
      take: options.limit,
      skip: options.offset,
    });
  }
}

/** Arguments as JSON, with long strings replaced by their length and SHA-256. */
export function summarise(value: unknown): unknown {
  if (typeof value === 'string' && value.length > MAX_STRING) {
    return {
      length: value.length,
      sha256: createHash('sha256').update(value).digest('hex'),
    };
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(summarise);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, summarise(v)]));
  }
  return value;
}
