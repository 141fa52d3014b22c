/** Domain failure codes; the GraphQL edge maps each to a stable `extensions.code`. */
export enum DomainErrorCode {
  REPORT_NOT_FOUND = 'REPORT_NOT_FOUND',
  NODE_NOT_FOUND = 'NODE_NOT_FOUND',
  TEAM_NOT_FOUND = 'TEAM_NOT_FOUND',
  LINK_NOT_FOUND = 'LINK_NOT_FOUND',
  REPORT_EXISTS = 'REPORT_EXISTS',
  KEY_EXISTS = 'KEY_EXISTS',
  LINK_EXISTS = 'LINK_EXISTS',
  WRONG_NODE_KIND = 'WRONG_NODE_KIND',
  INVALID_CASE = 'INVALID_CASE',
  INVALID_INPUT = 'INVALID_INPUT',
  TOKEN_NOT_FOUND = 'TOKEN_NOT_FOUND',
  /** No valid bearer token. */
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** A valid token whose grant does not cover the request. */
  FORBIDDEN = 'FORBIDDEN',
  /** The report changed under a request (a concurrent write); retrying answers it. */
  CONCURRENT_CHANGE = 'CONCURRENT_CHANGE',
  /** A write's `expectedVersion` is not the report's current version: it changed since read. */
  STALE_VERSION = 'STALE_VERSION',
  /** The report's state forbids the change (a published argument is frozen; archived takes nothing). */
  REPORT_FROZEN = 'REPORT_FROZEN',
}

export interface DomainErrorIssue {
  readonly code: string;
  readonly message: string;
  readonly line: number | null;
  readonly keys: readonly string[];
}

/** Thrown by domain and service code; has no framework import. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly issues: readonly DomainErrorIssue[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
