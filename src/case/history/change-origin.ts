import type { StatusSource } from '../../storage/entities/status-change.entity';

/** Where a write came from, as recorded in the status history. */
export interface ChangeOrigin {
  readonly source: StatusSource;
  /** A token name or a system; null when anonymous. */
  readonly actor: string | null;
  readonly note: string | null;
}

export const API_ORIGIN: ChangeOrigin = { source: 'api', actor: null, note: null };
export const IMPORT_ORIGIN: ChangeOrigin = { source: 'import', actor: null, note: null };
