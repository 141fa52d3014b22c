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
