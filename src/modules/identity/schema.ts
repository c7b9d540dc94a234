/** Shapes of the identity API: one zod schema each, for validation, types and the OpenAPI document. */
import { z } from 'zod';
import { roles } from './actor.js';

export const Email = z.string().trim().toLowerCase().email().max(254);

export const LoginInput = z.strictObject({ email: z.string().max(254), password: z.string().max(1024) });

export const MembershipView = z.object({
  organisationId: z.string().uuid(),
  organisationName: z.string(),
  role: z.enum(roles),
});

export const UserView = z.object({
  id: z.string().uuid(),
  email: z.string(),
  fullName: z.string(),
  locale: z.string(),
  timeZone: z.string().nullable(),
  nodeAdmin: z.boolean(),
  memberships: z.array(MembershipView),
});
export type UserView = z.infer<typeof UserView>;

export const SessionView = z.object({ user: UserView, csrfToken: z.string() });

export const Locale = z.enum(['en', 'vi', 'ja']);
export const TimeZone = z.string().max(64).refine(isTimeZone, 'Not an IANA time zone');

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const UpdateMeInput = z.strictObject({
  fullName: z.string().trim().min(1).max(200).optional(),
  locale: Locale.optional(),
  timeZone: TimeZone.nullable().optional(),
});
export type UpdateMeInput = z.infer<typeof UpdateMeInput>;

export const SetupInput = z.strictObject({
  token: z.string().min(10).max(200),
  email: Email,
  password: z.string().min(12).max(1024),
  fullName: z.string().trim().min(1).max(200),
});

export const CreateUserInput = z.strictObject({
  email: Email,
  fullName: z.string().trim().min(1).max(200),
  password: z.string().min(12).max(1024),
  memberships: z.array(z.strictObject({ organisationId: z.string().uuid(), role: z.enum(roles) })).max(50),
});
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export const TokenView = z.object({
  id: z.string().uuid(),
  name: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type TokenView = z.infer<typeof TokenView>;

export const CreateTokenInput = z.strictObject({
  name: z.string().trim().max(100).default(''),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export const CreatedToken = TokenView.extend({ token: z.string() });

/** `30d`, `12h`, `90m` as used by `kizuna token create --expires-in`. */
export function parseDuration(text: string): number {
  const m = /^(\d{1,6})([dhm])$/.exec(text.trim());
  if (!m) throw new Error(`Not a duration: ${text} (use for example 30d, 12h or 90m)`);
  const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[m[2] as 'd' | 'h' | 'm'];
  return Number(m[1]) * unit;
}
