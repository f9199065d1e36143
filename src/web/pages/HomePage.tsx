import { FormattedMessage } from 'react-intl';
import { useSearchParams } from 'react-router';
import { api } from '../api/client';
import { useApi } from '../api/useApi';
import { ErrorState } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { PartnershipPicker } from '../components/PartnershipPicker';
import { PlanOverview } from '../components/PlanOverview';

/**
 * The first Plan of Action of a partnership at a glance. With several partnerships, a picker chooses one
 * (`?partnership=<slug>`, the first by default) and the plan switcher lists only its plans.
 */
export default function HomePage() {
  const partnerships = useApi(api.partnerships());
  const [search] = useSearchParams();
  if (partnerships.error) return <ErrorState error={partnerships.error} onRetry={partnerships.reload} />;
  if (!partnerships.data) return <Loading label={<FormattedMessage id="loading.plan" />} />;
  const items = partnerships.data.items;
  const requested = search.get('partnership');
  const chosen = requested === null ? items[0] : items.find((p) => p.slug === requested);
  const picker = <PartnershipPicker partnerships={items} currentSlug={chosen?.slug} />;
  const first = chosen?.plans[0];
  if (!first) {
    return (
      <div>
        {picker}
        <PageHeading>
          <FormattedMessage id="app.name" />
        </PageHeading>
        <p className="empty-state">
          {requested !== null && !chosen ? (
            <FormattedMessage id="home.unknownPartnership" values={{ slug: requested }} />
          ) : (
            <FormattedMessage id="home.noPlans" />
          )}
        </p>
      </div>
    );
  }
  return (
    <>
      {picker}
      <PlanOverview key={first.slug} slug={first.slug} plans={chosen.plans} />
    </>
  );
}
