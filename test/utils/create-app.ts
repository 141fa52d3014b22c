import { mkdtempSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app/app.module';
import { ADMIN_TOKEN_FILE } from '../../src/case/auth/first-admin-token';
import { configureApp } from '../../src/app/app.setup';
import { AppConfigService } from '../../src/storage/config/app-config.service';
import { EmbeddedDatabase } from '../../src/storage/database/embedded-database';
import { createTestDatabase } from './test-db';

export interface TestApp {
  readonly app: INestApplication;
  readonly dataSource: DataSource;
  /** The HTTP server, for supertest. */
  readonly http: Server;
  /** The administrator's token the first start created (owner of every report, clearance). */
  readonly adminToken: string;
  /** Sends a GraphQL document with the administrator's token; returns the parsed body. */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GqlResponse<T>>;
  /** The same with another token, or none. */
  gqlAs<T = Record<string, unknown>>(
    token: string | undefined,
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
export async function createTestApp(config: Partial<AppConfigService> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const embedded =
    db.kind === 'embedded' ? EmbeddedDatabase.of(db.database, false) : EmbeddedDatabase.none();
  return startApp(
    { ...config, databaseUrl: db.kind === 'server' ? db.url : undefined },
    embedded,
    db.drop,
  );
}

/**
 * Several instances of the app on one PostgreSQL database, as in a deployment behind a load
 * balancer (server mode only: embedded PGlite serves one process). The last close drops it.
 * `urlOf` may change the URL an instance connects with (to go through a proxy, say).
 */
export async function createTestAppsSharingDatabase(
  count: number,
  config: Partial<AppConfigService> = {},
  urlOf: (url: string, instance: number) => string = (url) => url,
): Promise<TestApp[]> {
  const db = await createTestDatabase();
  if (db.kind !== 'server') {
    throw new Error('several instances need a PostgreSQL server (DATABASE_URL)');
  }
  // One data directory for all: the first instance writes the admin token there for the others.
  const dataDir = mkdtempSync(join(tmpdir(), 'loadbearing-app-'));
  let open = count;
  const dropAfterLast = async () => {
    if (--open === 0) await db.drop();
  };
  const apps: TestApp[] = [];
  for (let i = 0; i < count; i++) {
    apps.push(
      await startApp(
        { dataDir, ...config, databaseUrl: urlOf(db.url, i) },
        EmbeddedDatabase.none(),
        dropAfterLast,
      ),
    );
  }
  return apps;
}

/**
 * The app on the embedded database in `dataDir`, opened the way `npm start` opens it (so a new
 * directory is a first start): for tests of start-up behaviour.
 */
export function createEmbeddedApp(dataDir: string): Promise<TestApp> {
  return startApp(
    { databaseUrl: undefined, dataDir, seedExample: true },
    undefined,
    async () => {},
  );
}

async function startApp(
  overrides: Partial<AppConfigService>,
  embedded: EmbeddedDatabase | undefined,
  drop: () => Promise<void>,
): Promise<TestApp> {
  const config = {
    hook: {
      token: undefined,
      reportLabel: 'report',
      mitigationLabel: 'mitigation',
      statusAnnotation: 'loadbearing_status',
    },
    metricsToken: undefined,
    expirySweepSeconds: 0,
    // Where the first start writes the admin token (the embedded database is given, not here).
    dataDir: mkdtempSync(join(tmpdir(), 'loadbearing-app-')),
    port: 0,
    bodyLimit: '16mb',
    isProduction: false,
    isDevelopment: false,
    introspection: true,
    // Off: tests send many requests with one token; the rate limit's own tests set one.
    rateLimitPerMinute: 0,
    seedExample: false,
    ...overrides,
  };
  let builder = Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(AppConfigService)
    .useValue(config);
  if (embedded) builder = builder.overrideProvider(EmbeddedDatabase).useValue(embedded);
  const moduleRef = await builder.compile();
  const app = configureApp(moduleRef.createNestApplication({ logger: ['error', 'warn'] }));
  await app.init();
  const http = app.getHttpServer() as Server;
  const adminToken = readFileSync(join(config.dataDir, ADMIN_TOKEN_FILE), 'utf8').trim();
  async function gqlAs<T>(
    token: string | undefined,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GqlResponse<T>> {
    const req = request(http).post('/graphql');
    if (token) void req.set('Authorization', `Bearer ${token}`);
    const res = await req.send({ query, variables });
    return res.body as GqlResponse<T>;
  }
  return {
    app,
    http,
    dataSource: app.get(DataSource),
    adminToken,
    gql: (query, variables) => gqlAs(adminToken, query, variables),
    gqlAs,
    async close() {
      await app.close();
      await drop();
    },
  };
}
