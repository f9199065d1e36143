/**
 * Currency conversion with annual average exchange rates, all quoted against the Canadian dollar
 * ("cadPerUnit": how many CAD one unit of the currency bought on average that year).
 *
 * Arithmetic is exact: rates are decimal strings read into BigInt numerators over powers of ten,
 * the conversion `from → CAD → to` is carried out as one exact fraction, and the result is rounded
 * once, to the target currency's minor unit, **half to even** (banker's rounding: 0.5 → 0, 1.5 → 2,
 * 2.5 → 2, -2.5 → -2), so that rounding does not bias sums of many converted amounts.
 *
 * Missing years: when the requested year has no rate, the nearest year with one is used (ties go
 * to the earlier year) and the result says so with `exact: false`. A conversion between two
 * non-CAD currencies prefers the year nearest the requested one for which both have a rate.
 */
import { currencyExponent } from '../../shared/money';
import { BASE_CURRENCY } from '../../shared/schemas/exchange-rate.schema';

export { BASE_CURRENCY };

export interface AnnualRate {
  currency: string;
  year: number;
  /** Decimal string, CAD per one unit of `currency`, e.g. "1.3698". */
  cadPerUnit: string;
  source: string;
  note: string | null;
}

export interface Converted {
  /** The converted amount in minor units of `currency`, rounded half to even. */
  amountMinor: number;
  /** The target currency. */
  currency: string;
  /**
   * Units of the target currency per one unit of the source currency, as a decimal string with at
   * most 10 significant digits (display only: `amountMinor` is computed from the exact rates).
   */
  rate: string;
  /** The year whose rates were used (for a cross conversion with no common year: the leg farthest from the request). */
  rateYear: number;
  /** False when a neighbouring year's rate was used because the requested year had none. */
  exact: boolean;
}

/** A decimal read exactly: value = num / 10^scale. */
interface Decimal {
  num: bigint;
  scale: number;
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** Reads a positive decimal string ("1.3698", "0.0000929") exactly; throws RangeError otherwise. */
export function parsePositiveDecimal(text: string): Decimal {
  const m = DECIMAL.exec(text);
  if (!m) throw new RangeError(`Not a decimal number: "${text}"`);
  const frac = m[2] ?? '';
  const num = BigInt(`${m[1]}${frac}`);
  if (num <= 0n) throw new RangeError(`Rate must be greater than zero: "${text}"`);
  return { num, scale: frac.length };
}

const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** Rounds num/den (den > 0) to an integer, half to even. */
function divRoundHalfEven(num: bigint, den: bigint): bigint {
  const negative = num < 0n;
  const n = negative ? -num : num;
  let q = n / den;
  const twice = (n % den) * 2n;
  if (twice > den || (twice === den && q % 2n === 1n)) q += 1n;
  return negative ? -q : q;
}

const TWO_52 = 2n ** 52n;
const TWO_52_N = 2 ** 52;

/**
 * `divRoundHalfEven` in plain numbers, for a product `num` already computed as amount × factor and
 * a positive `den`, both integers: exact whenever |num| and den are at most 2^52 (every product and
 * remainder below then stays an exactly represented integer); null otherwise, for the BigInt path.
 */
function divRoundHalfEvenExact(num: number, den: number): number | null {
  const n = Math.abs(num);
  if (!(n <= TWO_52_N)) return null;
  let q = Math.floor(n / den);
  let r = n - q * den;
  // The quotient of the division may be one off; the remainder says which way.
  if (r < 0) {
    q -= 1;
    r += den;
  } else if (r >= den) {
    q += 1;
    r -= den;
  }
  const twice = r * 2;
  if (twice > den || (twice === den && q % 2 === 1)) q += 1;
  return num < 0 && q !== 0 ? -q : q;
}

/** Formats the positive fraction num/den as a decimal with at most `digits` significant digits. */
function formatSignificant(num: bigint, den: bigint, digits = 10): string {
  const floor = pow10(digits - 1);
  let decimals = 0;
  let v = divRoundHalfEven(num, den);
  while (v < floor && decimals < 40) {
    decimals += 1;
    v = divRoundHalfEven(num * pow10(decimals), den);
  }
  // Too many integer digits: drop the extra ones (rates above 10^10 do not occur in practice).
  const text = v.toString();
  if (decimals === 0) return text;
  const padded = text.padStart(decimals + 1, '0');
  const whole = padded.slice(0, padded.length - decimals);
  const frac = padded.slice(padded.length - decimals).replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : whole;
}

interface Leg {
  rate: Decimal;
  year: number;
}

const ONE: Decimal = { num: 1n, scale: 0 };

/**
 * One conversion's exact factor: target minor units = source minor units × num ÷ den, rounded
 * half to even; with the rate shown and the year used.
 */
interface Factor {
  num: bigint;
  den: bigint;
  /** `num` and `den` as numbers when both are at most 2^52 (else 0): the exact fast path below. */
  numN: number;
  denN: number;
  rate: string;
  rateYear: number;
  exact: boolean;
}

/** The exchange-rate table: converts amounts between currencies through CAD for a given year. */
export class RateTable {
  /** currency → year → rate */
  private readonly byCurrency = new Map<string, Map<number, { row: AnnualRate; rate: Decimal }>>();
  /**
   * "FROM|TO|year" → the factor (null: no rate), worked out on the first conversion: the table
   * never changes, and a report converts thousands of sums with the same few factors.
   */
  private readonly factors = new Map<string, Factor | null>();

