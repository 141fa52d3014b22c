import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { reportKeyOfOperation } from '../auth/operation-report';
import type { Principal } from '../auth/policy';
import type { AuditEntryEntity } from '../../storage/entities/audit-entry.entity';
import { AuditRepository } from '../../storage/repositories/audit.repository';

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

  constructor(private readonly entries: AuditRepository) {}

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
      await this.entries.setOutcome(seq, outcome);
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
      return await this.entries.insert({
        actor: principal?.name ?? null,
        tokenId: principal?.tokenId ?? null,
        operation,
        reportKey: typeof report === 'string' ? report.slice(0, 80) : null,
        args: JSON.stringify(summarise(args)),
        outcome,
      });
    } catch (e) {
      this.logger.error(`could not record ${operation} by ${principal?.name ?? '?'}: ${String(e)}`);
      return null;
    }
  }

  /** Newest first; of one report when given. */
  list(options: { report?: string; limit: number; offset: number }): Promise<AuditEntryEntity[]> {
    return this.entries.list(options);
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
