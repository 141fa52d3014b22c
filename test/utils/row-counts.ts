import type { DataSource } from 'typeorm';
import { TABLES } from './fixtures';

/** Row counts of every table, to assert that a refused write left nothing behind. */
export async function rowCounts(dataSource: DataSource): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const [{ n }] = await dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM "${table}"`);
    counts[table] = Number(n);
  }
  return counts;
}

/**
 * What a refused write must leave as it was: the row counts, the status history and every
 * report's version (the audit log, which records refusals too, is left out).
 */
export async function savedState(dataSource: DataSource): Promise<{
  counts: Record<string, number>;
  history: number;
  versions: Record<string, number>;
}> {
  const [{ n }] = await dataSource.query<{ n: string }[]>(
    'SELECT count(*) AS n FROM "status_change"',
  );
  const reports = await dataSource.query<{ key: string; version: number }[]>(
    'SELECT "key", "version" FROM "report" ORDER BY "key"',
  );
  return {
    counts: await rowCounts(dataSource),
    history: Number(n),
    versions: Object.fromEntries(reports.map((r) => [r.key, Number(r.version)])),
  };
}
