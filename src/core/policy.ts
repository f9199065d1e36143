import { ROLES, type Role, type Side } from '../shared/vocab';
import { forbidden, unauthenticated } from './errors';

/** The signed-in person on whose behalf a request runs. */
export interface Actor {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  side: Side;
  organisationId: string | null;
  /** The one partnership the person works for: as a reviewer, they sign off its activities only. Absent or null: all. */
  partnershipId?: string | null;
}

/**
 * Every action a route can perform, with the least role that may perform it. Roles are ordered:
 * viewer < editor < reviewer < admin, each holding the rights of the ones before it.
 * This table is the single place where authorization is decided.
 */
export const POLICY = {
  'drafts:read': 'viewer',
  'history:read': 'viewer',
  'activity:create': 'editor',
  'activity:update': 'editor',
  'activity:delete': 'editor',
  'activity:submit': 'editor',
  'activity:restore-version': 'editor',
  'activity:review': 'reviewer',
  'organisation:create': 'editor',
  'organisation:update': 'editor',
  'organisation:delete': 'editor',
  'organisation:merge': 'editor',
  'trash:read': 'admin',
  'trash:restore': 'admin',
  'plan:manage': 'admin',
  'rates:manage': 'admin',
  'snapshot:create': 'reviewer',
  'snapshot:delete': 'admin',
  'user:manage': 'admin',
  'self:manage': 'viewer',
} as const satisfies Record<string, Role>;

export type Action = keyof typeof POLICY;

function rank(role: Role): number {
  return ROLES.indexOf(role);
}

/** Whether the actor may perform the action. Nobody signed out may perform any. */
export function can(actor: Actor | null, action: Action): boolean {
  return actor !== null && rank(actor.role) >= rank(POLICY[action]);
}

/** Throws `unauthenticated` for no actor and `forbidden` for a role below the action's. */
export function authorize(actor: Actor | null, action: Action): Actor {
  if (!actor) throw unauthenticated();
  if (!can(actor, action)) {
    throw forbidden(
      `Your role (${actor.role}) may not ${action.replace(':', ' ').replace('-', ' ')}; this needs ${POLICY[action]} or above.`,
    );
  }
  return actor;
}
