import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { managerOf, type Tx } from '../database/transactions';
import { AccessTokenEntity } from '../entities/access-token.entity';

/** What authentication reads of a token, by its hash: the row and its review's key and clearance. */
export interface TokenGrantRow {
  id: string;
  name: string;
  role: string;
  report_id: string | null;
  team: string | null;
  clearance: boolean;
  review_key: string | null;
  review_clearance: string | null;
  expires_at: Date | string | null;
  revoked_at: Date | string | null;
}

/** A new token's row (its secret is never stored, only its hash). */
export type NewTokenRow = Pick<
  AccessTokenEntity,
  | 'name'
  | 'tokenHash'
  | 'role'
  | 'reportId'
  | 'team'
  | 'clearance'
  | 'reviewId'
  | 'expiresAt'
  | 'revokedAt'
  | 'createdBy'
>;

/** Access tokens: each row with its report and review, for the token views. */
@Injectable()
export class AccessTokensRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One query, on every authentication the token cache does not answer. */
  async grantOf(tokenHash: string): Promise<TokenGrantRow | null> {
    const rows = await this.dataSource.query<TokenGrantRow[]>(
      `SELECT t.id, t.name, t.role, t.report_id, t.team, t.clearance, t.expires_at,
              t.revoked_at, r.key AS review_key, r.clearance AS review_clearance
         FROM access_token t LEFT JOIN review r ON r.id = t.review_id
        WHERE t.token_hash = $1`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  insert(row: NewTokenRow): Promise<AccessTokenEntity> {
    return this.dataSource.getRepository(AccessTokenEntity).save(row);
  }

  /** Of one report, or all; oldest first. */
  list(reportId?: string): Promise<AccessTokenEntity[]> {
    return this.dataSource.getRepository(AccessTokenEntity).find({
      where: reportId ? { reportId } : {},
      relations: { report: true, review: true },
      order: { createdAt: 'ASC', name: 'ASC' },
    });
  }

  findById(id: string): Promise<AccessTokenEntity | null> {
    return this.dataSource
      .getRepository(AccessTokenEntity)
      .findOne({ where: { id }, relations: { report: true, review: true } });
  }

  /** Sets revokedAt unless the token is revoked already (a first revocation's time stands). */
  async revoke(id: string, at: Date): Promise<void> {
    await this.dataSource
      .getRepository(AccessTokenEntity)
      .update({ id, revokedAt: IsNull() }, { revokedAt: at });
  }

  /**
   * Moves the report's tokens scoped to team `from` to `to`, in the transaction of the team's
   * rename, so that they keep acting for the renamed team (and not for a new team later given
   * the old key). A token bound to no report (`report_id` null, good for every report) keeps
   * its team key: other reports may have a team of that key.
   */
  async renameTeam(tx: Tx, reportId: string, from: string, to: string): Promise<void> {
    await managerOf(tx).query(
      'UPDATE access_token SET team = $3 WHERE report_id = $1 AND team = $2',
      [reportId, from, to],
    );
  }

  /**
   * Revokes the report's tokens scoped to `team` (those not revoked already: a first
   * revocation's time stands), in the transaction of the team's deletion, so that none acts for
   * a team later given that key. A token bound to no report keeps working, as for renameTeam:
   * other reports may have a team of that key.
   */
  async revokeTeam(tx: Tx, reportId: string, team: string): Promise<void> {
    await managerOf(tx).query(
      `UPDATE access_token SET revoked_at = now()
        WHERE report_id = $1 AND team = $2 AND revoked_at IS NULL`,
      [reportId, team],
    );
  }

  /**
   * Inserts `row` only when there is no token at all, under a lock, so instances starting
   * together insert one between them. Whether it was inserted.
   */
  insertIfNone(row: NewTokenRow): Promise<boolean> {
    return this.dataSource.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['loadbearing:first-token']);
      if ((await em.getRepository(AccessTokenEntity).count()) > 0) return false;
      await em.getRepository(AccessTokenEntity).save(row);
      return true;
    });
  }
}
