import { randomUUID } from 'node:crypto';
import { managerOf } from '../../src/storage/database/transactions';
import { CaseNodeEntity } from '../../src/storage/entities/case-node.entity';
import { StatusChangeEntity } from '../../src/storage/entities/status-change.entity';
import { arrayLiteral, insertRows } from '../../src/storage/repositories/bulk-insert';
import { CaseStore } from '../../src/storage/repositories/case-store';
import { createMediumContext, type MediumContext } from '../utils/medium';

/** Values a naive text encoding would break: quotes, backslashes, braces, commas, NULL, Unicode. */
const AWKWARD = ['a"b', 'back\\slash', '{braces}', 'com,ma', 'NULL', '', 'ünï 🧪', 'new\nline'];

describe('insertRows: one array parameter per column, on a real database', () => {
  let ctx: MediumContext;
  let reportId: string;
  beforeAll(async () => {
    ctx = await createMediumContext();
    const report = await ctx.transactions.run((tx) =>
      new CaseStore().insertReport(tx, {
        key: 'bulk',
        title: 'bulk',
        model: null,
        previousKey: null,
        description: null,
        state: 'draft',
      }),
    );
    reportId = report.id;
  });
  afterAll(() => ctx.close());

  function nodeRow(position: number, overrides: Partial<CaseNodeEntity> = {}) {
    return {
      id: randomUUID(),
      reportId,
      kind: 'mitigation' as const,
      key: `m-${position}`,
      position,
      text: AWKWARD[position % AWKWARD.length],
      description: position % 2 ? null : `"${AWKWARD.join('\t')}"`,
      restricted: position % 3 === 0,
      previousKeys: AWKWARD.slice(0, position % (AWKWARD.length + 1)),
      scope: null,
      category: 'monitor',
      requiresMode: null,
      requiresAtLeast: null,
      assumed: false,
      status: 'in_place',
      teamId: null,
      effort: position === 1 ? 0.1 + 0.2 : null,
      probability: position === 2 ? 1e-300 : null,
      validUntil: null,
      pathwayKey: null,
      timeToHarm: null,
      // A century in seconds does not fit an integer column.
      verifyEvery: position === 3 ? 100 * 365 * 86_400 : null,
      lastVerified: position === 4 ? '2026-12-07T15:04:36.123Z' : null,
      ...overrides,
    };
  }

  it('writes every value as given, across several statements, and reads them back equal', async () => {
    // More rows than one statement takes, so the chunks join up.
    const rows = Array.from({ length: 4100 }, (_, i) => nodeRow(i));
    await ctx.transactions.run((tx) => insertRows(managerOf(tx), CaseNodeEntity, rows));
    const read = await ctx.dataSource.manager.find(CaseNodeEntity, {
      where: { reportId },
      order: { position: 'ASC' },
    });
    expect(read).toHaveLength(rows.length);
    expect(read.map((r) => ({ ...r }))).toEqual(rows);
  });

  it('leaves the columns a row does not set to their defaults, and returns rows in order', async () => {
    const change = (nodeKey: string) => ({
      reportId,
      nodeKey,
      nodeKind: 'mitigation' as const,
      fromStatus: null,
      toStatus: 'in_place',
      source: 'import' as const,
      actor: null,
      note: AWKWARD.join(' '),
    });
    const keys = Array.from({ length: 2500 }, (_, i) => `m-${i}`);
    const returned = await ctx.transactions.run((tx) =>
      insertRows(managerOf(tx), StatusChangeEntity, keys.map(change), ['seq', 'node_key']),
    );
    expect(returned.map((r) => r.node_key)).toEqual(keys);
    const seqs = returned.map((r) => BigInt(r.seq as string));
    expect(seqs.every((s, i) => i === 0 || s > seqs[i - 1])).toBe(true);
    const stored = await ctx.dataSource.manager.findOneByOrFail(StatusChangeEntity, {
      reportId,
      nodeKey: 'm-7',
    });
    expect(stored.changedAt).toBeInstanceOf(Date);
    expect(stored.note).toBe(AWKWARD.join(' '));
  });

  it('refuses rows that set different columns, before writing any', async () => {
    const rows = [nodeRow(9000), { ...nodeRow(9001), effort: undefined }];
    await expect(
      ctx.transactions.run((tx) => insertRows(managerOf(tx), CaseNodeEntity, rows)),
    ).rejects.toThrow('insertRows(case_node): row 1 lacks effort, unlike row 0');
    expect(await ctx.dataSource.manager.countBy(CaseNodeEntity, { key: 'm-9000' })).toBe(0);
  });

  it('writes an array as PostgreSQL text, quoting every element', () => {
    expect(arrayLiteral([])).toBe('{}');
    expect(arrayLiteral(['a"b', 'c\\d', 'NULL'])).toBe('{"a\\"b","c\\\\d","NULL"}');
  });
});
