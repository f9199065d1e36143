import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../core/core';
import { exchangeRateBodySchema, exchangeRateKeySchema } from '../../../shared/schemas/exchange-rate.schema';
import { parseInput } from '../../problem';
import { expectedVersion, optionalExpectedVersion, sendVersioned } from '../../versioning';
import { requireActor } from '../auth/auth.routes';

const PATH = '/api/v1/exchange-rates/:currency/:year';

/**
 * The exchange-rates table: anyone may read it (the numbers behind published totals must be
 * inspectable); admins create, update and delete rates.
 */
export function exchangeRateRoutes(app: FastifyInstance, core: Core): void {
  app.get('/api/v1/exchange-rates', async (req) => app.readerFor(req).rates.list());

  app.get(PATH, async (req, reply) =>
    sendVersioned(reply, await app.readerFor(req).rates.get(parseInput(exchangeRateKeySchema, req.params))),
  );

  /** Creates the rate (201, no If-Match) or updates it (200, If-Match required). */
  app.put(PATH, async (req, reply) => {
    const actor = requireActor(req);
    const key = parseInput(exchangeRateKeySchema, req.params);
    const input = parseInput(exchangeRateBodySchema, req.body);
    const { rate, created } = await core.rates.put(actor, key, optionalExpectedVersion(req), input);
    if (created) reply.header('location', `/api/v1/exchange-rates/${rate.currency}/${rate.year}`);
    return sendVersioned(reply, rate, created ? 201 : 200);
  });

  app.delete(PATH, async (req, reply) => {
    const actor = requireActor(req);
    await core.rates.delete(actor, parseInput(exchangeRateKeySchema, req.params), expectedVersion(req));
    return reply.code(204).send();
  });

  app.get(`${PATH}/history`, async (req) => ({
    items: await core.history.list(
      requireActor(req),
      'exchange_rate',
      core.rates.historyId(parseInput(exchangeRateKeySchema, req.params)),
    ),
  }));
}
