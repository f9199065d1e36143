import type { IntlShape } from 'react-intl';
import type { OrganisationSummary, PlanDetail } from '../../shared/api-types';
import type { LocalizedText } from '../../shared/localized';
import { getPlan, getPlans, listOrganisations } from '../api/client';
import { flattenFramework } from '../lib/framework';
import type { Option, OptionGroup } from './form';

/** What the editors choose from: organisations and the plans with their frameworks. */
export interface EditorOptions {
  organisations: OrganisationSummary[];
  plans: PlanDetail[];
}

export async function loadEditorOptions(signal: AbortSignal): Promise<EditorOptions> {
  const [orgs, planList] = await Promise.all([listOrganisations({ pageSize: 200 }, signal), getPlans(signal)]);
  const plans = await Promise.all(planList.items.map((p) => getPlan(p.id, signal)));
  return { organisations: orgs.items, plans };
}

type Text = (value: LocalizedText | null | undefined) => string;

export function organisationOptions(orgs: readonly OrganisationSummary[], text: Text, intl: IntlShape): Option[] {
  return orgs
    .map((o) => ({ value: o.id, label: o.acronym ? `${text(o.name)} (${o.acronym})` : text(o.name) }))
    .sort((a, b) => a.label.localeCompare(b.label, intl.locale));
}

/**
 * Parts of the plans an activity can be linked to, one group per pillar of each plan, indented
 * by depth. Retired parts are not offered, except one already linked (so that it is not lost
 * silently; the server will ask for a current one).
 */
export function nodeOptionGroups(
  plans: readonly PlanDetail[],
  text: Text,
  intl: IntlShape,
  keep: readonly string[] = [],
): OptionGroup[] {
  const groups: OptionGroup[] = [];
  for (const plan of plans) {
    const planLabel = text(plan.shortTitle) || text(plan.title);
    for (const root of flattenFramework(plan.framework).filter((f) => f.depth === 0)) {
      const options = flattenFramework([root.node])
        .filter((f) => f.node.status !== 'retired' || keep.includes(f.node.id))
        .map((f) => ({
          value: f.node.id,
          label: `${'\u2003'.repeat(f.depth)}${f.node.code} ${text(f.node.title)}${
            f.node.status === 'retired' ? ` ${intl.formatMessage({ id: 'editor.retiredNode' })}` : ''
          }`,
        }));
      if (options.length > 0) {
        groups.push({ label: `${planLabel} · ${root.node.code} ${text(root.node.title)}`, options });
      }
    }
  }
  return groups;
}

/** "1.1 Human rights…" for a node id, from the loaded plans. */
export function nodeName(plans: readonly PlanDetail[], id: string, text: Text): string {
  for (const plan of plans) {
    const found = flattenFramework(plan.framework).find((f) => f.node.id === id);
    if (found) return `${found.node.code} ${text(found.node.title)}`;
  }
  return id;
}
