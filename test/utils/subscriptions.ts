import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { TestApp } from './create-app';

/** A graphql-ws client of a test app, listening on a free port of 127.0.0.1. */
export async function subscribe(
  t: TestApp,
  /** null: no token at all. */
  token: string | null = t.adminToken,
): Promise<Client> {
  if (!t.http.listening) await t.app.listen(0, '127.0.0.1');
  const address = t.http.address();
  if (!address || typeof address === 'string') throw new Error('the app is not listening on TCP');
  return createClient({
    url: `ws://127.0.0.1:${address.port}/graphql`,
    webSocketImpl: WebSocket,
    lazy: false,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
  });
}

/**
 * Collects the events of one subscription that pass `keep` (events of earlier writes can still
 * be in flight when a subscription starts); `next(n)` waits (bounded) for the n-th.
 */
export function collect<T>(
  client: Client,
  query: string,
  variables: Record<string, unknown>,
  keep: (event: T) => boolean = () => true,
) {
  const events: T[] = [];
  const errors: unknown[] = [];
  const dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) errors.push(value.errors);
        else if (keep(value.data as T)) events.push(value.data as T);
      },
      error: (e) => errors.push(e),
      complete: () => undefined,
    },
  );
  // graphql-ws does not acknowledge a subscription: give the server a moment to register it.
  const started = new Promise<void>((resolve) => setTimeout(resolve, 300));
  return {
    events,
    errors,
    started,
    dispose,
    /** The first error the subscription gets (bounded wait). */
    async error(timeoutMs = 10_000): Promise<unknown> {
      const deadline = Date.now() + timeoutMs;
      while (errors.length === 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
      }
      if (errors.length === 0) throw new Error(`no error within ${timeoutMs} ms`);
      return errors[0];
    },
    async next(n: number, timeoutMs = 10_000): Promise<T> {
      const deadline = Date.now() + timeoutMs;
      while (events.length < n && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
      }
      if (events.length < n) {
        throw new Error(
          `waited ${timeoutMs} ms for event ${n}; got ${events.length}; errors ${JSON.stringify(errors)}`,
        );
      }
      return events[n - 1];
    },
  };
}
