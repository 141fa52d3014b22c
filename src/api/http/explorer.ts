import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { contentSecurityPolicy } from './security-headers';
import type { Express, NextFunction, Request, Response } from 'express';

/** Each file GraphiQL needs, from node_modules: the explorer works offline, with no CDN. */
const ASSETS: Record<string, string> = {
  'react.js': join(dirname(require.resolve('react/package.json')), 'umd/react.production.min.js'),
  'react-dom.js': join(
    dirname(require.resolve('react-dom/package.json')),
    'umd/react-dom.production.min.js',
  ),
  'graphiql.js': join(dirname(require.resolve('graphiql/package.json')), 'graphiql.min.js'),
  'graphiql.css': join(dirname(require.resolve('graphiql/package.json')), 'graphiql.min.css'),
};

const EXAMPLE_QUERY = `# loadbearing: what does our risk argument rest on?
query Reports {
  reports {
    key
    title
    pathways { key title requires supports { key nodeKind } }
  }
}
`;

const STYLE = 'body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }';
const BOOTSTRAP = `
    const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, { fetcher, defaultQuery: ${JSON.stringify(EXAMPLE_QUERY)} }),
    );
  `;
const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** The dashboard's policy, with the page's own inline style and script allowed by their hashes. */
const EXPLORER_POLICY = contentSecurityPolicy({
  'script-src': [sha256(BOOTSTRAP)],
  'style-src': [sha256(STYLE)],
});

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>loadbearing · GraphQL explorer</title>
  <link rel="icon" href="data:," />
  <link rel="stylesheet" href="/explorer/graphiql.css" />
  <style>${STYLE}</style>
</head>
<body>
  <div id="graphiql">Loading the explorer…</div>
  <script src="/explorer/react.js"></script>
  <script src="/explorer/react-dom.js"></script>
  <script src="/explorer/graphiql.js"></script>
  <script>${BOOTSTRAP}</script>
</body>
</html>`;

/**
 * Serves GraphiQL on GET /graphql to browsers (Accept: text/html) and its assets under
 * /explorer/. GraphQL requests themselves go on to Apollo.
 */
export function mountExplorer(app: Express): void {
  app.get('/graphql', (req: Request, res: Response, next: NextFunction) => {
    if (!req.accepts('html') || req.accepts(['json', 'html']) === 'json' || req.query.query) {
      return next();
    }
    res.setHeader('Content-Security-Policy', EXPLORER_POLICY);
    res.type('html').send(PAGE);
  });
  for (const [name, file] of Object.entries(ASSETS)) {
    app.get(`/explorer/${name}`, (_req: Request, res: Response) =>
      res.sendFile(file, {
        maxAge: '1d',
        headers: { 'Content-Type': name.endsWith('.css') ? 'text/css' : 'text/javascript' },
      }),
    );
  }
}
