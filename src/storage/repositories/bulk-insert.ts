import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * Rows per statement. Each statement's parameters are copied whole into the database's memory,
 * and embedded PGlite's WebAssembly memory never shrinks: chunks keep that copy small.
 */
const ROWS_PER_STATEMENT = 2000;

/**
 * Inserts `rows` of an entity as `INSERT … SELECT FROM unnest($1::type[], …)`: one array
 * parameter per column, whatever the number of rows. TypeORM's query builder takes one
 * parameter per value instead, and building and parsing a statement of tens of thousands of
 * parameters cost more than the insert (a 28,000-node import spent about 2 s there).
 *
 * The columns written are those a row sets (column transformers applied); the others take
 * their defaults. Every row must set the same columns. With `returning`, the rows RETURNING
 * gives (in practice in the order of `rows`, which PostgreSQL does not promise; the rows are
 * inserted in that order, so sequences count up along them).
 */
export async function insertRows<T extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<T>,
  rows: readonly Partial<T>[],
  returning?: readonly string[],
): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) return [];
  const meta = em.connection.getMetadata(entity);
  const columns = meta.columns.filter((c) => c.getEntityValue(rows[0]) !== undefined);
  const set = new Set(columns);
  for (const [i, row] of rows.entries()) {
    const other = meta.columns.find((c) => set.has(c) !== (c.getEntityValue(row) !== undefined));
    if (other) {
      throw new Error(
        `insertRows(${meta.tableName}): row ${i} ${set.has(other) ? 'lacks' : 'sets'} ${other.propertyName}, unlike row 0`,
      );
    }
  }
  const types = columns.map((c) => em.connection.driver.normalizeType(c));
  const names = columns.map((c) => `"${c.databaseName}"`).join(', ');
  // An array column travels as one array literal per row (unnest would flatten a 2-D array).
  const selected = columns
    .map((c, i) => (c.isArray ? `"c${i}"::${types[i]}[]` : `"c${i}"`))
    .join(', ');
  const unnested = columns.map((c, i) => `$${i + 1}::${c.isArray ? 'text' : types[i]}[]`);
  const sql =
    `INSERT INTO "${meta.tableName}" (${names}) ` +
    `SELECT ${selected} FROM unnest(${unnested.join(', ')}) WITH ORDINALITY ` +
    `AS r(${columns.map((_, i) => `"c${i}"`).join(', ')}, "n") ORDER BY "n"` +
    (returning ? ` RETURNING ${returning.map((r) => `"${r}"`).join(', ')}` : '');

  const returned: Record<string, unknown>[] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
    const parameters = columns.map((c) => chunk.map((row) => databaseValue(c, row)));
    const result = await em.query<Record<string, unknown>[]>(sql, parameters);
    if (returning) returned.push(...result);
  }
  return returned;
}

function databaseValue(column: ColumnMetadata, row: ObjectLiteral): unknown {
  const value: unknown = column.getEntityValue(row, true);
  if (!column.isArray || value === null) return value;
  return arrayLiteral(value as readonly string[]);
}

/** PostgreSQL's text form of a text[] value: every element quoted, `"` and `\` escaped. */
export function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}
