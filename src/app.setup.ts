import type { INestApplication } from '@nestjs/common';
import type { Express } from 'express';
import { mountExplorer } from './explorer/explorer';

/** Everything main.ts does to the app besides listening, so tests get the same app. */
export function configureApp(app: INestApplication): INestApplication {
  mountExplorer(app.getHttpAdapter().getInstance() as Express);
  app.enableShutdownHooks();
  return app;
}
