/** The account editor's state: what an administrator may change of a person's account, as typed. */
import type { UserView } from '../../shared/api-types';
import type { UserUpdateInput } from '../../shared/schemas/auth.schema';

export interface UserForm {
  displayName: string;
  role: string;
  side: string;
  /** An organisation id, or '' for none. */
  organisationId: string;
  /** A partnership id, or '' for every partnership. */
  partnershipId: string;
  /** Not a control of the form (the access section changes it), but part of what a save replaces. */
  disabled: boolean;
}

export function userFormFrom(u: UserView): UserForm {
  return {
    displayName: u.displayName,
    role: u.role,
    side: u.side,
    organisationId: u.organisationId ?? '',
    partnershipId: u.partnershipId ?? '',
    disabled: u.disabled,
  };
}

/** The body of `PUT /api/v1/users/:id`. */
export function userFormToInput(f: UserForm) {
  return {
    displayName: f.displayName,
    role: f.role,
    side: f.side,
    organisationId: f.organisationId === '' ? null : f.organisationId,
    partnershipId: f.partnershipId === '' ? null : f.partnershipId,
    disabled: f.disabled,
  };
}

/** The stored account with only `disabled` changed: what disabling or enabling it again sends. */
export function accessChange(u: UserView, disabled: boolean): UserUpdateInput {
  return {
    displayName: u.displayName,
    role: u.role,
    side: u.side,
    organisationId: u.organisationId,
    partnershipId: u.partnershipId,
    disabled,
  };
}

/** Fields compared when a save meets a newer stored version. */
export const USER_MERGE_FIELDS = [
  'displayName',
  'role',
  'side',
  'organisationId',
  'partnershipId',
  'disabled',
] as const;

/** The form's controls, for linking errors to them (`disabled` is changed elsewhere on the page). */
export const USER_CONTROLS: ReadonlySet<string> = new Set([
  'displayName',
  'role',
  'side',
  'organisationId',
  'partnershipId',
]);
