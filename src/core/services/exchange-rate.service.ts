import type { Kysely } from 'kysely';
import type { ExchangeRateList, ExchangeRateView } from '../../shared/api-types';
import type { ExchangeRateBody, ExchangeRateKey } from '../../shared/schemas/exchange-rate.schema';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { DomainError, notFound } from '../errors';
import { diffFields, priorState } from '../history';
import { nowIso } from '../ids';
import { RateTable } from '../money/rates';
import { authorize, type Actor } from '../policy';
import { ExchangeRateRepository, exchangeRateId, type ExchangeRateRow } from '../repositories/exchange-rate.repository';
import { HistoryRepository } from '../repositories/history.repository';
import { StaleVersion, withVersionCheck } from '../versioned';

export function presentExchangeRate(r: ExchangeRateRow): ExchangeRateView {
  return {
    currency: r.currency,
    year: Number(r.year),
    cadPerUnit: r.cad_per_unit,
    source: r.source,
    note: r.note,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: Number(r.version),
  };
}

/** What the history records of a rate: its whole content. */
function snapshot(r: ExchangeRateRow) {
  return { currency: r.currency, year: Number(r.year), cadPerUnit: r.cad_per_unit, source: r.source, note: r.note };
}

const label = (key: ExchangeRateKey) => `${key.currency} ${key.year}`;

/**
 * The exchange-rates table: public reads (the numbers behind published totals must be
 * inspectable), admin writes with a version check and history, and the {@link RateTable} that
 * converts amounts for totals.
 */
export class ExchangeRateService {
  constructor(private readonly db: Db) {}

  private repo(db: Kysely<Database> = this.db.db) {
    return new ExchangeRateRepository(db);
  }

  async list(): Promise<ExchangeRateList> {
    return { base: 'CAD', items: (await this.repo().list()).map(presentExchangeRate) };
  }

  async get(key: ExchangeRateKey): Promise<ExchangeRateView> {
    const row = await this.repo().find(key.currency, key.year);
    if (!row) throw notFound('exchange rate', label(key));
    return presentExchangeRate(row);
  }

  /** The table that converts amounts, built from every stored rate. */
  async table(): Promise<RateTable> {
    const rows = await this.repo().list();
    return new RateTable(
      rows.map((r) => ({
        currency: r.currency,
        year: Number(r.year),
        cadPerUnit: r.cad_per_unit,
        source: r.source,
        note: r.note,
      })),
    );
  }

  /**
   * Creates the rate of a currency and year, or updates it. An update needs the version it was based
   * on (`expected`, from If-Match): precondition_required without it, conflict when stale. A create
   * takes none; given one, the rate was deleted since it was read: conflict.
   */
  async put(
    actor: Actor,
    key: ExchangeRateKey,
    expected: number | null,
    input: ExchangeRateBody,
  ): Promise<{ rate: ExchangeRateView; created: boolean }> {
    authorize(actor, 'rates:manage');
    const values = { cad_per_unit: input.cadPerUnit, source: input.source, note: input.note };
    const id = exchangeRateId(key.currency, key.year);
    const current = () => this.repo().find(key.currency, key.year);
    let created = false;
    try {
      await withVersionCheck(
        'exchange rate',
        expected ?? 0,
        async () => {
          const row = await current();
          return row ? presentExchangeRate(row) : null;
        },
        () =>
          this.db.db.transaction().execute(async (trx) => {
            const repo = this.repo(trx);
            const history = new HistoryRepository(trx);
            const row = await repo.find(key.currency, key.year);
            const now = nowIso();
            if (!row) {
              if (expected !== null) throw deletedSince(key, expected);
              await repo.insert(key.currency, key.year, values, now);
              const after = await repo.find(key.currency, key.year);
              if (!after) throw notFound('exchange rate', label(key));
              await history.append({
                entityType: 'exchange_rate',
                entityId: id,
                version: 1,
                action: 'create',
                actorId: actor.id,
                changes: diffFields(null, snapshot(after)),
                snapshot: snapshot(after),
                before: null,
              });
              created = true;
              return;
            }
            if (expected === null) throw updateNeedsVersion(key, row.version);
            if (row.version !== expected) throw new StaleVersion(row.version);
            if (!(await repo.update(row.id, expected, values, now))) throw new StaleVersion(expected + 1);
            const after = await repo.find(key.currency, key.year);
            if (!after) throw new StaleVersion(expected + 1);
            await history.append({
              entityType: 'exchange_rate',
              entityId: row.id,
              version: after.version,
              action: 'update',
              actorId: actor.id,
              changes: diffFields(snapshot(row), snapshot(after)),
              snapshot: snapshot(after),
              before: priorState(row, snapshot(row)),
            });
          }),
      );
    } catch (err) {
      // Two creates of the same rate at once: the unique (currency, year) refuses the second.
      const now = expected === null && !(err instanceof DomainError) ? await current() : undefined;
      if (now) throw versionConflictOnCreate(key, presentExchangeRate(now));
      throw err;
    }
    const row = await current();
    if (!row) throw notFound('exchange rate', label(key));
    return { rate: presentExchangeRate(row), created };
  }

  /** Deletes a rate; conversions then use the nearest year that has one. */
  async delete(actor: Actor, key: ExchangeRateKey, expected: number): Promise<void> {
    authorize(actor, 'rates:manage');
    await withVersionCheck(
      'exchange rate',
      expected,
      () => this.get(key),
      () =>
        this.db.db.transaction().execute(async (trx) => {
          const repo = this.repo(trx);
          const row = await repo.find(key.currency, key.year);
          if (!row) throw notFound('exchange rate', label(key));
          if (row.version !== expected) throw new StaleVersion(row.version);
          if (!(await repo.delete(row.id, expected))) throw new StaleVersion(expected + 1);
          await new HistoryRepository(trx).append({
            entityType: 'exchange_rate',
            entityId: row.id,
            version: expected + 1,
            action: 'delete',
            actorId: actor.id,
            changes: [],
            snapshot: snapshot(row),
            before: priorState(row, snapshot(row)),
          });
        }),
    );
  }

  /** The id under which the history of a rate is kept. */
  historyId(key: ExchangeRateKey): string {
    return exchangeRateId(key.currency, key.year);
  }
}

function updateNeedsVersion(key: ExchangeRateKey, version: number): DomainError {
  return new DomainError(
    'precondition_required',
    `A rate for ${label(key)} exists (version ${version}). To change it, send the version you edited in the If-Match header (the ETag of GET /api/v1/exchange-rates/${key.currency}/${key.year}, e.g. If-Match: "${version}"), so that no one else’s change is overwritten.`,
  );
}

function deletedSince(key: ExchangeRateKey, expected: number): DomainError {
  return new DomainError(
    'conflict',
    `The rate for ${label(key)} was deleted after you read version ${expected}. To create it again, send the request without If-Match.`,
    [],
    { current: null },
  );
}

function versionConflictOnCreate(key: ExchangeRateKey, current: ExchangeRateView): DomainError {
  return new DomainError(
    'conflict',
    `Someone else created the rate for ${label(key)} at the same time; it is now at version ${current.version}. Review it and send your change with If-Match: "${current.version}".`,
    [],
    { currentVersion: current.version, current },
  );
}
