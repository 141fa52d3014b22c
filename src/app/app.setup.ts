import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfigService } from '../storage/config/app-config.service';
import type { Express } from 'express';
import { admission } from '../api/http/admission';
import { clientBodyErrors } from '../api/http/client-body-errors';
import { mountDashboard } from '../api/http/dashboard';
import { mountExplorer } from '../api/http/explorer';
import { securityHeaders } from '../api/http/security-headers';

/** Everything main.ts does to the app besides listening, so tests get the same app. */
export function configureApp(app: INestApplication): INestApplication {
  const express = app.getHttpAdapter().getInstance() as Express;
  // Express announces itself in X-Powered-By; nothing here needs to tell a prober the framework.
  express.disable('x-powered-by');
  express.use(securityHeaders());
  express.use(admission());
  // Answers to POSTs are not cached: hashing each body for an ETag is wasted work.
  express.set('etag', false);
  // Case files arrive inside GraphQL requests: Express's default 100 kB is too small for them.
  (app as NestExpressApplication).useBodyParser('json', {
    limit: app.get(AppConfigService).bodyLimit,
  });
  express.use(clientBodyErrors());
  mountExplorer(express);
  mountDashboard(app as NestExpressApplication);
  // Signals are main.ts's (GracefulShutdown), not enableShutdownHooks: requests in flight finish
  // before the modules close.
  return app;
}
