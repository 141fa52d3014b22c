import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { AppConfigService } from './config/app-config.service';

async function bootstrap(): Promise<void> {
  const app = configureApp(await NestFactory.create(AppModule));
  const config = app.get(AppConfigService);
  await app.listen(config.port, '0.0.0.0');
  const database = config.databaseUrl
    ? 'PostgreSQL from DATABASE_URL'
    : `embedded PostgreSQL under ${config.dataDir}`;
  new Logger('loadbearing').log(
    `listening on http://localhost:${config.port}/graphql (${database})`,
  );
}

void bootstrap();
