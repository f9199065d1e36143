import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import type { PlanSummary } from '../../shared/api-types';
import { usePaths } from '../lib/paths';
import { planNeighbours } from '../lib/planSuccession';

export interface CompareLink {
  key: 'previous' | 'next';
  to: string;
  label: ReactNode;
}

/**
 * "Compare with the previous plan (2010–2015)" and "… the next plan (2021–2025)": the plan side by
 * side with its predecessor or successor in the same partnership. The comparison always reads from
 * the earlier plan to the later one, whichever page the link is on.
 */
export function useCompareLinks(plans: readonly PlanSummary[] | undefined, current: PlanSummary | undefined) {
  const paths = usePaths();
  if (!plans || !current) return [];
  const { previous, next } = planNeighbours(plans, current);
  const links: CompareLink[] = [];
  if (previous) {
    links.push({
      key: 'previous',
      to: paths.planComparison(previous.slug, current.slug),
      label: (
        <FormattedMessage
          id="comparison.previousLink"
          values={{ period: `${previous.periodStart}–${previous.periodEnd}` }}
        />
      ),
    });
  }
  if (next) {
    links.push({
      key: 'next',
      to: paths.planComparison(current.slug, next.slug),
      label: <FormattedMessage id="comparison.nextLink" values={{ period: `${next.periodStart}–${next.periodEnd}` }} />,
    });
  }
  return links;
}
