import { defineConfig } from 'vite';

// The dashboard is a static bundle that the service serves at `/` (src/dashboard): no CDN, works
// offline. Preact needs no plugin: only its JSX runtime (React is installed too, for GraphiQL).
export default defineConfig({
  root: __dirname,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 300 },
  // `npm run dev:web` proxies the API to a service started with `npm start`.
  server: { proxy: { '/graphql': { target: 'http://127.0.0.1:3000', ws: true } } },
});
