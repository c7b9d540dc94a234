/**
 * Creating an object through the API (the console's forms): the server gives it an id, times, the
 * creating organisation's STIX identity as created_by_ref (so the organisation owns it) and the
 * TLP marking asked for, then stores it like any other object. Invalid objects are refused whole,
 * with the path of each problem.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/index.js';
import { AppError, forbidden } from '../../errors.js';
import { get as getOrganisation } from '../directory/organisations.service.js';
import { type Actor, homeOrganisation } from '../identity/actor.js';
import * as collections from './collections.service.js';
import { detail } from './explore.service.js';
import { ingest } from './objects.service.js';
import type { CreateObjectInput, ObjectDetail } from './schema.js';
import { validateStixObject } from './stix/validate.js';
import { isTlpMarking, tlpMarkingId } from './tlp.js';

export async function createObject(db: Db, actor: Actor, input: CreateObjectInput): Promise<ObjectDetail> {
  const organisationId = input.organisationId ?? homeOrganisation(actor);
  if (!organisationId || !collections.writesFor(actor, organisationId)) {
    throw forbidden('Only analysts, controllers and admins of the organisation create intelligence for it');
  }
  const collection = await collections.requireWriteById(db, actor, input.collectionId);
  const organisation = await getOrganisation(db, actor, organisationId);
  const now = new Date().toISOString();
  const given = input.object;
  const otherMarkings = (Array.isArray(given.object_marking_refs) ? given.object_marking_refs : []).filter(
    (r): r is string => typeof r === 'string' && !isTlpMarking(r),
  );
  const type = String(given.type);
  const object = {
    ...given,
    type,
    spec_version: '2.1',
    id: `${type}--${randomUUID()}`,
    created: now,
    modified: now,
    created_by_ref: organisation.stixIdentityId,
    object_marking_refs: [...otherMarkings, tlpMarkingId[input.tlp]],
  };
  const checked = validateStixObject(object);
  if (!checked.ok) {
    throw new AppError(
      'validation_failed',
      'The object is not valid STIX 2.1',
      checked.errors.map((e) => ({ path: e.path ? `object.${e.path}` : 'object', message: e.message })),
    );
  }
  const result = await ingest(db, actor, { collectionId: collection.id, action: 'intel.create_object' }, [object]);
  if (result.failures.length)
    throw new AppError('validation_failed', 'The object is not valid STIX 2.1', [{ path: 'object', message: result.failures[0].message }]);
  return detail(db, actor, object.id, collection.apiRoot);
}
