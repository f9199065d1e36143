import { FormattedDate, FormattedMessage, FormattedNumber, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import type { ActivityDetail, ActivityLink, Participant } from '../../shared/api-types';
import { PARTICIPANT_ROLES } from '../../shared/vocab';
import { API_BASE, api, queryString } from '../api/client';
import { useApi } from '../api/useApi';
import { OtherLanguageTexts, OtherRecipients, Results, Sectors } from '../components/ActivityDetails';
import { Breadcrumb } from '../components/Breadcrumb';
import { ConfidenceLegend } from '../components/ConfidenceLegend';
import { CountryList } from '../components/CountryList';
import { ErrorState } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { Localized, LocalizedBlock, useText } from '../components/Localized';
import { Money } from '../components/Money';
import { NodeLabel } from '../components/NodeLabel';
import { OrgLink } from '../components/OrgName';
import { PageHeading } from '../components/PageHeading';
import { DateRange, PartialDateText } from '../components/PartialDateText';
import { ConfidenceBadge, StatusBadge, TypeBadge } from '../components/StatusBadge';
import { TableScroller } from '../components/TableScroller';
import { englishOnly } from '../i18n';
import { useLabels } from '../i18n/labels';
import { useLang } from '../i18n/LanguageContext';
import { useDocumentTitle } from '../lib/documentTitle';
import { usePaths } from '../lib/paths';
import { ActivityHistory, ActivityStaffPanel } from '../workspace/ActivityStaffPanel';

function Participants({ participants }: { participants: Participant[] }) {
  const labels = useLabels();
  if (participants.length === 0) {
    return (
      <p className="empty-state">
        <FormattedMessage id="activity.noParticipants" />
      </p>
    );
  }
  return (
    <div className="role-groups">
      {PARTICIPANT_ROLES.map((role) => {
        const group = participants.filter((p) => p.role === role);
        if (group.length === 0) return null;
        return (
          <section key={role} className="role-group" aria-labelledby={`role-${role}`}>
            <h3 id={`role-${role}`} className="role-group__title">
              {labels.roleGroup(role)}
            </h3>
            <ul className="plain-list">
              {group.map((p) => (
                <li key={`${p.organisation.id}-${role}`} className="participant">
                  <OrgLink org={p.organisation} />
                  <span className="participant__meta">
                    {labels.organisationType(p.organisation.type)}
                    {p.organisation.country && <> · {labels.country(p.organisation.country)}</>}
                  </span>
                  {p.note && (
                    <span className="participant__note">
                      <Localized value={englishOnly(p.note)} />
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

function Funding({ activity }: { activity: ActivityDetail }) {
  const labels = useLabels();
  if (activity.funding.length === 0) {
    return (
      <p className="empty-state">
        <FormattedMessage id="activity.noFunding" />
      </p>
    );
  }
  return (
    <>
      <TableScroller labelledBy="funding-caption">
        <table className="table table--funding">
          <caption id="funding-caption">
            <FormattedMessage id="funding.tableCaption" />
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <FormattedMessage id="funding.date" />
              </th>
              <th scope="col">
                <FormattedMessage id="funding.type" />
              </th>
              <th scope="col">
                <FormattedMessage id="funding.flow" />
              </th>
              <th scope="col" className="num">
                <FormattedMessage id="funding.amount" />
              </th>
            </tr>
          </thead>
          <tbody>
            {activity.funding.map((f) => (
              <tr key={f.id}>
                <td>
                  {f.date ? <PartialDateText value={f.date} /> : <FormattedMessage id="dates.unknown" />}
                  {f.valueDate && f.valueDate !== f.date && (
                    <span className="table__note">
                      <FormattedMessage
                        id="funding.valueDate"
                        values={{ date: <PartialDateText value={f.valueDate} /> }}
                      />
                    </span>
                  )}
                </td>
                <td>{labels.fundingType(f.type)}</td>
                <td>
                  <span className="flow">
                    {f.provider ? <OrgLink org={f.provider} /> : <FormattedMessage id="funding.unknownParty" />}
                    <span aria-hidden="true" className="flow__arrow">
                      {' → '}
                    </span>
                    <span className="visually-hidden">
                      {' '}
                      <FormattedMessage id="funding.to" />{' '}
                    </span>
                    {f.recipient ? <OrgLink org={f.recipient} /> : <FormattedMessage id="funding.unknownParty" />}
                  </span>
                  {f.note && (
                    <span className="table__note">
                      <Localized value={englishOnly(f.note)} />
                    </span>
                  )}
                </td>
                <td className="num">
                  <Money amount={f.amount} currency={f.currency} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroller>
      {activity.fundingTotals.length > 0 && (
        <TableScroller labelledBy="funding-totals-caption">
          <table className="table table--totals">
            <caption id="funding-totals-caption">
              <FormattedMessage id="funding.totalsCaption" />
            </caption>
            <thead>
              <tr>
                <th scope="col">
                  <FormattedMessage id="funding.type" />
                </th>
                <th scope="col">
                  <FormattedMessage id="funding.currency" />
                </th>
                <th scope="col" className="num">
                  <FormattedMessage id="funding.total" />
                </th>
              </tr>
            </thead>
            <tbody>
              {activity.fundingTotals.map((t) => (
                <tr key={`${t.type}-${t.currency}`}>
                  <th scope="row">{labels.fundingType(t.type)}</th>
                  <td>{t.currency}</td>
                  <td className="num">
                    <Money amount={t.amount} currency={t.currency} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      )}
    </>
  );
}

function Links({ links }: { links: ActivityLink[] }) {
  const paths = usePaths();
  if (links.length === 0) {
    return (
      <p className="empty-state">
        <FormattedMessage id="activity.noLinks" />
      </p>
    );
  }
  return (
    <ul className="link-cards">
      {links.map((l) => (
        <li key={l.node.id} className="link-card">
          <p className="link-card__plan">
            <Link to={paths.plan(l.node.plan.slug)}>
              <Localized value={l.node.plan.shortTitle} />
            </Link>
          </p>
          {l.ancestors.length > 0 && (
            <ol className="link-card__path">
              {l.ancestors.map((a) => (
                <li key={a.id}>
                  <NodeLabel node={a} />
                </li>
              ))}
            </ol>
          )}
          <p className="link-card__node">
            <NodeLabel node={l.node} />
          </p>
          {l.rationale && (
            <p className="link-card__rationale">
              <span className="link-card__label">
                <FormattedMessage id="activity.rationale" />
              </span>{' '}
              <Localized value={englishOnly(l.rationale)} />
            </p>
          )}
          {l.confidence && (
            <p className="link-card__confidence">
              <span className="link-card__label">
                <FormattedMessage id="activity.linkConfidence" />
              </span>{' '}
              <ConfidenceBadge confidence={l.confidence} />
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

function Sources({ activity }: { activity: ActivityDetail }) {
  if (activity.sources.length === 0) {
    return (
      <p className="empty-state">
        <FormattedMessage id="activity.noSources" />
      </p>
    );
  }
  return (
    <>
      <ol className="source-list">
        {activity.sources.map((s) => (
          <li key={s.id} className="source">
            <p className="source__title">{s.url ? <a href={s.url}>{s.title}</a> : s.title}</p>
            <p className="source__meta">
              {s.publisher && <span>{s.publisher}</span>}
              {s.publisher && s.publishedOn && ' · '}
              {s.publishedOn && <PartialDateText value={s.publishedOn} />}
              {(s.publisher || s.publishedOn) && ' '}
              <ConfidenceBadge confidence={s.confidence} />
            </p>
            {s.note && (
              <p className="source__note">
                <Localized value={englishOnly(s.note)} />
              </p>
            )}
          </li>
        ))}
      </ol>
      <ConfidenceLegend />
    </>
  );
}

export default function ActivityPage() {
  const { id = '' } = useParams();
  const paths = usePaths();
  const intl = useIntl();
  const text = useText();
  const lang = useLang();
  const state = useApi(api.activity(id));
  const a = state.data;
  useDocumentTitle(a ? text(a.title) : null);

  if (state.error) return <ErrorState error={state.error} onRetry={state.reload} />;
  if (!a) return <Loading label={<FormattedMessage id="loading.activity" />} />;

  const hasPlanned = a.plannedStart !== null || a.plannedEnd !== null;
  const hasActual = a.actualStart !== null || a.actualEnd !== null;

  return (
    <article className="detail-page activity-page">
      <Breadcrumb
        items={[
          { label: <FormattedMessage id="nav.home" />, to: paths.home() },
          { label: <FormattedMessage id="nav.activities" />, to: paths.activities() },
          { label: <Localized value={a.title} /> },
        ]}
      />
      <header className="page-header">
        <div className="badges">
          <StatusBadge status={a.status} />
          <TypeBadge type={a.type} />
        </div>
        <PageHeading>
          <Localized value={a.title} />
        </PageHeading>
        <LocalizedBlock value={a.summary} className="lead-block" />
      </header>
      <ActivityStaffPanel activity={a} onChanged={state.reload} />

      <div className="detail-layout">
        <div className="detail-layout__main">
          <section className="section" aria-labelledby="facts-title">
            <h2 id="facts-title">
              <FormattedMessage id="activity.factsTitle" />
            </h2>
            <dl className="facts">
              <div>
                <dt>
                  <FormattedMessage id="activity.planned" />
                </dt>
                <dd>
                  {hasPlanned ? (
                    <DateRange start={a.plannedStart} end={a.plannedEnd} />
                  ) : (
                    <FormattedMessage id="dates.notRecorded" />
                  )}
                </dd>
              </div>
              <div>
                <dt>
                  <FormattedMessage id="activity.actual" />
                </dt>
                <dd>
                  {hasActual ? (
                    <DateRange start={a.actualStart} end={a.actualEnd} />
                  ) : (
                    <FormattedMessage id="dates.notRecorded" />
                  )}
                </dd>
              </div>
              <div>
                <dt>
                  <FormattedMessage id="activity.countriesAndRegion" />
                </dt>
                <dd>
                  <CountryList countries={a.countries} regional={a.regional} />
                </dd>
              </div>
              {a.otherRecipients.length > 0 && (
                <div>
                  <dt>
                    <FormattedMessage id="activity.otherRecipients" />
                  </dt>
                  <dd>
                    <OtherRecipients recipients={a.otherRecipients} />
                  </dd>
                </div>
              )}
              {a.reportingOrganisation && (
                <div>
                  <dt>
                    <FormattedMessage id="activity.reportingOrg" />
                  </dt>
                  <dd>
                    <OrgLink org={a.reportingOrganisation} />
                  </dd>
                </div>
              )}
              {a.iatiIdentifier && (
                <div>
                  <dt>
                    <FormattedMessage id="activity.iati" />
                  </dt>
                  <dd>
                    <code>{a.iatiIdentifier}</code>
                  </dd>
                </div>
              )}
            </dl>
          </section>

          {text(a.description) && (
            <section className="section" aria-labelledby="description-title">
              <h2 id="description-title">
                <FormattedMessage id="activity.descriptionTitle" />
              </h2>
              <LocalizedBlock value={a.description} className="prose" />
            </section>
          )}

          {a.otherLanguageTexts.length > 0 && (
            <section className="section" aria-labelledby="other-languages-title">
              <h2 id="other-languages-title">
                <FormattedMessage id="activity.otherLanguagesTitle" />
              </h2>
              <OtherLanguageTexts texts={a.otherLanguageTexts} />
            </section>
          )}

          {a.sectors.length > 0 && (
            <section className="section" aria-labelledby="sectors-title">
              <h2 id="sectors-title">
                <FormattedMessage id="activity.sectorsTitle" />
              </h2>
              <Sectors sectors={a.sectors} />
            </section>
          )}

          {a.results.length > 0 && (
            <section className="section" aria-labelledby="results-title">
              <h2 id="results-title">
                <FormattedMessage id="activity.resultsTitle" />
              </h2>
              <Results results={a.results} />
            </section>
          )}

          <section className="section" aria-labelledby="funding-title">
            <h2 id="funding-title">
              <FormattedMessage id="activity.fundingTitle" />
            </h2>
            <Funding activity={a} />
          </section>

          <section className="section" aria-labelledby="links-title">
            <h2 id="links-title">
              <FormattedMessage id="activity.linksTitle" />
            </h2>
            <Links links={a.links} />
          </section>

          <section className="section" aria-labelledby="sources-title">
            <h2 id="sources-title">
              <FormattedMessage id="activity.sourcesTitle" />
            </h2>
            <Sources activity={a} />
          </section>

          <ActivityHistory activity={a} onChanged={state.reload} />
        </div>

        <aside className="detail-layout__side" aria-label={intl.formatMessage({ id: 'activity.sideLabel' })}>
          <section className="panel" aria-labelledby="participants-title">
            <h2 id="participants-title" className="panel__title">
              <FormattedMessage id="activity.participantsTitle" />
            </h2>
            <Participants participants={a.participants} />
          </section>
          <section className="panel panel--muted" aria-labelledby="record-title">
            <h2 id="record-title" className="panel__title">
              <FormattedMessage id="record.title" />
            </h2>
            <dl className="facts facts--compact">
              <div>
                <dt>
                  <FormattedMessage id="record.updated" />
                </dt>
                <dd>
                  <FormattedDate value={a.updatedAt} dateStyle="long" />
                </dd>
              </div>
              <div>
                <dt>
                  <FormattedMessage id="record.created" />
                </dt>
                <dd>
                  <FormattedDate value={a.createdAt} dateStyle="long" />
                </dd>
              </div>
              <div>
                <dt>
                  <FormattedMessage id="record.version" />
                </dt>
                <dd>
                  <FormattedNumber value={a.version} />
                </dd>
              </div>
            </dl>
            <ul className="record-links no-print">
              <li>
                <a href={api.activity(a.id).url}>
                  <FormattedMessage id="record.json" />
                </a>
              </li>
              <li>
                <a
                  href={`${API_BASE}/exports/activities${queryString({ id: a.id, format: 'iati', lang })}`}
                  download=""
                >
                  <FormattedMessage id="record.iati" />
                </a>
              </li>
            </ul>
          </section>
        </aside>
      </div>
    </article>
  );
}
