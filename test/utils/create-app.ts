import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { AppConfigService } from '../../src/config/app-config.service';
import { EmbeddedDatabase } from '../../src/database/embedded-database';
import { createTestDatabase, type TestDatabase } from './test-db';

export interface TestApp {
  readonly app: INestApplication;
  readonly dataSource: DataSource;
  /** Sends a GraphQL document; returns the parsed body. */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GqlResponse<T>>;
  close(): Promise<void>;
}

export interface GqlError {
  message: string;
  extensions?: {
    code?: string;
    reason?: string;
    issues?: { code: string; message: string; line: number | null; keys: string[] }[];
  };
}
export interface GqlResponse<T> {
  data?: T | null;
  errors?: GqlError[];
}

/** The real AppModule on this test file's own database; only configuration is overridden. */
export async function createTestApp(): Promise<TestApp> {
  const db: TestDatabase = await createTestDatabase();
  const config = {
    databaseUrl: db.kind === 'server' ? db.url : undefined,
    dataDir: '/nonexistent',
    port: 0,
    isProduction: false,
    seedExample: false,
  };
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(AppConfigService)
    .useValue(config)
    .overrideProvider(EmbeddedDatabase)
    .useValue(
      db.kind === 'embedded' ? EmbeddedDatabase.of(db.pglite, false) : EmbeddedDatabase.none(),
    )
    .compile();
  const app = configureApp(moduleRef.createNestApplication({ logger: ['error', 'warn'] }));
  await app.init();
  return {
    app,
    dataSource: app.get(DataSource),
    async gql<T>(query: string, variables?: Record<string, unknown>) {
      const res = await request(app.getHttpServer()).post('/graphql').send({ query, variables });
      return res.body as GqlResponse<T>;
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
