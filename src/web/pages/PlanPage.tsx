import { FormattedMessage } from 'react-intl';
import { useParams } from 'react-router';
import { api } from '../api/client';
import { useApi } from '../api/useApi';
import { ErrorState } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { PlanOverview } from '../components/PlanOverview';

/** Any Plan of Action at a glance, with the switcher to the others. */
export default function PlanPage() {
  const { slug = '' } = useParams();
  const plans = useApi(api.plans());
  if (plans.error) return <ErrorState error={plans.error} onRetry={plans.reload} />;
  if (!plans.data) return <Loading label={<FormattedMessage id="loading.plan" />} />;
  return <PlanOverview key={slug} slug={slug} plans={plans.data.items} />;
}
