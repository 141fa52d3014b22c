import 'reflect-metadata';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { AppConfigService } from '../storage/config/app-config.service';
import { GracefulShutdown } from '../api/http/graceful-shutdown';

async function bootstrap(): Promise<void> {
  const app = configureApp(await NestFactory.create(AppModule));
  const config = app.get(AppConfigService);
  new GracefulShutdown(app, config.shutdownTimeoutSeconds * 1000).onSignals(['SIGTERM', 'SIGINT']);
  await app.listen(config.port, '0.0.0.0');
  // The port actually bound (PORT=0 picks a free one).
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  const database = config.databaseUrl
    ? 'PostgreSQL from DATABASE_URL'
    : `embedded PostgreSQL under ${config.dataDir}`;
  new Logger('loadbearing').log(`listening on http://localhost:${port}/graphql (${database})`);
}

void bootstrap();
