/**
 * Builds the TLP Reader for an actor: their organisations, those above, and their communities.
 * Authentication already read where the actor stands in the directory (identity asks the
 * directory's `directory_standing`), so a request's reader costs no query; actors made otherwise
 * (tests, the command line) are looked up.
 */
import type { Db } from '../../db/index.js';
import { standing } from '../directory/organisations.service.js';
import type { Actor } from '../identity/actor.js';
import type { Reader } from './tlp.js';

export async function readerFor(db: Db, actor: Actor): Promise<Reader> {
  if (actor.kind !== 'user') return { userId: null, organisationIds: [], organisationTree: [], communityIds: [], publicOnly: true };
  const organisationIds = [...new Set(actor.memberships.map((m) => m.organisationId))];
  const known =
    actor.standing ?? (organisationIds.length ? await standing(db, organisationIds) : { organisationTree: [], communityIds: [] });
  return { userId: actor.userId, organisationIds, organisationTree: known.organisationTree, communityIds: known.communityIds };
}
