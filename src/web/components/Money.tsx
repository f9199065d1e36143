import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import type { MoneyTotal } from '../../shared/api-types';
import { uiLanguageForLocale } from '../i18n';
import { useLabels } from '../i18n/labels';

type CurrencyOptions = Pick<Intl.NumberFormatOptions, 'notation' | 'maximumFractionDigits' | 'trailingZeroDisplay'>;

/**
 * An amount in the interface language's style, always saying whose dollars they are:
 * "CAD 3,000,000" in English, "3 000 000 $ CA" and "1 250,50 $ US" in French.
 */
function formatCurrency(intl: IntlShape, value: number, currency: string, options: CurrencyOptions): string {
  const display = uiLanguageForLocale(intl.locale)?.currencyDisplay ?? 'code';
  const parts = intl.formatNumberToParts(value, { ...options, style: 'currency', currency, currencyDisplay: display });
  return parts
    .map((p) =>
      // The locale's own dollar is written bare ("$"); other dollars are marked ("$ US").
      p.type === 'currency' && p.value === '$' ? `$\u00a0${currency.slice(0, 2)}` : p.value,
    )
    .join('');
}

/** "CAD 3,000,000" / "3 000 000 $ CA": the currency is named so that dollars of different countries stay apart. */
export function formatMoney(intl: IntlShape, amount: string, currency: string): string {
  const value = Number(amount);
  if (!Number.isFinite(value)) return `${currency} ${amount}`;
  try {
    return formatCurrency(intl, value, currency, { trailingZeroDisplay: 'stripIfInteger' });
  } catch {
    return `${currency} ${amount}`;
  }
}

export function Money({ amount, currency }: { amount: string; currency: string }) {
  const intl = useIntl();
  return <span className="money">{formatMoney(intl, amount, currency)}</span>;
}

/** "CAD 47.3M" / "47,3 M $ CA" for headline figures; the exact amount is what assistive technology reads. */
export function CompactMoney({ amount, currency }: { amount: string; currency: string }) {
  const intl = useIntl();
  const value = Number(amount);
  let compact: string;
  try {
    compact = formatCurrency(intl, value, currency, { notation: 'compact', maximumFractionDigits: 1 });
  } catch {
    compact = `${currency} ${amount}`;
  }
  return (
    <span className="money">
      <span aria-hidden="true">{compact}</span>
      <span className="visually-hidden">{formatMoney(intl, amount, currency)}</span>
    </span>
  );
}

/** Totals per funding type and currency, e.g. "Commitment: CAD 3,000,000". Never adds across currencies. */
export function MoneyTotals({ totals, compact = false }: { totals: readonly MoneyTotal[]; compact?: boolean }) {
  const labels = useLabels();
  if (totals.length === 0) return null;
  if (compact) {
    return (
      <span className="money-totals money-totals--compact">
        {totals.map((t) => (
          <span key={`${t.type}-${t.currency}`} className="money-totals__item">
            <FormattedMessage
              id="money.totalLine"
              values={{ type: labels.fundingType(t.type), amount: <Money amount={t.amount} currency={t.currency} /> }}
            />
          </span>
        ))}
      </span>
    );
  }
  return (
    <ul className="money-totals">
      {totals.map((t) => (
        <li key={`${t.type}-${t.currency}`}>
          <FormattedMessage
            id="money.totalLine"
            values={{
              type: labels.fundingType(t.type),
              amount: <Money amount={t.amount} currency={t.currency} />,
            }}
          />
        </li>
      ))}
    </ul>
  );
}
