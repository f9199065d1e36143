import { z } from 'zod';
import { optionalText } from './fields';

/**
 * An annual average exchange rate as an admin writes it: Canadian dollars per one unit of a
 * currency in a calendar year. The API takes `currency` and `year` from the path
 * (`PUT /api/v1/exchange-rates/USD/2024`) and the rest from the body; the seed file and the UI
 * use the same fields.
 */

export const BASE_CURRENCY = 'CAD';
export const RATE_YEAR_MIN = 1990;
export const RATE_YEAR_MAX = 2100;
export const RATE_MAX_DECIMALS = 8;

export const rateCurrencySchema = z
  .string({ error: 'Give an ISO 4217 currency code of three capital letters, such as USD or PHP.' })
  .regex(/^[A-Z]{3}$/, 'Give an ISO 4217 currency code of three capital letters, such as USD or PHP.')
  .refine((c) => c !== BASE_CURRENCY, {
    message: 'CAD is the base currency: its rate is always 1. Give the rate of another currency.',
  });

const yearMessage = `Give a year from ${RATE_YEAR_MIN} to ${RATE_YEAR_MAX}, such as 2024.`;
export const rateYearSchema = z
  .number({ error: yearMessage })
  .int(yearMessage)
  .min(RATE_YEAR_MIN, yearMessage)
  .max(RATE_YEAR_MAX, yearMessage);

const rateMessage = `Write the rate as Canadian dollars per one unit, a decimal in quotes with up to ${RATE_MAX_DECIMALS} decimals, such as "1.3698".`;
export const cadPerUnitSchema = z
  .string({ error: rateMessage })
  .trim()
  .regex(new RegExp(`^\\d{1,9}(\\.\\d{1,${RATE_MAX_DECIMALS}})?$`), rateMessage)
  .refine((v) => /[1-9]/.test(v), { message: 'The rate must be greater than zero.' });

export const rateSourceSchema = z
  .string({ error: 'Say where the rate comes from: a web address or a citation.' })
  .trim()
  .min(1, 'Say where the rate comes from: a web address or a citation.')
  .max(2000, 'Keep the source under 2000 characters.');

/** The body of `PUT /api/v1/exchange-rates/:currency/:year`. */
export const exchangeRateBodySchema = z
  .object({
    cadPerUnit: cadPerUnitSchema,
    source: rateSourceSchema,
    note: optionalText(2000),
  })
  .strict();

/** The address of a rate: `/api/v1/exchange-rates/:currency/:year` (the year as path text). */
export const exchangeRateKeySchema = z
  .object({
    currency: rateCurrencySchema,
    year: z.preprocess((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v), rateYearSchema),
  })
  .strict();

/** A whole rate: its currency and year with the body's fields. */
export const exchangeRateInputSchema = z
  .object({
    currency: rateCurrencySchema,
    year: rateYearSchema,
    ...exchangeRateBodySchema.shape,
  })
  .strict();

export type ExchangeRateBody = z.output<typeof exchangeRateBodySchema>;
export type ExchangeRateKey = z.output<typeof exchangeRateKeySchema>;
export type ExchangeRateInput = z.output<typeof exchangeRateInputSchema>;
