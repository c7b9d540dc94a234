/**
 * Marking an object anew: a new STIX version (same id, a later `modified`, the TLP 2.0 marking in
 * place of the old TLP marking, everything else kept), so that earlier versions keep the marking
 * they were shared under. The new version goes into every collection of the API root that holds
 * the object, or a collection would go on serving the old marking as the latest; drill objects
 * therefore stay in the exercise root. The owning organisation's writers mark (the rule for
 * creating), the change is audited, and default sharing follows the new marking as on ingest.
 */
import type { Db } from '../../db/index.js';
import { AppError, conflict, forbidden, notFound } from '../../errors.js';
import * as audit from '../audit/service.js';
import { communityIdsOf } from '../directory/communities.service.js';
import type { Actor } from '../identity/actor.js';
import { type ApiRoot, writesFor } from './collections.service.js';
import { detail } from './explore.service.js';
import * as store from './marking.store.js';
import { ingest, toMicros } from './objects.service.js';
import { insertSharing, lockAndStamp } from './objects.store.js';
import { readerFor } from './reader.js';
import type { ObjectDetail } from './schema.js';
import { isTlpMarking, type Tlp, tlpMarkingId, tlpOf } from './tlp.js';

/** Where to look for the object when the caller does not name an API root: real data first. */
const ROOTS: ApiRoot[] = ['real', 'exercise'];

export async function markObject(db: Db, actor: Actor, stixId: string, tlp: Tlp, apiRoot?: ApiRoot): Promise<ObjectDetail> {
  const reader = await readerFor(db, actor);
  let root: ApiRoot | undefined;
  let found: store.Holding[] = [];
  for (const candidate of apiRoot ? [apiRoot] : ROOTS) {
    found = await store.holdings(db, reader, candidate, stixId);
    if (found.some((h) => h.any_readable)) {
      root = candidate;
      break;
    }
  }
  // Not found and not readable look the same, so the answer confirms nothing.
  if (!root) throw notFound('Object');
  const latest = found.reduce((a, b) => (b.version > a.version ? b : a));
  if (!latest.readable)
    throw conflict('A newer version of this object exists that you may not read; it cannot be marked from an older one');
  if (!writesFor(actor, latest.owner_organisation_id)) {
    throw forbidden("Only analysts, controllers and admins of the object's organisation mark it");
  }
  const current = latest.object;
  if (typeof current.modified !== 'string') {
    throw new AppError('bad_request', 'This object has no versions (a cyber-observable or a marking definition); it cannot be marked anew');
  }
  const refs = Array.isArray(current.object_marking_refs) ? current.object_marking_refs : [];
  const others = refs.filter((r) => typeof r !== 'string' || !isTlpMarking(r));
  const tlpRefs = refs.filter((r): r is string => typeof r === 'string' && isTlpMarking(r));
  if (tlpRefs.length === 1 && tlpRefs[0] === tlpMarkingId[tlp]) return detail(db, actor, stixId, root);

  const from = tlpOf(current);
  const markedRoot = root;
  await db.transaction(async (tx) => {
    // The writers' lock of each collection, in one order, before choosing the time of the new version.
    const collectionIds = found.map((h) => h.collection_id).sort();
    for (const id of collectionIds) await lockAndStamp(tx, id);
    const after = Math.max(...found.map((h) => Math.floor(Date.parse(h.version))));
    const modified = new Date(Math.max(Date.now(), after + 1)).toISOString();
    const object = { ...current, modified, object_marking_refs: [...others, tlpMarkingId[tlp]] };
    const version = toMicros(modified);
    for (const h of found) {
      const result = await ingest(tx, actor, { collectionId: h.collection_id, exerciseId: h.exercise_id, action: 'intel.mark_object' }, [
        object,
      ]);
      if (result.failures.length) {
        throw new AppError('validation_failed', 'The object would not be valid STIX 2.1 with this marking', [
          { path: 'tlp', message: result.failures[0].message },
        ]);
      }
      // The object stays its organisation's, whoever marks it.
      await store.setOwner(tx, h.collection_id, stixId, version, latest.owner_organisation_id);
    }
    if (tlp === 'green' && latest.owner_organisation_id) {
      const communities = await communityIdsOf(tx, latest.owner_organisation_id);
      await insertSharing(
        tx,
        communities.map((communityId) => ({ stixId, ownerOrganisationId: latest.owner_organisation_id, communityId })),
      );
    }
    await audit.record(tx, actor, {
      action: 'intel.mark',
      targetType: 'intel_object',
      targetId: stixId,
      organisationId: latest.owner_organisation_id,
      summary: { from, to: tlp, version: modified, apiRoot: markedRoot, collectionIds },
    });
  });
  return detail(db, actor, stixId, root);
}
