import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { managerOf, type Tx } from '../database/transactions';
import type { RequestState } from '../../core/requests/information-request';
import { InformationRequestEntity } from '../entities/information-request.entity';

type NewRequestRow = Pick<
  InformationRequestEntity,
  'reportId' | 'reviewId' | 'team' | 'question' | 'nodeKeys' | 'dueAt' | 'askedBy'
>;

/** Which of a report's requests to list; all of them when empty. */
export interface RequestFilter {
  readonly state?: RequestState;
  readonly team?: string;
  /** Only those of this review (its id). */
  readonly reviewId?: string;
  /** Only those open past their due date at `now` (true), or not (false). */
  readonly overdue?: { readonly is: boolean; readonly now: Date };
}

/** Open requests of a report (key) to a team, and how many are past due: the gauges. */
export interface OpenRequestCount {
  readonly report: string;
  readonly team: string;
  readonly open: number;
  readonly overdue: number;
}

/** The writes of one request transaction (RequestsRepository.transaction). */
export class RequestWrites {
  constructor(private readonly em: EntityManager) {}

  /**
   * Holds the report's request numbering until the transaction ends: concurrent askers wait, so
   * what one reads of the report's requests stays true until it has inserted its own.
   */
  async lockNumbering(reportId: string): Promise<void> {
    await this.em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `loadbearing:request:${reportId}`,
    ]);
  }

  /**
   * The report's team keys as committed, its row held (FOR KEY SHARE) until the transaction
   * ends. A team's deletion or rename holds that row (FOR UPDATE) until it commits, so it has
   * either committed before this reads (its team is gone here) or waits for this transaction,
   * and then sees the requests it inserted: no request is left addressed to a team that is gone.
   */
  async teamKeys(reportId: string): Promise<Set<string>> {
    await this.em.query('SELECT 1 FROM report WHERE id = $1 FOR KEY SHARE', [reportId]);
    const rows = await this.em.query<{ key: string }[]>(
      'SELECT key FROM team WHERE report_id = $1',
      [reportId],
    );
    return new Set(rows.map((r) => r.key));
  }

  /** Whether the team has an open request of the report about the node. */
  async hasOpenAbout(reportId: string, team: string, nodeKey: string): Promise<boolean> {
    const rows = await this.em.query<unknown[]>(
      `SELECT 1 FROM information_request
        WHERE report_id = $1 AND team = $2 AND state = 'open' AND $3 = ANY(node_keys) LIMIT 1`,
      [reportId, team, nodeKey],
    );
    return rows.length > 0;
  }

  /** Numbers the request after the report's last; a lock keeps concurrent askers in line. */
  async insert(row: NewRequestRow): Promise<InformationRequestEntity> {
    await this.lockNumbering(row.reportId);
    const [{ last }] = await this.em.query<{ last: number | null }[]>(
      'SELECT max(number) AS last FROM information_request WHERE report_id = $1',
      [row.reportId],
    );
    const repo = this.em.getRepository(InformationRequestEntity);
    return repo.save(
      repo.create({
        ...row,
        number: (last ?? 0) + 1,
        state: 'open',
        answer: null,
        answeredBy: null,
        answeredAt: null,
        evidenceKeys: [],
        closedAt: null,
      }),
    );
  }

  /** The request with its review, its row locked for the move (FOR UPDATE). */
  findForUpdate(reportId: string, number: number): Promise<InformationRequestEntity | null> {
    return this.em
      .getRepository(InformationRequestEntity)
      .createQueryBuilder('q')
      .leftJoinAndSelect('q.review', 'review')
      .where('q.report_id = :reportId AND q.number = :number', { reportId, number })
      .setLock('pessimistic_write', undefined, ['q'])
      .getOne();
  }

  /** A review's state, its row locked until the transaction ends (FOR UPDATE). */
  async reviewStateForUpdate(reviewId: string): Promise<string | undefined> {
    const rows = await this.em.query<{ state: string }[]>(
      'SELECT state FROM review WHERE id = $1 FOR UPDATE',
      [reviewId],
    );
    return rows[0]?.state;
  }

  async save(request: InformationRequestEntity): Promise<InformationRequestEntity> {
    const { id, state, answer, answeredBy, answeredAt, evidenceKeys, closedAt } = request;
    await this.em
      .getRepository(InformationRequestEntity)
      .update({ id }, { state, answer, answeredBy, answeredAt, evidenceKeys, closedAt });
    return request;
  }
}

