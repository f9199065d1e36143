import { z } from 'zod';
import { ROLES, SIDES } from '../vocab';

export const PASSWORD_MIN = 12;
const email = z
  .string({ error: 'Give an e-mail address.' })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'Give a valid e-mail address, such as name@example.org.' }));
const newPassword = z
  .string({ error: 'Give a password.' })
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
  .max(200, 'Use at most 200 characters.');

export const signInSchema = z
  .object({ email, password: z.string({ error: 'Give your password.' }).min(1, 'Give your password.').max(200) })
  .strict();
export type SignInInput = z.infer<typeof signInSchema>;

export const changePasswordSchema = z
  .object({ currentPassword: z.string().min(1, 'Give your current password.').max(200), newPassword })
  .strict();

export const acceptLinkSchema = z
  .object({
    token: z.string().min(20, 'This link is incomplete; copy the whole link.').max(200),
    password: newPassword,
  })
  .strict();

const displayName = z.string().trim().min(1, 'Give the person’s name.').max(200);
const role = z.enum(ROLES, { error: `Use one of: ${ROLES.join(', ')}.` });
const side = z.enum(SIDES, { error: `Use one of: ${SIDES.join(', ')}.` });

export const userCreateSchema = z
  .object({
    email,
    displayName,
    role,
    side,
    organisationId: z.string().min(1).max(100).optional(),
    /** The one partnership the person works for (a reviewer signs off its activities only); absent: every one. */
    partnershipId: z.string().min(1).max(100).optional(),
  })
  .strict();
export type UserCreateInput = z.infer<typeof userCreateSchema>;

/**
 * An administrator's change to an account, replacing these fields (PUT): everything but the e-mail
 * address and the password, which only the person sets. Disabling ends the person's sessions and
 * revokes their API tokens; enabling again does not bring those back.
 */
export const userUpdateSchema = z
  .object({
    displayName,
    role,
    side,
    organisationId: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .nullish()
      .transform((v) => v ?? null),
    partnershipId: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .nullish()
      .transform((v) => v ?? null),
    disabled: z.boolean({ error: 'Say whether the account is disabled: true or false.' }),
  })
  .strict();
export type UserUpdateInput = z.infer<typeof userUpdateSchema>;

export const apiTokenCreateSchema = z
  .object({ name: z.string().trim().min(1, 'Name the token, e.g. "import script".').max(100) })
  .strict();

export { newPassword as newPasswordSchema };

/** `POST /api/v1/users/{id}/links`: an invitation or a password-reset link for the account. */
export const userLinkSchema = z
  .object({ kind: z.enum(['invite', 'reset'], { error: 'Use invite or reset.' }) })
  .strict();
