/**
 * Misinformation reports: what an analyst files about a false narrative, and how it is shown.
 * The input is validated here (lengths, URLs, timestamps, STIX ids); whether the DISARM techniques
 * exist is the service's check, against the store.
 */
import { z } from 'zod';
import { tlpLevels } from '../tlp.js';

const httpUrl = z.url({ protocol: /^https?$/, hostname: z.regexes.domain }).max(2048);
const AttackPatternId = z
  .string()
  .regex(/^attack-pattern--[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'an attack-pattern id');

/** One place the narrative was seen: a platform, optionally a channel (account, group, page) and a URL. */
export const SeenAt = z.strictObject({
  platform: z.string().trim().min(1).max(100),
  channel: z.string().trim().min(1).max(300).optional(),
  url: httpUrl.optional(),
});
export type SeenAt = z.infer<typeof SeenAt>;

export const Reach = z.strictObject({
  /** People who saw it, as best estimated. */
  estimatedAudience: z.number().int().min(0).max(10_000_000_000).optional(),
  /** Shares, reposts or forwards counted. */
  shares: z.number().int().min(0).max(10_000_000_000).optional(),
  description: z.string().trim().min(1).max(2000).optional(),
});
export type Reach = z.infer<typeof Reach>;

export const MisinformationInput = z.strictObject({
  collectionId: z.uuid(),
  /** A short name; the claim's first words when absent. */
  title: z.string().trim().min(1).max(300).optional(),
  claim: z.string().trim().min(1).max(5000),
  seenAt: z.array(SeenAt).min(1).max(100),
  firstSeen: z.iso.datetime(),
  reach: Reach.optional(),
  /** DISARM techniques (attack-pattern ids of the imported framework). */
  techniques: z.array(AttackPatternId).min(1).max(50),
  counterMessage: z.string().trim().min(1).max(10_000).optional(),
  factCheckUrl: httpUrl.optional(),
  tlp: z.enum(tlpLevels).default('amber'),
});
export type MisinformationInput = z.input<typeof MisinformationInput>;

export const Technique = z.object({ id: z.string(), name: z.string().nullable(), externalId: z.string().nullable() });

export const MisinformationReport = z.object({
  id: z.string(),
  collectionId: z.string(),
  name: z.string(),
  claim: z.string(),
  seenAt: z.array(SeenAt),
  firstSeen: z.string(),
  reach: Reach.nullable(),
  techniques: z.array(Technique),
  counterMessage: z.string().nullable(),
  factCheckUrl: z.string().nullable(),
  tlp: z.enum(tlpLevels),
  createdByRef: z.string().nullable(),
  created: z.string(),
  modified: z.string(),
});
export type MisinformationReport = z.infer<typeof MisinformationReport>;

export const TechniqueQuery = z.object({
  /** The attack pattern's STIX id, or its DISARM id (T0002, T0049.001). */
  technique: z.union([AttackPatternId, z.string().regex(/^T\d{4}(\.\d{3})?$/, 'An attack-pattern id or a DISARM id such as T0002')]),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ReportParams = z.object({ id: z.string().regex(/^report--[0-9a-f-]{36}$/) });
