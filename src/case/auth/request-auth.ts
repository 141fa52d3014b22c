import type { Principal } from './policy';
import {
  AUTHENTICATION_MESSAGES,
  bearerOf,
  type AuthenticationFailure,
  type TokensService,
} from './tokens.service';

/**
 * A request's (or a WebSocket connection's) authentication, looked up once on first use: the
 * guard asks for it on every root field, the resolvers that scope or redact read it after.
 */
export class RequestAuth {
  private result?: Promise<Principal | AuthenticationFailure>;

  constructor(
    private readonly tokens: TokensService,
    private readonly authorization: string | undefined,
  ) {}

  /** The principal, or why there is none. */
  resolve(): Promise<Principal | AuthenticationFailure> {
    this.result ??= this.tokens.authenticate(bearerOf(this.authorization));
    return this.result;
  }

  /**
   * The review the token is bound to (its key); null for any other token. Only after the guard
   * (as `principal`): it throws, never widens, without one.
   */
  async reviewScope(): Promise<string | null> {
    return (await this.principal()).review;
  }

  /** The principal; only after the guard let the request through (so there is one). */
  async principal(): Promise<Principal> {
    const result = await this.resolve();
    if (typeof result === 'string') throw new Error(AUTHENTICATION_MESSAGES[result]);
    return result;
  }
}
