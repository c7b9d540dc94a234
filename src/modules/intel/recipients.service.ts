/**
 * Finding the people to address a RED object to. Analysts need it, not only admins (who alone may
 * list users), so it answers only what picking a person takes: id, name and organisation, and the
 * e-mail address only for people of the caller's own organisations and those under them (the
 * directory's rule for private records). Only people of organisations the caller may share with
 * are listed (the directory says who that is), and sharing refuses anyone else.
 */
import type { Db } from '../../db/index.js';
import { AppError, forbidden } from '../../errors.js';
import type { Page } from '../../lib/list.js';
import { likePattern } from '../../lib/list.js';
import { privateReach, sharingCircle } from '../directory/organisations.service.js';
import { type Actor, isNodeAdmin, type Role } from '../identity/actor.js';
import { findPeople, peopleAmong } from '../identity/service.js';
import type { Recipient, RecipientQuery } from './schema.js';

/** The roles that share intelligence (explore.service.ts canShare). */
const SHARING_ROLES: Role[] = ['analyst', 'org_admin', 'node_admin'];

/** Organisations the caller shares from (null: every one, node admins). */
interface Scope {
  from: string[] | null;
}

function scopeOf(actor: Actor): Scope {
  if (isNodeAdmin(actor)) return { from: null };
  if (actor.kind !== 'user') throw forbidden();
  const from = [...new Set(actor.memberships.filter((m) => SHARING_ROLES.includes(m.role)).map((m) => m.organisationId))];
  if (!from.length) throw forbidden('Only analysts and admins address intelligence to people');
  return { from };
}

export async function findRecipients(db: Db, actor: Actor, q: RecipientQuery): Promise<Page<Recipient>> {
  const scope = scopeOf(actor);
  const like = likePattern(q.q);
  const [circle, own] = await Promise.all([sharingCircle(db, scope.from, like), privateReach(db, actor)]);
  return findPeople(db, {
    organisations: circle,
    anyOrganisation: !scope.from,
    privateOrganisationIds: own,
    like,
    limit: q.limit,
    offset: q.offset,
  });
}

/** Refuses people outside the caller's circle, naming the first by its place in the request. */
export async function requireRecipients(db: Db, actor: Actor, userIds: string[]): Promise<void> {
  if (!userIds.length) return;
  const scope = scopeOf(actor);
  const circle = scope.from ? (await sharingCircle(db, scope.from)).map((o) => o.id) : null;
  const allowed = new Set(await peopleAmong(db, userIds, circle));
  const i = userIds.findIndex((id) => !allowed.has(id));
  if (i >= 0) throw new AppError('validation_failed', 'Unknown recipients', [{ path: `userIds.${i}`, message: 'No such recipient' }]);
}
