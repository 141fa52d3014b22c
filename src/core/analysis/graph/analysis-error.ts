export type AnalysisErrorCode =
  | 'UNKNOWN_KEY'
  | 'NOT_A_BASIC_EVENT'
  | 'NOT_AN_ARGUMENT'
  | 'INVALID_MAX_ORDER'
  | 'INVALID_LIMIT'
  | 'INVALID_BUDGET';

/**
 * A bad request to the analysis core (unknown key, wrong kind of node, out-of-range option). Plain
 * TypeScript so the core stays framework-free; the API edge maps `code` to a GraphQL error.
 */
export class AnalysisError extends Error {
  override readonly name = 'AnalysisError';

  constructor(
    readonly code: AnalysisErrorCode,
    message: string,
    /** The offending keys, ascending. */
    readonly keys: readonly string[] = [],
  ) {
    super(message);
  }
}
