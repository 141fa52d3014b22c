import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Express, Response } from 'express';
import { findRepoFile } from '../../core/shared/repo-file';

/** Where `npm run build:web` puts the dashboard (see web/vite.config.ts). */
export const DASHBOARD_DIR = findRepoFile('web/dist');

/**
 * Serves the dashboard's static bundle at `/`. Its asset names carry a content hash, so they are
 * cached for good; index.html is revalidated so a new build shows at once.
 */
export function mountDashboard(app: NestExpressApplication, dir = DASHBOARD_DIR): void {
  app.useStaticAssets(dir, {
    index: 'index.html',
    setHeaders: (res: Response, path: string) =>
      res.setHeader(
        'Cache-Control',
        path.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
      ),
  });
  // Without a build (e.g. `nest start --watch` alone) say how to get one instead of a bare 404.
  const express: Express = app.getHttpAdapter().getInstance();
  express.get('/', (_req, res) => {
    res
      .status(503)
      .type('text')
      .send('The dashboard is not built: run `npm run build` (or `npm start`, which builds it).');
  });
}
