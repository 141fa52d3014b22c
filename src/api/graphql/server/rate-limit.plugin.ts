import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { GqlContext } from '../context/context';

const WINDOW_MS = 60_000;

/**
 * Requests per minute per key, in memory (so per instance), as a sliding window counter: each
 * key keeps its count in the current minute and in the one before, and the previous minute's
 * count is weighted by how much of it the last 60 s still cover. Two numbers per active key;
 * keys idle for two minutes are dropped once a minute.
 */
export class RateLimiter {
  private readonly counts = new Map<
    string,
    { window: number; current: number; previous: number }
  >();
  private sweptWindow = -1;

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request for `key`: null when allowed, else the seconds until one would be. */
  take(key: string): number | null {
    const now = this.now();
    const window = Math.floor(now / WINDOW_MS);
    this.sweep(window);
    let c = this.counts.get(key);
    if (!c) {
      c = { window, current: 0, previous: 0 };
      this.counts.set(key, c);
    } else if (c.window !== window) {
      c.previous = c.window === window - 1 ? c.current : 0;
      c.current = 0;
      c.window = window;
    }
    const elapsed = (now - window * WINDOW_MS) / WINDOW_MS;
    // (The epsilon: a request made exactly when Retry-After said it would fit does fit.)
    if (c.previous * (1 - elapsed) + c.current + 1 <= this.perMinute + 1e-9) {
      c.current++;
      return null;
    }
    // The earliest instant at which one more request fits, if no other is counted meanwhile.
    const free = this.perMinute - 1;
    const at =
      c.current <= free
        ? (window + 1 - (free - c.current) / c.previous) * WINDOW_MS
        : (window + 2 - free / c.current) * WINDOW_MS;
    return Math.max(1, Math.ceil((at - now) / 1000));
  }

  /** Keys being tracked (for tests). */
  get size(): number {
    return this.counts.size;
  }

  private sweep(window: number): void {
    if (window === this.sweptWindow) return;
    this.sweptWindow = window;
    for (const [key, c] of this.counts) {
      if (c.window < window - 1) this.counts.delete(key);
    }
  }
}

/**
 * Per-token rate limit of GraphQL requests over HTTP (RATE_LIMIT_PER_MINUTE; 0: none). Each
 * request of a valid token counts as it starts, whatever becomes of it; over the limit it is
 * refused before it runs: HTTP 429 with Retry-After, and a GraphQL error with code
 * RATE_LIMITED. (The refusal waits for didResolveOperation, after parsing and validation, which
 * Apollo caches per document: errors thrown earlier become 500s.) The token is the one the
 * request's RequestAuth resolves, memoised: the guard reuses it, so this costs no lookup of its
 * own. Requests without a valid token are not counted: the guard refuses them.
 */
export function rateLimitPlugin(perMinute: number): ApolloServerPlugin<GqlContext> {
  if (perMinute <= 0) return {};
  const limiter = new RateLimiter(perMinute);
  return {
    async requestDidStart({ contextValue }) {
      const principal = await contextValue.auth.resolve();
      if (typeof principal === 'string') return;
      const retryAfter = limiter.take(principal.tokenId);
      if (retryAfter === null) return;
      const refusal = rateLimited(perMinute, retryAfter);
      return { didResolveOperation: () => Promise.reject(refusal) };
    },
  };
}

function rateLimited(perMinute: number, retryAfter: number): GraphQLError {
  return new GraphQLError(
    `rate limit exceeded: at most ${perMinute} requests a minute per token; retry in ${retryAfter} s`,
    {
      extensions: {
        code: 'RATE_LIMITED',
        retryAfter,
        http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfter)]]) },
      },
    },
  );
}
