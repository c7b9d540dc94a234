/**
 * Shapes of the communication-check API (the contract the console builds to): a check is a
 * message to every point of contact of the chosen organisations; each contact row says whether
 * the e-mail went out and when, and how fast that contact acknowledged.
 */
import { z } from 'zod';

const Id = z.string().uuid();
const Iso = z.string();

export const CheckParams = z.object({ id: Id, checkId: Id });

export const CheckInput = z.strictObject({
  title: z.string().trim().min(1).max(200),
  message: z.string().trim().min(1).max(10_000),
  organisationIds: z
    .array(Id)
    .min(1)
    .max(500)
    .refine((ids) => new Set(ids).size === ids.length, 'Each organisation once'),
});
export type CheckInput = z.infer<typeof CheckInput>;

export const CheckSummary = z.object({
  total: z.number().int(),
  acknowledged: z.number().int(),
  pending: z.number().int(),
  failed: z.number().int(),
});

export const CheckContact = z.object({
  id: Id,
  pointOfContactId: Id,
  organisationId: Id,
  organisationName: z.string(),
  name: z.string(),
  email: z.string(),
  deliveryState: z.enum(['pending', 'sent', 'failed']),
  sentAt: Iso.nullable(),
  acknowledgedAt: Iso.nullable(),
  responseMs: z.number().int().nullable(),
});

export const Check = z.object({
  id: Id,
  exerciseId: Id,
  title: z.string(),
  message: z.string(),
  createdAt: Iso,
  summary: CheckSummary,
  contacts: z.array(CheckContact).optional(),
});
export type Check = z.infer<typeof Check>;

export const CheckList = z.object({ items: z.array(Check) });

/** The public acknowledgement page's path parameter: anything else is simply not found. */
export const AckParams = z.object({ token: z.string().max(200) });
