import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { CaseService } from '../../src/case/cases/case.service';
import { CaseVersions } from '../../src/case/cases/case-versions';
import { TeamRemoval } from '../../src/case/cases/team-removal';
import { NodesService } from '../../src/case/cases/nodes.service';
import { buildDataSourceOptions } from '../../src/storage/database/data-source';
import { Transactions } from '../../src/storage/database/transactions';
import { AccessTokensRepository } from '../../src/storage/repositories/access-tokens.repository';
import { CaseStore } from '../../src/storage/repositories/case-store';
import { RequestsRepository } from '../../src/storage/repositories/requests.repository';
import { StatusHistoryRepository } from '../../src/storage/repositories/status-history.repository';
import { createTestDatabase } from './test-db';

/**
 * The medium tier (as immich's): domain services over their real repositories on this test
 * file's own database (PostgreSQL from DATABASE_URL, else embedded PGlite), without Nest's
 * HTTP and GraphQL layers. Services are built by hand, as the CLI builds them.
 */
export interface MediumContext {
  readonly dataSource: DataSource;
  readonly transactions: Transactions;
  readonly cases: CaseService;
  readonly versions: CaseVersions;
  readonly nodes: NodesService;
  readonly history: StatusHistoryRepository;
  close(): Promise<void>;
}

export async function createMediumContext(): Promise<MediumContext> {
  const db = await createTestDatabase();
  const dataSource = new DataSource(
    buildDataSourceOptions(
      db.kind === 'server'
        ? { kind: 'server', url: db.url }
        : { kind: 'embedded', database: db.database },
    ),
  );
  await dataSource.initialize();
  const store = new CaseStore();
  const transactions = new Transactions(dataSource);
  const versions = new CaseVersions(transactions, store);
  const teamRemoval = new TeamRemoval(
    new RequestsRepository(dataSource),
    new AccessTokensRepository(dataSource),
  );
  const cases = new CaseService(transactions, store, versions, teamRemoval);
  return {
    dataSource,
    transactions,
    cases,
    versions,
    nodes: new NodesService(cases, versions),
    history: new StatusHistoryRepository(dataSource),
    close: async () => {
      await dataSource.destroy();
      await db.drop();
    },
  };
}
