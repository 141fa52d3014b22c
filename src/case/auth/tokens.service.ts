import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Case } from '../../core/case-model/case';
import { findStep, type StepRef } from '../../core/case-model/response-steps';
import { DomainError, DomainErrorCode } from '../../core/shared/domain-error';
import { CaseVersions } from '../cases/case-versions';
import type { TeamTokenCache } from '../cases/team-removal';
import type { AccessTokenEntity } from '../../storage/entities/access-token.entity';
import {
  AccessTokensRepository,
  type TokenGrantRow,
} from '../../storage/repositories/access-tokens.repository';
import type { ReviewEntity } from '../../storage/entities/review.entity';
import { RequestsRepository } from '../../storage/repositories/requests.repository';
import { ReviewsRepository } from '../../storage/repositories/reviews.repository';
import { authoriseManagement, type Principal, type Role } from './policy';

/** Why a request is not authenticated; the API says so in its UNAUTHENTICATED error. */
export type AuthenticationFailure = 'missing' | 'unknown' | 'revoked' | 'expired';

export const AUTHENTICATION_MESSAGES: Record<AuthenticationFailure, string> = {
  missing: 'a bearer token is required (Authorization: Bearer <token>)',
  unknown: 'the bearer token is not known',
  revoked: 'the bearer token was revoked',
  expired: 'the bearer token has expired',
};

export interface NewToken {
  readonly name: string;
  readonly role: Role;
  readonly report?: string | null;
  readonly team?: string | null;
  readonly clearance?: boolean;
  /** A reviewer token for this review (its key) of `report` only. */
  readonly review?: string | null;
  readonly expiresAt?: Date | null;
}

/** A token as listed: never its secret. */
export interface TokenView {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly report: string | null;
  readonly team: string | null;
  readonly clearance: boolean;
  readonly review: string | null;
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
  readonly createdBy: string | null;
  readonly createdAt: Date;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const newSecret = () => `lb_${randomBytes(32).toString('base64url')}`;
const NO_EXTRAS = {
  reportId: null,
  reviewId: null,
  team: null,
  expiresAt: null,
  revokedAt: null,
  createdBy: null,
} as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function bearerOf(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
}

const forbidden = (reason: string) => new DomainError(DomainErrorCode.FORBIDDEN, reason);

/**
 * How long authenticate() trusts a known token's row without reading it again. A token revoked
 * on another instance (or with the CLI) is refused here within this time; one revoked on this
 * instance is refused at once (revoke() drops it). Expiry is checked on every call regardless.
 */
export const TOKEN_CACHE_TTL_MS = 5_000;
/** Known tokens remembered at most; the oldest read goes first. Unknown tokens never are. */
export const TOKEN_CACHE_MAX_ENTRIES = 10_000;

/** What authenticate() needs of a token's row, and when it was read (ms, by its `now`). */
interface KnownToken {
  readonly principal: Principal;
  readonly expiresAt: number | null;
  readonly revoked: boolean;
  readonly readAt: number;
}

function knownTokenOf(row: TokenGrantRow, readAt: number): KnownToken {
  return {
    // Shared by every request the entry answers: frozen, so none can change it for the others.
    principal: Object.freeze({
      tokenId: row.id,
      name: row.name,
      role: row.role as Role,
      reportId: row.report_id,
      team: row.team,
      // A review's tokens see what the review may: its clearance, not the token's.
      clearance: row.review_key === null ? row.clearance : row.review_clearance === 'full',
      review: row.review_key,
    }),
    expiresAt: row.expires_at === null ? null : new Date(row.expires_at).getTime(),
    revoked: row.revoked_at !== null,
    readAt,
  };
}

@Injectable()
export class TokensService implements TeamTokenCache {
  /** Known tokens by hash, oldest read first (TOKEN_CACHE_TTL_MS). */
  private readonly known = new Map<string, KnownToken>();
  /**
   * Bumped by each revoke() and forgetTeam(): a read that started before one does not fill the
   * cache (it may have read the row as it was).
   */
  private invalidations = 0;

  constructor(
    private readonly tokens: AccessTokensRepository,
    private readonly versions: CaseVersions,
    private readonly reviews: ReviewsRepository,
    private readonly requests: RequestsRepository,
  ) {}

