import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Core } from '../../../core/core';
import type { ExportFile } from '../../../core/services/export.service';
import { activityExportQuerySchema, fundingExportQuerySchema } from '../../../shared/schemas/export-query.schema';
import { audienceOf } from '../../auth';
import { parseInput } from '../../problem';

const ACTIVITY_PARAMS = Object.keys(activityExportQuerySchema.shape);
const FUNDING_PARAMS = Object.keys(fundingExportQuerySchema.shape);

/** The portal's address: the configured one, or the origin this request came to. */
function baseUrlOf(req: FastifyRequest, publicUrl: string | undefined): string {
  return publicUrl ?? `${req.protocol}://${req.host}`;
}

function sendFile(reply: FastifyReply, file: ExportFile, audience: 'public' | 'staff') {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="${file.fileName}"`)
    .header('cache-control', audience === 'staff' ? 'private, no-store' : 'public, max-age=60')
    .header('vary', 'cookie, authorization')
    .send(file.body);
}

/**
 * Open-data downloads: `GET /api/v1/exports/activities` (CSV, XLSX, JSON, IATI 2.03 XML) and
 * `GET /api/v1/exports/funding-lines` (CSV, XLSX), with the activity list's filters. The public
 * gets published activities; signed-in staff get every activity they may read.
 */
export function exportRoutes(app: FastifyInstance, core: Core, publicUrl: string | undefined): void {
  app.get('/api/v1/exports/activities', async (req, reply) => {
    const q = parseInput(activityExportQuerySchema, req.query, ACTIVITY_PARAMS);
    const audience = audienceOf(req);
    const file = await app
      .readerFor(req)
      .exports.activityFile(q, audience, req.actor?.id ?? null, baseUrlOf(req, publicUrl));
    return sendFile(reply, file, audience);
  });

  app.get('/api/v1/exports/funding-lines', async (req, reply) => {
    const q = parseInput(fundingExportQuerySchema, req.query, FUNDING_PARAMS);
    const audience = audienceOf(req);
    const file = await app
      .readerFor(req)
      .exports.fundingFile(q, audience, req.actor?.id ?? null, baseUrlOf(req, publicUrl));
    return sendFile(reply, file, audience);
  });
}
