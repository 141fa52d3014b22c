import type { ValueTransformer } from 'typeorm';

/**
 * Durations in seconds are bigint columns (a century does not fit an integer) read back as
 * numbers: node-postgres gives bigints as strings, and every duration is far below 2^53.
 */
export const SECONDS: ValueTransformer = {
  to: (v: number | null) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};

/** Instants are timestamptz columns kept in the model as ISO strings, so that diffs compare values. */
export const ISO_INSTANT: ValueTransformer = {
  to: (v: string | null) => v,
  from: (v: Date | null) => v?.toISOString() ?? null,
};
