/**
 * Builds the TLP Reader for an actor from the directory: organisations, those above, communities.
 * The lookups run side by side: on PostgreSQL each takes its own pooled connection, and every read
 * path (a TAXII GET included) waits for this before its query.
 */
import type { Db } from '../../db/index.js';
import { communityIdsOf } from '../directory/communities.service.js';
import { ancestry } from '../directory/organisations.service.js';
import type { Actor } from '../identity/actor.js';
import type { Reader } from './tlp.js';

export async function readerFor(db: Db, actor: Actor): Promise<Reader> {
  if (actor.kind !== 'user') return { userId: null, organisationIds: [], organisationTree: [], communityIds: [], publicOnly: true };
  const organisationIds = [...new Set(actor.memberships.map((m) => m.organisationId))];
  const [trees, communities] = await Promise.all([
    Promise.all(organisationIds.map((id) => ancestry(db, id))),
    Promise.all(organisationIds.map((id) => communityIdsOf(db, id))),
  ]);
  return {
    userId: actor.userId,
    organisationIds,
    organisationTree: [...new Set(trees.flat())],
    communityIds: [...new Set(communities.flat())],
  };
}
