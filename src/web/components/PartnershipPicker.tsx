import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import type { PartnershipWithPlans } from '../../shared/api-types';
import { usePaths } from '../lib/paths';
import { Localized } from './Localized';

/** Links to every partnership of the instance, the chosen one marked as current; nothing when there is only one. */
export function PartnershipPicker({
  partnerships,
  currentSlug,
}: {
  partnerships: readonly PartnershipWithPlans[];
  currentSlug: string | undefined;
}) {
  const intl = useIntl();
  const paths = usePaths();
  if (partnerships.length < 2) return null;
  return (
    <nav
      className="plan-switcher partnership-picker"
      aria-label={intl.formatMessage({ id: 'partnership.pickerLabel' })}
    >
      <span className="plan-switcher__label" aria-hidden="true">
        <FormattedMessage id="partnership.pickerLabel" />
      </span>
      <ul>
        {partnerships.map((p) => (
          <li key={p.id}>
            <Link to={paths.partnership(p.slug)} aria-current={p.slug === currentSlug ? 'page' : undefined}>
              <span className="plan-switcher__period">
                <Localized value={p.name} />
              </span>
              <span className="plan-switcher__title">
                <FormattedMessage id="partnership.planCount" values={{ count: p.plans.length }} />
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
