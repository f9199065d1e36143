import { FormattedList } from 'react-intl';
import { Link } from 'react-router';
import type { OrganisationRef } from '../../shared/api-types';
import { usePaths } from '../lib/paths';
import { Localized, useText } from './Localized';

/** Organisation name; `short` prefers the acronym (full name on hover and for assistive tech). */
export function OrgName({ org, short = false }: { org: OrganisationRef; short?: boolean }) {
  const text = useText();
  if (short && org.acronym) {
    return (
      <abbr title={text(org.name)} className="org-abbr">
        {org.acronym}
      </abbr>
    );
  }
  return (
    <>
      <Localized value={org.name} />
      {org.acronym && <span className="org-acronym"> ({org.acronym})</span>}
    </>
  );
}

export function OrgLink({ org, short = false }: { org: OrganisationRef; short?: boolean }) {
  const paths = usePaths();
  return (
    <Link to={paths.organisation(org.id)}>
      <OrgName org={org} short={short} />
    </Link>
  );
}

/** Organisation links joined the way the interface language joins lists ("A, B and C"). */
export function OrgLinks({ orgs, short = false }: { orgs: readonly OrganisationRef[]; short?: boolean }) {
  return (
    <FormattedList
      type="conjunction"
      value={orgs.map((o) => (
        <OrgLink key={o.id} org={o} short={short} />
      ))}
    />
  );
}
