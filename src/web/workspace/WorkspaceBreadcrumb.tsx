import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { Breadcrumb, type Crumb } from '../components/Breadcrumb';
import { usePaths } from '../lib/paths';

/** Home › Workspace › … › the current page. */
export function WorkspaceBreadcrumb({ trail = [], current }: { trail?: Crumb[]; current: ReactNode }) {
  const paths = usePaths();
  return (
    <Breadcrumb
      items={[
        { label: <FormattedMessage id="nav.home" />, to: paths.home() },
        { label: <FormattedMessage id="nav.workspace" />, to: paths.workspace() },
        ...trail,
        { label: current },
      ]}
    />
  );
}
