import { createRequire } from 'node:module';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { openApiDocument } from '../../openapi';

const require = createRequire(import.meta.url);
const SWAGGER_UI_DIR = path.dirname(require.resolve('swagger-ui-dist/package.json'));
const SWAGGER_FILES = new Set(['/swagger-ui.css', '/swagger-ui-bundle.js']);

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ActionLine API</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<main id="swagger-ui"><h1>ActionLine API</h1><p>Loading the interactive description of the API… The document itself is at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p></main>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
`;

// Reads and token-authenticated writes work from the viewer: "Authorize" takes a personal API token.
const INIT = `window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#swagger-ui', deepLinking: true });
`;

/**
 * The API's description: `GET /api/v1/openapi.json` (OpenAPI 3.1, generated from the shared Zod
 * schemas) and `GET /api/docs`, an interactive viewer (Swagger UI, served from the npm package).
 */
export async function docsRoutes(app: FastifyInstance, publicUrl: string | undefined): Promise<void> {
  const { version } = require('../../../../package.json') as { version: string };
  const documents = new Map<string, unknown>();
  app.get('/api/v1/openapi.json', async (req, reply) => {
    const base = publicUrl ?? `${req.protocol}://${req.host}`;
    // Keyed by the Host header when PUBLIC_URL is not set: a few entries, never one per made-up host name.
    if (!documents.has(base)) {
      if (documents.size >= 16) documents.clear();
      documents.set(base, openApiDocument(base, version));
    }
    return reply.header('cache-control', 'public, max-age=300').send(documents.get(base));
  });

  // Swagger UI styles some elements inline; scripts stay limited to this origin.
  const csp =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
  app.get('/api/docs', async (_req, reply) =>
    reply.header('content-security-policy', csp).type('text/html; charset=utf-8').send(PAGE),
  );
  app.get('/api/docs/init.js', async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(INIT),
  );
  await app.register(fastifyStatic, {
    root: SWAGGER_UI_DIR,
    prefix: '/api/docs/',
    decorateReply: false,
    index: false,
    wildcard: false,
    allowedPath: (pathName) => SWAGGER_FILES.has(pathName),
    maxAge: 24 * 60 * 60 * 1000,
  });
}
