import { FormattedMessage } from 'react-intl';
import { api } from '../api/client';
import { useApi } from '../api/useApi';
import { ErrorState } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { PlanOverview } from '../components/PlanOverview';

/** The first Plan of Action at a glance. */
export default function HomePage() {
  const plans = useApi(api.plans());
  if (plans.error) return <ErrorState error={plans.error} onRetry={plans.reload} />;
  if (!plans.data) return <Loading label={<FormattedMessage id="loading.plan" />} />;
  const first = plans.data.items[0];
  if (!first) {
    return (
      <div>
        <PageHeading>
          <FormattedMessage id="app.name" />
        </PageHeading>
        <p className="empty-state">
          <FormattedMessage id="home.noPlans" />
        </p>
      </div>
    );
  }
  return <PlanOverview slug={first.slug} plans={plans.data.items} />;
}