  /**
   * The principal a bearer token stands for, or why there is none. A known token's row is read
   * at most once per TOKEN_CACHE_TTL_MS of `now` (a clock that goes back reads it again).
   */
  async authenticate(
    token: string | undefined,
    now = new Date(),
  ): Promise<Principal | AuthenticationFailure> {
    if (!token) return 'missing';
    const hash = hashOf(token);
    const at = now.getTime();
    let known = this.known.get(hash);
    if (!known || at < known.readAt || at - known.readAt >= TOKEN_CACHE_TTL_MS) {
      const invalidations = this.invalidations;
      const row = await this.tokens.grantOf(hash);
      this.known.delete(hash);
      if (!row) return 'unknown';
      known = knownTokenOf(row, at);
      if (invalidations === this.invalidations) this.remember(hash, known);
    }
    if (known.revoked) return 'revoked';
    if (known.expiresAt !== null && known.expiresAt <= at) return 'expired';
    return known.principal;
  }

  /**
   * Creates a token and returns its secret, which is not stored. `creator` null: the service
   * itself (the first admin token, the CLI); otherwise the creator must manage the token's report
   * and cannot hand out more than it holds.
   */
  async create(
    creator: Principal | null,
    input: NewToken,
  ): Promise<{ token: string; view: TokenView }> {
    const name = input.name.trim();
    if (!name || name.length > 200) {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        'a token needs a name of 1 to 200 characters',
      );
    }
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
      throw new DomainError(DomainErrorCode.INVALID_INPUT, 'expiresAt must be in the future');
    }
    const report = input.report ? await this.versions.getReport(input.report) : null;
    if (creator) {
      const decision = authoriseManagement(creator, report?.id);
      if (!decision.allowed) throw forbidden(decision.reason);
      if (input.clearance && !creator.clearance) {
        throw forbidden('a token without clearance cannot grant it');
      }
    }
    if (input.role === 'metrics' && report) {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        'metrics cover every report: a metrics token cannot be bound to one',
      );
    }
    if (input.team && input.role !== 'editor') {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        'only editor tokens can be scoped to a team',
      );
    }
    const review = input.review ? await this.reviewOf(report, input) : null;
    if (creator && review?.clearance === 'full' && !creator.clearance) {
      throw forbidden('a token without clearance cannot grant it (the review has full clearance)');
    }
    const token = newSecret();
    const row = await this.tokens.insert({
      name,
      tokenHash: hashOf(token),
      role: input.role,
      reportId: report?.id ?? null,
      team: input.team ?? null,
      clearance: input.clearance ?? false,
      reviewId: review?.id ?? null,
      expiresAt: input.expiresAt ?? null,
      revokedAt: null,
      createdBy: creator?.name ?? null,
    });
    const view = this.viewOf({ ...row, review: review ?? undefined });
    return { token, view: { ...view, report: report?.key ?? null } };
  }

  /**
   * The review a reviewer token is bound to: of the token's report; its clearance is the
   * review's, so the token gives none of its own.
   */
  private async reviewOf(
    report: { id: string; key: string } | null,
    input: NewToken,
  ): Promise<ReviewEntity> {
    if (!report || input.role !== 'reviewer') {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        'only a reviewer token bound to a report can be bound to one of its reviews',
      );
    }
    if (input.clearance) {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        "a review's tokens see what the review's clearance allows: give the token no clearance",
      );
    }
    const review = await this.reviews.findReview(report.id, input.review!);
    if (!review) {
      throw new DomainError(
        DomainErrorCode.NODE_NOT_FOUND,
        `report '${report.key}' has no review '${input.review}'`,
      );
    }
    return review;
  }

  /** The tokens `principal` may manage: those of its report, or all for an unbound owner. */
  async list(principal: Principal | null, report?: string): Promise<TokenView[]> {
    const scope = report ? await this.versions.getReport(report) : null;
    if (principal) {
      const decision = authoriseManagement(principal, scope?.id ?? principal.reportId ?? undefined);
      if (!decision.allowed) throw forbidden(decision.reason);
    }
    const reportId = scope?.id ?? principal?.reportId ?? undefined;
    return (await this.tokens.list(reportId)).map((row) => this.viewOf(row));
  }

  async revoke(principal: Principal | null, id: string): Promise<TokenView> {
    const row = UUID.test(id) ? await this.tokens.findById(id) : null;
    if (!row) throw new DomainError(DomainErrorCode.TOKEN_NOT_FOUND, `no token with id ${id}`);
    if (principal) {
      const decision = authoriseManagement(principal, row.reportId ?? undefined);
      if (!decision.allowed) throw forbidden(decision.reason);
    }
    if (!row.revokedAt) {
      row.revokedAt = new Date();
      await this.tokens.revoke(id, row.revokedAt);
    }
    // Refused from now on by this instance, including by reads already under way.
    this.known.delete(row.tokenHash);
    this.invalidations++;
    return this.viewOf(row);
  }

  /**
   * Forgets the remembered tokens of the report scoped to `team`, once a rename of that team
   * moved them to its new key (AccessTokensRepository.renameTeam), or its deletion revoked them
   * (AccessTokensRepository.revokeTeam), and committed: the next request of each reads its row
   * again (its new team, or its revocation), on this instance at once (other instances within
   * TOKEN_CACHE_TTL_MS, as for a revocation).
   */
  forgetTeam(reportId: string, team: string): void {
    for (const [hash, known] of this.known) {
      if (known.principal.reportId === reportId && known.principal.team === team) {
        this.known.delete(hash);
      }
    }
    this.invalidations++;
  }

  async view(id: string): Promise<TokenView> {
    const row = UUID.test(id) ? await this.tokens.findById(id) : null;
    if (!row) throw new DomainError(DomainErrorCode.TOKEN_NOT_FOUND, `no token with id ${id}`);
    return this.viewOf(row);
  }

  /**
   * The first token of an installation: an owner of every report, with clearance. Created only
   * when no token exists, under a lock, so instances starting together create one between them.
   */
  async createFirstAdminToken(): Promise<string | undefined> {
    const token = newSecret();
    const created = await this.tokens.insertIfNone({
      ...NO_EXTRAS,
      name: 'admin',
      tokenHash: hashOf(token),
      role: 'owner',
      clearance: true,
    });
    return created ? token : undefined;
  }

  /** The id of a report the principal may read, by key; undefined when there is none. */
  async reportIdOf(key: string): Promise<string | undefined> {
    return (await this.versions.findReport(key))?.id;
  }

  /** The key of the report a report iterates on (SPEC §6); null when none. */
  async previousOf(reportId: string): Promise<string | null> {
    return (await this.versions.findReport({ id: reportId }))?.previousKey ?? null;
  }

  /** The team an information request of the report asks; undefined when there is none. */
  requestTeam(reportId: string, number: number): Promise<string | undefined> {
    return this.requests.teamOf(reportId, number);
  }

  /** The team that acts in a response step (null: none); undefined when there is no such step. */
  async stepTeam(reportId: string, ref: StepRef): Promise<string | null | undefined> {
    const c = await this.currentCase(reportId);
    return c && findStep(c, ref)?.team;
  }

  /** The team key of a mitigation (null: no team, or no such mitigation). */
  async mitigationTeam(reportId: string, key: string): Promise<string | null> {
    const c = await this.currentCase(reportId);
    return c?.mitigations.find((m) => m.key === key)?.team ?? null;
  }

  /** The report's case at its current version; undefined when there is no such report. */
  private async currentCase(reportId: string): Promise<Case | undefined> {
    const report = await this.versions.findReport({ id: reportId });
    return report ? (await this.versions.of(report)).stored.case : undefined;
  }

  private remember(hash: string, known: KnownToken): void {
    if (this.known.size >= TOKEN_CACHE_MAX_ENTRIES) {
      const oldest = this.known.keys().next();
      if (!oldest.done) this.known.delete(oldest.value);
    }
    this.known.set(hash, known);
  }

  private viewOf(row: AccessTokenEntity): TokenView {
    return {
      id: row.id,
      name: row.name,
      role: row.role as Role,
      report: row.report?.key ?? null,
      team: row.team,
      clearance: row.review ? row.review.clearance === 'full' : row.clearance,
      review: row.review?.key ?? null,
      expiresAt: row.expiresAt,
      revokedAt: row.revokedAt,
      createdBy: row.createdBy,
      createdAt: row.createdAt,
    };
  }
}
