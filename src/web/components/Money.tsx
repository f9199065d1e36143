import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import type { MoneyTotal } from '../../shared/api-types';
import { useLabels } from '../i18n/labels';

/** "CAD 3,000,000": the currency code keeps dollars of different countries apart. */
export function formatMoney(intl: IntlShape, amount: string, currency: string): string {
  const value = Number(amount);
  if (!Number.isFinite(value)) return `${currency} ${amount}`;
  try {
    return intl.formatNumber(value, {
      style: 'currency',
      currency,
      currencyDisplay: 'code',
      trailingZeroDisplay: 'stripIfInteger',
    });
  } catch {
    return `${currency} ${amount}`;
  }
}

export function Money({ amount, currency }: { amount: string; currency: string }) {
  const intl = useIntl();
  return <span className="money">{formatMoney(intl, amount, currency)}</span>;
}

/** "CAD 47.3M" for headline figures; the exact amount is what assistive technology reads. */
export function CompactMoney({ amount, currency }: { amount: string; currency: string }) {
  const intl = useIntl();
  const value = Number(amount);
  let compact: string;
  try {
    compact = intl.formatNumber(value, {
      style: 'currency',
      currency,
      currencyDisplay: 'code',
      notation: 'compact',
      maximumFractionDigits: 1,
    });
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
