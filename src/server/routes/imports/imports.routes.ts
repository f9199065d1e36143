import type { FastifyInstance } from 'fastify';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { Core } from '../../../core/core';
import { invalidInput } from '../../../core/errors';
import { IMPORT_FORMATS, importListQuerySchema, importOptionsSchema } from '../../../shared/schemas/import.schema';
import { parseInput, problem } from '../../problem';
import { requireActor } from '../auth/auth.routes';

const OPTION_PARAMS = Object.keys(importOptionsSchema.shape);
const LIST_PARAMS = Object.keys(importListQuerySchema.shape);
const idParams = z.object({ id: z.string().min(1).max(100) });

/** The largest file an import accepts (bytes); IATI publishers' files run to tens of megabytes. */
export const DEFAULT_MAX_IMPORT_BYTES = 512 * 1024 * 1024;

/** Raised when an upload goes past the limit: answered 413 with the limit named. */
class UploadTooLarge extends Error {
  readonly statusCode = 413;
  readonly code = 'payload_too_large';
}

/** The upload's bytes, refusing more than `limit`. */
async function* limited(body: Readable, limit: number): AsyncGenerator<Buffer> {
  let seen = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    seen += chunk.length;
    if (seen > limit) {
      body.destroy();
      throw new UploadTooLarge(
        `The file is larger than the import limit of ${Math.round(limit / 1024 / 1024)} MB; split it and import the parts.`,
      );
    }
    yield chunk;
  }
}

/**
 * Imports: `POST /api/v1/imports/{iati|csv|xlsx}` takes an IATI activity file or a spreadsheet as the request body (any
 * content type; it is read as a stream) and answers the import's report, a preview when
 * `dryRun=true`; `GET /api/v1/imports` is the record of imports and `GET /api/v1/imports/{id}`
 * one report. Editors and above.
 */
export function importRoutes(app: FastifyInstance, core: Core, maxBytes = DEFAULT_MAX_IMPORT_BYTES): void {
  app.register(async (scope) => {
    // The file is read as it arrives, whatever it is labelled; the importer checks what it is.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, payload, done) => done(null, payload));

    for (const format of IMPORT_FORMATS) {
      scope.post(`/api/v1/imports/${format}`, async (req, reply) => {
        const actor = requireActor(req);
        const options = parseInput(importOptionsSchema, req.query, OPTION_PARAMS);
        const body = req.body as Readable | undefined;
        if (!body || typeof (body as { pipe?: unknown }).pipe !== 'function') {
          throw invalidInput([{ name: 'body', reason: 'Send the file as the request body.' }]);
        }
        const bytes = limited(body, maxBytes);
        const report =
          format === 'iati'
            ? await core.imports.importIati(actor, bytes, options)
            : await core.imports.importSheet(actor, bytes, format, options);
        reply.header('location', `/api/v1/imports/${report.id}`);
        if (report.outcome === 'refused') {
          // A problem, as every API error is, that is also the import's report (its members extend the problem).
          const where = report.fileProblem?.line ? ` (line ${report.fileProblem.line})` : '';
          return reply
            .code(422)
            .type('application/problem+json; charset=utf-8')
            .send({
              ...problem(422, 'import_refused', `${report.fileProblem?.reason ?? 'The file was refused.'}${where}`),
              ...report,
            });
        }
        return reply.code(report.dryRun ? 200 : 201).send(report);
      });
    }
  });

  app.get('/api/v1/imports', async (req) => {
    const q = parseInput(importListQuerySchema, req.query, LIST_PARAMS);
    return core.imports.list(requireActor(req), q.page, q.pageSize);
  });

  app.get('/api/v1/imports/:id', async (req) =>
    core.imports.get(requireActor(req), parseInput(idParams, req.params).id),
  );
}
