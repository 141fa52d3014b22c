import { createClient, type Client } from 'graphql-ws';
import { getToken } from './token';

/** An error the API answered with: its message names the bad key, its code is stable. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

interface GqlResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** POSTs one GraphQL document to the service that served this page. */
export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      ...(getToken() ? { Authorization: `Bearer ${getToken()}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json().catch(() => ({}))) as GqlResponse<T>;
  const error = body.errors?.[0];
  if (error) throw new ApiError(error.message, error.extensions?.code);
  if (!response.ok || !body.data) throw new ApiError(`HTTP ${response.status}`);
  return body.data;
}

let wsClient: Client | undefined;
let connected = false;
const connectionListeners = new Set<(connected: boolean) => void>();

/** One graphql-ws connection for the page, opened on first use and re-opened after a drop. */
function subscriptions(): Client {
  if (wsClient) return wsClient;
  const url = new URL('/graphql', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  wsClient = createClient({
    url: url.toString(),
    retryAttempts: Infinity,
    lazy: true,
    // Read on every (re)connection, so a new sign-in applies.
    connectionParams: () => ({ authorization: `Bearer ${getToken() ?? ''}` }),
  });
  const announce = (state: boolean) => {
    connected = state;
    connectionListeners.forEach((listener) => listener(state));
  };
  wsClient.on('connected', () => announce(true));
  wsClient.on('closed', () => announce(false));
  return wsClient;
}

export interface ArgumentChange {
  version: number;
  changes: { key: string; to: string }[];
  broken: { key: string }[];
  restored: { key: string }[];
}

/** Calls `onChange` for every status change of the report; returns the unsubscribe function. */
export function onArgumentChanged(
  report: string,
  onChange: (change: ArgumentChange) => void,
  onConnection: (connected: boolean) => void,
): () => void {
  const client = subscriptions();
  connectionListeners.add(onConnection);
  onConnection(connected);
  const dispose = client.subscribe<{ argumentChanged: ArgumentChange }>(
    {
      query: `subscription Live($report: String!) {
        argumentChanged(report: $report) { version changes { key to } broken { key } restored { key } }
      }`,
      variables: { report },
    },
    {
      next: ({ data }) => data && onChange(data.argumentChanged),
      error: () => onConnection(false),
      complete: () => undefined,
    },
  );
  return () => {
    dispose();
    connectionListeners.delete(onConnection);
  };
}

/**
 * Calls `onEvent` for each finding added to the report's reviews and each answer to its
 * information requests; returns the unsubscribe function.
 */
export function onReviewActivity(report: string, onEvent: () => void): () => void {
  const client = subscriptions();
  const disposers = [
    'findingAdded(report: $report) { number }',
    'informationRequestAnswered(report: $report) { number }',
  ].map((field) =>
    client.subscribe(
      {
        query: `subscription ReviewActivity($report: String!) { ${field} }`,
        variables: { report },
      },
      { next: () => onEvent(), error: () => undefined, complete: () => undefined },
    ),
  );
  return () => disposers.forEach((dispose) => dispose());
}
