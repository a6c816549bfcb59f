import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** apps/web/dist, found from this file (apps/server/dist/web/ or apps/server/src/web/). */
export function defaultWebDir(): string {
  return fileURLToPath(new URL('../../../web/dist/', import.meta.url));
}

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Ritmo</title></head>
<body><h1>Ritmo</h1><p>The web UI is not built. Run <code>npm run build</code> (or set RITMO_WEB_DIR to a built UI) and restart the server. The API works: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p></body></html>
`;

/** Paths that belong to the API and the operations endpoints: never answered with the UI. */
const isServerPath = (url: string): boolean => /^\/(api|healthz|readyz|metrics)(\/|\?|$)/.test(url);

/**
 * Serves the built web UI at `/`: its files (hashed assets cached for a year, index.html never), and
 * index.html for any other GET outside the API, so client-side routes survive a reload. Without a built
 * UI the server still starts and `/` says what to do.
 */
export async function serveWeb(app: FastifyInstance, options: { webDir?: string | undefined }): Promise<void> {
  const root = options.webDir ?? defaultWebDir();
  if (!existsSync(join(root, 'index.html'))) {
    app.log.info({ webDir: root }, 'web UI not built: serving the API only');
    app.get('/', async (_request, reply) => reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT));
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    cacheControl: false,
    setHeaders: (res, path) => {
      const immutable = path.includes(`${join(root, 'assets')}`);
      res.setHeader('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/*', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    // A missing file (anything with an extension) or an API path is a real 404, not the app.
    if (isServerPath(request.url) || /\.[A-Za-z0-9]+$/.test(path)) return reply.callNotFound();
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html');
  });
}
