import type { Kysely, Selectable } from 'kysely';
import type { Database, ExchangeRatesTable } from '../db/schema';
import { stableId } from '../ids';

export type ExchangeRateRow = Selectable<ExchangeRatesTable>;

/** The seed key of a rate; also what its id is derived from. */
export const exchangeRateKey = (currency: string, year: number) => `exchange-rate:${currency}:${year}`;

/**
 * The id of the rate of `currency` in `year`: the same on every installation and for every row
 * that ever holds that pair, so the pair's history runs on through a delete and a new create.
 */
export const exchangeRateId = (currency: string, year: number) => stableId(exchangeRateKey(currency, year));

/** The fields of a rate a write sets. */
export interface ExchangeRateValues {
  cad_per_unit: string;
  source: string;
  note: string | null;
}

/** Annual average exchange rates. Only this file queries `exchange_rates`. */
export class ExchangeRateRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Every rate, by currency then year. */
  list(): Promise<ExchangeRateRow[]> {
    return this.db.selectFrom('exchange_rates').selectAll().orderBy('currency').orderBy('year').execute();
  }

  find(currency: string, year: number): Promise<ExchangeRateRow | undefined> {
    return this.db
      .selectFrom('exchange_rates')
      .selectAll()
      .where('currency', '=', currency)
      .where('year', '=', year)
      .executeTakeFirst();
  }

  async insert(currency: string, year: number, values: ExchangeRateValues, now: string): Promise<void> {
    await this.db
      .insertInto('exchange_rates')
      .values({
        id: exchangeRateId(currency, year),
        currency,
        year,
        ...values,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
  }

  /** Writes the values and bumps the version; false when the stored version is not `expected`. */
  async update(id: string, expected: number, values: ExchangeRateValues, now: string): Promise<boolean> {
    const res = await this.db
      .updateTable('exchange_rates')
      .set({ ...values, updated_at: now })
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', expected)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Deletes the row; false when the stored version is not `expected`. */
  async delete(id: string, expected: number): Promise<boolean> {
    const res = await this.db
      .deleteFrom('exchange_rates')
      .where('id', '=', id)
      .where('version', '=', expected)
      .executeTakeFirst();
    return Number(res.numDeletedRows) === 1;
  }
}
