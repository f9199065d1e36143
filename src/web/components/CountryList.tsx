import { FormattedMessage, useIntl } from 'react-intl';
import { useLabels } from '../i18n/labels';

/** Countries by name in the interface language, with "ASEAN region" for region-wide activities. */
export function CountryList({ countries, regional }: { countries: readonly string[]; regional: boolean }) {
  const labels = useLabels();
  const intl = useIntl();
  const names = countries.map((c) => labels.country(c)).sort((a, b) => a.localeCompare(b, intl.locale));
  if (regional) names.unshift(intl.formatMessage({ id: 'country.regionWide' }));
  if (names.length === 0) return <FormattedMessage id="country.none" />;
  return <>{intl.formatList(names, { type: 'conjunction', style: 'narrow' })}</>;
}
