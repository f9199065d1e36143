import { FormattedMessage, FormattedNumber, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import type { FormerName } from '../../shared/api-types';
import { api } from '../api/client';
import { useApi } from '../api/useApi';
import { ActivityList } from '../components/ActivityCard';
import { Breadcrumb } from '../components/Breadcrumb';
import { ApiErrorMessage, ErrorState } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { Localized, LocalizedBlock, useText } from '../components/Localized';
import { PageHeading } from '../components/PageHeading';
import { PartialDateText } from '../components/PartialDateText';
import { englishOnly } from '../i18n';
import { useLabels } from '../i18n/labels';
import { useDocumentTitle } from '../lib/documentTitle';
import { usePaths } from '../lib/paths';

/** "formerly UNIFEM (until 2011)" */
function FormerNameText({ former }: { former: FormerName }) {
  // Former names are recorded as they were, in English.
  const name = <span lang="en">{former.acronym ? `${former.name} (${former.acronym})` : former.name}</span>;
  return (
    <>
      {former.until ? (
        <FormattedMessage
          id="organisation.formerlyUntil"
          values={{ name, until: <PartialDateText value={former.until} /> }}
        />
      ) : (
        <FormattedMessage id="organisation.formerly" values={{ name }} />
      )}
      {former.note && (
        <span className="former-names__note">
          <Localized value={englishOnly(former.note)} />
        </span>
      )}
    </>
  );
}

export default function OrganisationPage() {
  const { id = '' } = useParams();
  const paths = usePaths();
  const labels = useLabels();
  const text = useText();
  const intl = useIntl();
  const state = useApi(api.organisation(id));
  const org = state.data;
  const activities = useApi(org ? api.activities({ organisation: [org.id], sort: '-start', pageSize: 100 }) : null);
  useDocumentTitle(org ? text(org.name) : null);

  if (state.error) return <ErrorState error={state.error} onRetry={state.reload} />;
  if (!org) return <Loading label={<FormattedMessage id="loading.organisation" />} />;

  const listHref = paths.activities({ organisation: org.id });

  return (
    <article className="detail-page">
      <Breadcrumb
        items={[
          { label: <FormattedMessage id="nav.home" />, to: paths.home() },
          { label: <FormattedMessage id="nav.organisations" />, to: paths.organisations() },
          { label: <Localized value={org.name} /> },
        ]}
      />
      <header className="page-header">
        <p className="page-header__eyebrow">{labels.organisationType(org.type)}</p>
        <PageHeading>
          <Localized value={org.name} />
          {org.acronym && <span className="page-title__acronym"> ({org.acronym})</span>}
        </PageHeading>
        {org.formerNames.length > 0 && (
          <ul className="former-names">
            {org.formerNames.map((f, i) => (
              <li key={i}>
                <FormerNameText former={f} />
              </li>
            ))}
          </ul>
        )}
        <LocalizedBlock value={org.description} className="lead-block" />
      </header>

      <div className="detail-layout">
        <div className="detail-layout__main">
          <section className="section" aria-labelledby="org-activities-title" aria-busy={activities.loading}>
            <h2 id="org-activities-title">
              <FormattedMessage id="organisation.activitiesTitle" />
            </h2>
            {activities.error ? (
              <ApiErrorMessage error={activities.error} onRetry={activities.reload} />
            ) : !activities.data ? (
              <Loading label={<FormattedMessage id="loading.activities" />} />
            ) : activities.data.items.length === 0 ? (
              <p className="empty-state">
                <FormattedMessage id="organisation.noActivities" />
              </p>
            ) : (
              <>
                <ActivityList
                  activities={activities.data.items}
                  label={intl.formatMessage({ id: 'organisation.activitiesListLabel' }, { name: text(org.name) })}
                />
                {activities.data.total > activities.data.items.length && (
                  <p>
                    <Link to={listHref}>
                      <FormattedMessage id="node.moreInList" values={{ count: activities.data.total }} />
                    </Link>
                  </p>
                )}
              </>
            )}
          </section>
        </div>
        <aside className="detail-layout__side" aria-label={intl.formatMessage({ id: 'organisation.sideLabel' })}>
          <section className="panel" aria-labelledby="org-facts-title">
            <h2 id="org-facts-title" className="panel__title">
              <FormattedMessage id="organisation.factsTitle" />
            </h2>
            <dl className="facts facts--compact">
              <div>
                <dt>
                  <FormattedMessage id="organisation.type" />
                </dt>
                <dd>{labels.organisationType(org.type)}</dd>
              </div>
              {org.acronym && (
                <div>
                  <dt>
                    <FormattedMessage id="organisation.acronym" />
                  </dt>
                  <dd>{org.acronym}</dd>
                </div>
              )}
              <div>
                <dt>
                  <FormattedMessage id="organisation.country" />
                </dt>
                <dd>{org.country ? labels.country(org.country) : <FormattedMessage id="organisation.noCountry" />}</dd>
              </div>
              {org.website && (
                <div>
                  <dt>
                    <FormattedMessage id="organisation.website" />
                  </dt>
                  <dd>
                    <a href={org.website} className="break">
                      {org.website.replace(/^https?:\/\//, '').replace(/\/$/, '')}
                    </a>
                  </dd>
                </div>
              )}
              {org.iatiIdentifier && (
                <div>
                  <dt>
                    <FormattedMessage id="organisation.iati" />
                  </dt>
                  <dd>
                    <code>{org.iatiIdentifier}</code>
                  </dd>
                </div>
              )}
              <div>
                <dt>
                  <FormattedMessage id="organisation.activityCount" />
                </dt>
                <dd>
                  <FormattedNumber value={org.activityCount} />
                </dd>
              </div>
            </dl>
            {org.roles.length > 0 && (
              <>
                <h3 className="panel__subtitle">
                  <FormattedMessage id="organisation.rolesTitle" />
                </h3>
                <ul className="plain-list roles">
                  {org.roles.map((r) => (
                    <li key={r.role}>
                      <FormattedMessage
                        id="organisation.roleCount"
                        values={{ role: labels.role(r.role), count: r.count }}
                      />
                    </li>
                  ))}
                </ul>
              </>
            )}
            {org.activityCount > 0 && (
              <p className="no-print">
                <Link to={listHref}>
                  <FormattedMessage id="organisation.filterActivities" />
                </Link>
              </p>
            )}
          </section>
        </aside>
      </div>
    </article>
  );
}
