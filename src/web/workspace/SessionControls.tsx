import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useLocation, useNavigate } from 'react-router';
import { requestHeadingFocus } from '../lib/focus';
import { usePaths } from '../lib/paths';
import { useSession } from './session';
import './workspace.css';

/** Pages where a "Sign in" link pointing back to themselves would make no sense. */
const NO_RETURN = /\/(sign-in|account\/accept)$/;

/**
 * The header's account area: "Sign in" for visitors; for staff, their name (a link to their
 * account) and "Sign out".
 */
export function SessionControls() {
  const session = useSession();
  const paths = usePaths();
  const intl = useIntl();
  const location = useLocation();
  const navigate = useNavigate();
  if (session.status === 'loading') return null;
  const here = `${location.pathname}${location.search}`;
  const signInHref = paths.signIn(NO_RETURN.test(location.pathname) ? undefined : here);

  if (session.status === 'signedOut' || !session.user) {
    return (
      <div className="session-controls">
        <Link to={signInHref} className="session-controls__sign-in">
          <FormattedMessage id="auth.signInLink" />
        </Link>
      </div>
    );
  }

  const signOut = async () => {
    await session.signOut();
    requestHeadingFocus();
    void navigate(`${paths.signIn()}${paths.signIn().includes('?') ? '&' : '?'}signedOut=1`);
  };

  return (
    <div className="session-controls" aria-label={intl.formatMessage({ id: 'auth.accountArea' })} role="group">
      {session.ended ? (
        <Link to={signInHref} className="session-controls__ended">
          <FormattedMessage id="auth.sessionEndedLink" />
        </Link>
      ) : (
        <Link to={paths.account()} className="session-controls__name">
          <span className="visually-hidden">
            <FormattedMessage id="auth.signedInAs" />{' '}
          </span>
          {session.user.displayName}
        </Link>
      )}
      <button type="button" className="session-controls__sign-out" onClick={() => void signOut()}>
        <FormattedMessage id="auth.signOut" />
      </button>
    </div>
  );
}
