import type { UserView } from '../../shared/api-types';
import { useLabels } from './labels';

/** An account's state in words (invited, active, disabled), framed so that it stands out without colour. */
export function AccountStatus({ status }: { status: UserView['status'] }) {
  const labels = useLabels();
  return <span className={`account-status account-status--${status}`}>{labels.accountStatus(status)}</span>;
}
