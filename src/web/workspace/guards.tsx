import type { ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useLocation } from 'react-router';
import type { Action } from '../../core/policy';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { useDocumentTitle } from '../lib/documentTitle';
import { usePaths } from '../lib/paths';
import { useLabels } from './labels';
import { useSession } from './session';

function SignInFirst() {
  const intl = useIntl();
  const paths = usePaths();
  const location = useLocation();
  useDocumentTitle(intl.formatMessage({ id: 'guard.signInTitle' }));
  return (
    <div className="workspace-page">
      <PageHeading>
        <FormattedMessage id="guard.signInTitle" />
      </PageHeading>
      <p className="lead">
        <FormattedMessage id="guard.signInBody" />
      </p>
      <p>
        <Link className="button" to={paths.signIn(`${location.pathname}${location.search}`)}>
          <FormattedMessage id="auth.signInLink" />
        </Link>
      </p>
    </div>
  );
}

function NotAllowed() {
  const intl = useIntl();
  const paths = usePaths();
  const { user } = useSession();
  const labels = useLabels();
  useDocumentTitle(intl.formatMessage({ id: 'guard.notAllowedTitle' }));
  return (
    <div className="workspace-page">
      <PageHeading>
        <FormattedMessage id="guard.notAllowedTitle" />
      </PageHeading>
      <p className="lead">
        <FormattedMessage id="guard.notAllowedBody" values={{ role: user ? labels.role(user.role) : '' }} />
      </p>
      <p>
        <Link to={paths.workspace()}>
          <FormattedMessage id="guard.backToWorkspace" />
        </Link>
      </p>
    </div>
  );
}

/**
 * Shows its content only to a signed-in person whose role allows `action`; asks others to sign
 * in, or says plainly that their role does not allow this page. The server checks again anyway.
 */
export function RequireRole({ action, children }: { action?: Action; children: ReactNode }) {
  const session = useSession();
  if (session.status === 'loading') return <Loading />;
  if (session.status === 'signedOut') return <SignInFirst />;
  if (action && !session.can(action)) return <NotAllowed />;
  return <>{children}</>;
}