/** Information requests to teams (SPEC §7), of reviews and of the information gathering (§8). */
@Injectable()
export class RequestsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A write and what it checks, in one transaction: all or nothing. */
  transaction<T>(work: (writes: RequestWrites) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((em) => work(new RequestWrites(em)));
  }

  /**
   * Readdresses a report's requests to team `from` (open or not) to `to`, in the transaction of
   * the team's rename: requests name their team by key, as mitigations and steps do.
   */
  async renameTeam(tx: Tx, reportId: string, from: string, to: string): Promise<void> {
    await managerOf(tx).query(
      'UPDATE information_request SET team = $3 WHERE report_id = $1 AND team = $2',
      [reportId, from, to],
    );
  }

  /**
   * The numbers of a report's open requests to `team`, in order, in the transaction of the
   * team's deletion (which holds the report row: see RequestWrites.teamKeys).
   */
  async openNumbers(tx: Tx, reportId: string, team: string): Promise<number[]> {
    const rows = await managerOf(tx).query<{ number: number }[]>(
      `SELECT number FROM information_request
        WHERE report_id = $1 AND team = $2 AND state = 'open' ORDER BY number`,
      [reportId, team],
    );
    return rows.map((r) => Number(r.number));
  }

  /** A report's requests, by number, each with its review. */
  list(
    reportId: string,
    filter: RequestFilter,
    page: { offset: number; limit?: number },
  ): Promise<InformationRequestEntity[]> {
    const query = this.dataSource
      .getRepository(InformationRequestEntity)
      .createQueryBuilder('q')
      .leftJoinAndSelect('q.review', 'review')
      .where('q.report_id = :reportId', { reportId });
    if (filter.state) query.andWhere('q.state = :state', { state: filter.state });
    if (filter.team) query.andWhere('q.team = :team', { team: filter.team });
    if (filter.reviewId) query.andWhere('q.review_id = :reviewId', { reviewId: filter.reviewId });
    if (filter.overdue) {
      const overdue = "(q.state = 'open' AND q.due_at < :now)";
      query.andWhere(filter.overdue.is ? overdue : `NOT ${overdue}`, { now: filter.overdue.now });
    }
    return query.orderBy('q.number', 'ASC').skip(page.offset).take(page.limit).getMany();
  }

  /** With its review. */
  byId(id: string): Promise<InformationRequestEntity | null> {
    return this.dataSource
      .getRepository(InformationRequestEntity)
      .findOne({ where: { id }, relations: { review: true } });
  }

  /** The team a request of the report asks; undefined when there is no such request. */
  async teamOf(reportId: string, number: number): Promise<string | undefined> {
    const rows = await this.dataSource.query<{ team: string }[]>(
      'SELECT team FROM information_request WHERE report_id = $1 AND number = $2',
      [reportId, number],
    );
    return rows[0]?.team;
  }

  /** Open requests per report (key) and team, and how many of them are past due at `now`. */
  async openCounts(now: Date): Promise<OpenRequestCount[]> {
    const rows = await this.dataSource.query<
      { report: string; team: string; open: string; overdue: string }[]
    >(
      `SELECT r.key AS report, q.team, count(*) AS open,
              count(*) FILTER (WHERE q.due_at < $1) AS overdue
         FROM information_request q JOIN report r ON r.id = q.report_id
        WHERE q.state = 'open'
        GROUP BY r.key, q.team ORDER BY r.key, q.team`,
      [now],
    );
    return rows.map((r) => ({
      report: r.report,
      team: r.team,
      open: Number(r.open),
      overdue: Number(r.overdue),
    }));
  }
}