  /** Throws RangeError on a malformed rate, a CAD row (CAD is the base: always 1) or a duplicate (currency, year). */
  constructor(rates: readonly AnnualRate[]) {
    for (const row of rates) {
      const currency = row.currency.toUpperCase();
      if (currency === BASE_CURRENCY) throw new RangeError('CAD is the base currency; its rate is always 1');
      if (!Number.isInteger(row.year)) throw new RangeError(`Year must be an integer: ${row.year}`);
      const years = this.byCurrency.get(currency) ?? new Map<number, { row: AnnualRate; rate: Decimal }>();
      if (years.has(row.year)) throw new RangeError(`Duplicate rate for ${currency} ${row.year}`);
      years.set(row.year, { row, rate: parsePositiveDecimal(row.cadPerUnit) });
      this.byCurrency.set(currency, years);
    }
  }

  /** Every currency the table can convert, CAD included, sorted. */
  currencies(): string[] {
    return [BASE_CURRENCY, ...this.byCurrency.keys()].sort();
  }

  /** The years with a rate for `currency`, ascending (empty for CAD and unknown currencies). */
  years(currency: string): number[] {
    return [...(this.byCurrency.get(currency.toUpperCase())?.keys() ?? [])].sort((a, b) => a - b);
  }

  /**
   * The rate row used for `currency` in `year`: the year's own, else the nearest (ties → earlier).
   * Null for CAD (always 1) and for currencies without any rate.
   */
  lookup(currency: string, year: number): { rate: AnnualRate; exact: boolean } | null {
    const years = this.byCurrency.get(currency.toUpperCase());
    if (!years) return null;
    const y = nearest([...years.keys()], year);
    const hit = y === null ? undefined : years.get(y);
    return hit ? { rate: hit.row, exact: y === year } : null;
  }

