import { useMemo } from 'react';
import { useIntl } from 'react-intl';
import type { UserView } from '../../shared/api-types';
import type { Role, Side, WorkflowState } from '../../shared/vocab';

/** Labels of the workspace's own vocabularies: roles, sides, workflow states, account states, history actions. */
export function useLabels() {
  const intl = useIntl();
  return useMemo(() => {
    const m = intl.formatMessage;
    return {
      role: (v: Role) => m({ id: `vocab.userRole.${v}` }),
      side: (v: Side) => m({ id: `vocab.side.${v}` }),
      workflow: (v: WorkflowState) => m({ id: `vocab.workflowState.${v}` }),
      accountStatus: (v: UserView['status']) => m({ id: 'users.statusValue' }, { status: v }),
      historyAction: (action: string) => m({ id: 'vocab.historyAction' }, { action }),
      list: (values: string[]) => intl.formatList(values, { type: 'conjunction' }),
    };
  }, [intl]);
}
