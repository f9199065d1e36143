/**
 * Money is stored as an integer count of the currency's minor units (cents for CAD), so sums
 * are exact. The number of decimals per currency comes from ISO 4217 through Intl.
 */

const exponents = new Map<string, number>();

export function currencyExponent(currency: string): number {
  // Building a NumberFormat is slow; totals over many lines ask for the same few currencies.
  let exp = exponents.get(currency);
  if (exp === undefined) {
    try {
      exp = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      exp = 2;
    }
    exponents.set(currency, exp);
  }
  return exp;
}

/** "3000000.5" CAD → 300000050. Throws on malformed text or more decimals than the currency has. */
export function toMinorUnits(amount: string, currency: string): number {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!m) throw new RangeError(`Not a decimal amount: "${amount}"`);
  const exp = currencyExponent(currency);
  const frac = m[3] ?? '';
  if (frac.replace(/0+$/, '').length > exp) throw new RangeError(`${currency} has ${exp} decimals; got "${amount}"`);
  const minor = Number(m[2]) * 10 ** exp + Number(frac.padEnd(exp, '0').slice(0, exp) || '0');
  if (!Number.isSafeInteger(minor)) throw new RangeError(`Amount too large: "${amount}"`);
  return m[1] === '-' ? -minor : minor;
}

/** 300000050 CAD → "3000000.50". */
export function fromMinorUnits(minor: number, currency: string): string {
  const exp = currencyExponent(currency);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  if (exp === 0) return `${sign}${abs}`;
  const unit = 10 ** exp;
  return `${sign}${Math.floor(abs / unit)}.${String(abs % unit).padStart(exp, '0')}`;
}

/** Canonical decimal text: no trailing zeros after the point, no lone point ("1250.50" → "1250.5", "3000000.00" → "3000000"). */
export function normalizeAmount(amount: string): string {
  const t = amount.trim();
  if (!t.includes('.')) return t.replace(/^0+(?=\d)/, '');
  return t
    .replace(/0+$/, '')
    .replace(/\.$/, '')
    .replace(/^0+(?=\d)/, '');
}