  /**
   * Converts an amount in `from` minor units to `to` minor units with the annual average rate of
   * `year` (through CAD); null when no rate exists for either currency. Uses the nearest year
   * available (exact=false) when the year itself is missing; CAD→CAD (and any X→X) is 1.
   * Throws RangeError when `amountMinor` or the result is not a safe integer.
   */
  convert(amountMinor: number, from: string, year: number, to: string): Converted | null {
    if (!Number.isSafeInteger(amountMinor)) throw new RangeError(`Amount must be a safe integer: ${amountMinor}`);
    const src = from.toUpperCase();
    const dst = to.toUpperCase();
    if (src === dst) return { amountMinor, currency: dst, rate: '1', rateYear: year, exact: true };

    const key = `${src}|${dst}|${year}`;
    let factor = this.factors.get(key);
    if (factor === undefined) {
      factor = this.factor(src, dst, year);
      this.factors.set(key, factor);
    }
    if (!factor) return null;
    let result = factor.numN ? divRoundHalfEvenExact(amountMinor * factor.numN, factor.denN) : null;
    if (result === null) {
      const big = divRoundHalfEven(BigInt(amountMinor) * factor.num, factor.den);
      if (big > BigInt(Number.MAX_SAFE_INTEGER) || big < BigInt(Number.MIN_SAFE_INTEGER)) {
        throw new RangeError(`Converted amount too large: ${amountMinor} ${src} → ${dst}`);
      }
      result = Number(big);
    }
    return {
      amountMinor: result,
      currency: dst,
      rate: factor.rate,
      rateYear: factor.rateYear,
      exact: factor.exact,
    };
  }

  /** The exact factor from `src` to `dst` (different currencies) for `year`; null without a rate. */
  private factor(src: string, dst: string, year: number): Factor | null {
    const legs = this.legs(src, dst, year);
    if (!legs) return null;
    const [f, t] = legs;
    // to_minor = amount_minor / 10^eFrom × (fNum / 10^fScale) ÷ (tNum / 10^tScale) × 10^eTo
    const eFrom = currencyExponent(src);
    const eTo = currencyExponent(dst);
    const num = f.rate.num * pow10(t.rate.scale) * pow10(eTo);
    const den = pow10(eFrom) * pow10(f.rate.scale) * t.rate.num;
    const small = num <= TWO_52 && den <= TWO_52;
    return {
      num,
      den,
      numN: small ? Number(num) : 0,
      denN: small ? Number(den) : 0,
      rate: formatSignificant(f.rate.num * pow10(t.rate.scale), pow10(f.rate.scale) * t.rate.num),
      rateYear: Math.abs(f.year - year) >= Math.abs(t.year - year) ? f.year : t.year,
      exact: f.year === year && t.year === year,
    };
  }

  /** The CAD rates of both sides: CAD itself is 1 in every year. */
  private legs(src: string, dst: string, year: number): [Leg, Leg] | null {
    const fromYears = src === BASE_CURRENCY ? null : this.byCurrency.get(src);
    const toYears = dst === BASE_CURRENCY ? null : this.byCurrency.get(dst);
    if (fromYears === undefined || toYears === undefined) return null;

    const pick = (years: Map<number, { rate: Decimal }> | null, y: number | null): Leg | null => {
      if (years === null) return { rate: ONE, year };
      if (y === null) return null;
      const hit = years.get(y);
      return hit ? { rate: hit.rate, year: y } : null;
    };

    if (fromYears && toYears) {
      // Cross rate: prefer one year for both legs.
      const common = nearest(
        [...fromYears.keys()].filter((y) => toYears.has(y)),
        year,
      );
      if (common !== null) {
        const f = pick(fromYears, common);
        const t = pick(toYears, common);
        return f && t ? [f, t] : null;
      }
    }
    const f = pick(fromYears, fromYears ? nearest([...fromYears.keys()], year) : year);
    const t = pick(toYears, toYears ? nearest([...toYears.keys()], year) : year);
    if (!f || !t) return null;
    // A CAD leg follows the other leg's year so that rateYear and exact describe the real rate.
    if (fromYears === null) f.year = t.year;
    if (toYears === null) t.year = f.year;
    return [f, t];
  }
}

/** The year in `years` nearest to `year`; ties go to the earlier year. Null when `years` is empty. */
export function nearest(years: readonly number[], year: number): number | null {
  let best: number | null = null;
  for (const y of years) {
    if (best === null) {
      best = y;
      continue;
    }
    const d = Math.abs(y - year);
    const bd = Math.abs(best - year);
    if (d < bd || (d === bd && y < best)) best = y;
  }
  return best;
}
