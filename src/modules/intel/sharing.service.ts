/**
 * Sharing an object further: with communities (GREEN reaches their members), organisations (AMBER
 * and AMBER+STRICT) and people (RED, only people of the sharer's circle: recipients.service.ts).
 * Only the owning organisation's analysts and admins share;
 * every change is in the audit log. Sharing is by STIX id, so it covers every version.
 */
import type { Db } from '../../db/index.js';
import { AppError, forbidden, notFound } from '../../errors.js';
import * as audit from '../audit/service.js';
import { get as getCommunity } from '../directory/communities.service.js';
import { requireOrganisationRef } from '../directory/organisations.service.js';
import type { Actor } from '../identity/actor.js';
import { canShare, presentSharing } from './explore.service.js';
import { readableOwner } from './explore.store.js';
import { insertSharing } from './objects.store.js';
import { readerFor } from './reader.js';
import { requireRecipients } from './recipients.service.js';
import type { Sharing, SharingInput } from './schema.js';

const invalid = (path: string) => new AppError('validation_failed', 'Unknown recipients', [{ path, message: 'No such recipient' }]);

export async function share(db: Db, actor: Actor, stixId: string, input: SharingInput): Promise<Sharing> {
  const found = await readableOwner(db, await readerFor(db, actor), stixId);
  if (!found) throw notFound('Object');
  if (!canShare(actor, found.owner_organisation_id)) throw forbidden("Only the owning organisation's analysts and admins share an object");
  const communityIds = [...new Set(input.communityIds ?? [])];
  const organisationIds = [...new Set(input.organisationIds ?? [])];
  const userIds = [...new Set(input.userIds ?? [])];
  for (const [i, id] of communityIds.entries()) await getCommunity(db, actor, id).catch(() => Promise.reject(invalid(`communityIds.${i}`)));
  for (const [i, id] of organisationIds.entries())
    await requireOrganisationRef(db, id).catch(() => Promise.reject(invalid(`organisationIds.${i}`)));
  // People only of organisations the sharer may share with: those the recipients search offers.
  await requireRecipients(db, actor, userIds);
  try {
    await db.transaction(async (tx) => {
      await insertSharing(tx, [
        ...communityIds.map((communityId) => ({ stixId, communityId })),
        ...organisationIds.map((organisationId) => ({ stixId, organisationId })),
        ...userIds.map((userId) => ({ stixId, userId })),
      ]);
      await audit.record(tx, actor, {
        action: 'intel.share',
        targetType: 'intel_object',
        targetId: stixId,
        organisationId: found.owner_organisation_id,
        summary: { communityIds, organisationIds, userIds },
      });
    });
  } catch (err) {
    // People are users; the identity module has no lookup by id for us, so the foreign key decides.
    if ((err as { code?: string }).code === '23503') throw invalid('userIds');
    throw err;
  }
  return presentSharing(db, actor, stixId);
}
