import type { RequestAuth } from '../auth/request-auth';
import type { StatusSource } from './status-change.entity';

/** Where a write came from, as recorded in the status history. */
export interface ChangeOrigin {
  readonly source: StatusSource;
  /** A token name or a system; null when anonymous. */
  readonly actor: string | null;
  readonly note: string | null;
}

export const API_ORIGIN: ChangeOrigin = { source: 'api', actor: null, note: null };
export const IMPORT_ORIGIN: ChangeOrigin = { source: 'import', actor: null, note: null };

/** A change through the API, by the token of the request. */
export async function apiOrigin(
  auth: RequestAuth,
  note: string | undefined,
): Promise<ChangeOrigin> {
  return { source: 'api', actor: (await auth.principal()).name, note: note ?? null };
}
