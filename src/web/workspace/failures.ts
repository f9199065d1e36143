import { useIntl } from 'react-intl';
import { ApiError } from '../api/client';
import { issuesFromProblem, type FormIssue } from './issues';

/** Turns a failed write into form issues; the catch-all says what happened in the interface language. */
export function useFailureIssues() {
  const intl = useIntl();
  return (err: unknown): FormIssue[] => {
    if (!(err instanceof ApiError)) throw err;
    if (err.network) return [{ path: '', message: intl.formatMessage({ id: 'error.networkDetail' }) }];
    if (err.status === 401) return [{ path: '', message: intl.formatMessage({ id: 'auth.sessionEnded' }) }];
    if (err.status === 403) return [{ path: '', message: intl.formatMessage({ id: 'form.forbidden' }) }];
    const fields = issuesFromProblem(intl, err.problem);
    if (fields.length) return fields;
    return [
      {
        path: '',
        message: err.problem.detail || intl.formatMessage({ id: 'form.unexpected' }),
        lang: err.problem.detail && !intl.locale.startsWith('en') ? 'en' : undefined,
      },
    ];
  };
}
