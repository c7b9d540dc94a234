/**
 * Builds the TLP Reader for an actor from the directory: organisations, those above, communities,
 * in one directory lookup (every read path, a TAXII GET included, waits for this before its query).
 */
import type { Db } from '../../db/index.js';
import { treeAndCommunities } from '../directory/organisations.service.js';
import type { Actor } from '../identity/actor.js';
import type { Reader } from './tlp.js';

export async function readerFor(db: Db, actor: Actor): Promise<Reader> {
  if (actor.kind !== 'user') return { userId: null, organisationIds: [], organisationTree: [], communityIds: [], publicOnly: true };
  const organisationIds = [...new Set(actor.memberships.map((m) => m.organisationId))];
  const { tree, communities } = organisationIds.length ? await treeAndCommunities(db, organisationIds) : { tree: [], communities: [] };
  return { userId: actor.userId, organisationIds, organisationTree: tree, communityIds: communities };
}
