import type { MoneyTotal } from '../shared/api-types';
import { fromMinorUnits } from '../shared/money';
import type { FundingType } from '../shared/vocab';

/** Sums funding lines per currency and type; different currencies are never added together. */
export function fundingTotals(
  lines: readonly { amount_minor: number; currency: string; type: string }[],
): MoneyTotal[] {
  const sums = new Map<string, { currency: string; type: FundingType; minor: number }>();
  for (const l of lines) {
    const k = `${l.currency}|${l.type}`;
    const s = sums.get(k) ?? { currency: l.currency, type: l.type as FundingType, minor: 0 };
    s.minor += Number(l.amount_minor);
    sums.set(k, s);
  }
  return [...sums.values()]
    .sort((a, b) => a.type.localeCompare(b.type) || a.currency.localeCompare(b.currency))
    .map((s) => ({ currency: s.currency, type: s.type, amount: fromMinorUnits(s.minor, s.currency) }));
}
