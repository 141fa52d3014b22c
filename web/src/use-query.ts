import { useEffect, useState } from 'preact/hooks';
import { gql } from './api';

export interface QueryState<T> {
  data?: T;
  error?: Error;
  loading: boolean;
}

/**
 * Runs a query whenever its variables (compared as JSON) or `refresh` change. Keeps the previous
 * answer on screen while the next one loads, so live updates do not flicker; `skip` holds off.
 */
export function useQuery<T>(
  query: string,
  variables: Record<string, unknown>,
  refresh: number,
  skip = false,
): QueryState<T> {
  const [state, setState] = useState<QueryState<T>>({ loading: !skip });
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (skip) return;
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    gql<T>(query, JSON.parse(key) as Record<string, unknown>).then(
      (data) => current && setState({ data, loading: false }),
      (error: Error) => current && setState({ error, loading: false }),
    );
    return () => {
      current = false;
    };
  }, [query, key, refresh, skip]);
  return state;
}
