/**
 * Sharing an object further: with communities (GREEN reaches their members), organisations (AMBER
 * and AMBER+STRICT) and people (RED, only people of the sharer's circle: recipients.service.ts).
 * Only the owning organisation's analysts and admins share;
 * every change is in the audit log. Sharing covers every version of the object that the sharer's
 * organisation owns, and no other organisation's versions of the same STIX id.
 */
import type { Db } from '../../db/index.js';
import { AppError, forbidden, notFound } from '../../errors.js';
import * as audit from '../audit/service.js';
import { get as getCommunity } from '../directory/communities.service.js';
import { requireOrganisationRef } from '../directory/organisations.service.js';
import type { Actor } from '../identity/actor.js';
import { canShare, presentSharing } from './explore.service.js';
import { readableOwners } from './explore.store.js';
import { insertSharing } from './objects.store.js';
import { readerFor } from './reader.js';
import { requireRecipients } from './recipients.service.js';
import type { Sharing, SharingInput } from './schema.js';

const invalid = (path: string) => new AppError('validation_failed', 'Unknown recipients', [{ path, message: 'No such recipient' }]);

export async function share(db: Db, actor: Actor, stixId: string, input: SharingInput): Promise<Sharing> {
  const owners = await readableOwners(db, await readerFor(db, actor), stixId);
  if (!owners.length) throw notFound('Object');
  // The latest version's owner when the actor may share for it, otherwise their own organisation's versions.
  const owner = owners.find((o) => canShare(actor, o));
  if (owner === undefined) throw forbidden("Only the owning organisation's analysts and admins share an object");
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
        ...communityIds.map((communityId) => ({ stixId, ownerOrganisationId: owner, communityId })),
        ...organisationIds.map((organisationId) => ({ stixId, ownerOrganisationId: owner, organisationId })),
        ...userIds.map((userId) => ({ stixId, ownerOrganisationId: owner, userId })),
      ]);
      await audit.record(tx, actor, {
        action: 'intel.share',
        targetType: 'intel_object',
        targetId: stixId,
        organisationId: owner,
        summary: { communityIds, organisationIds, userIds },
      });
    });
  } catch (err) {
    // People are users; the identity module has no lookup by id for us, so the foreign key decides.
    if ((err as { code?: string }).code === '23503') throw invalid('userIds');
    throw err;
  }
  return presentSharing(db, actor, stixId, owner);
}
