/**
 * Finding the people to address a RED object to. Analysts need it, not only admins (who alone may
 * list users), so it answers only what picking a person takes: id, name and organisation, and the
 * e-mail address only for people of the caller's own organisations and those under them (the
 * directory's rule for private records). Only people of organisations the caller may share with
 * are listed (recipients.store.ts), and sharing refuses anyone else.
 */
import type { Db } from '../../db/index.js';
import { AppError, forbidden } from '../../errors.js';
import type { Page } from '../../lib/list.js';
import { likePattern } from '../../lib/list.js';
import { privateReadRoots } from '../directory/organisations.service.js';
import { type Actor, isNodeAdmin, type Role } from '../identity/actor.js';
import * as store from './recipients.store.js';
import type { Recipient, RecipientQuery } from './schema.js';

/** The roles that share intelligence (explore.service.ts canShare). */
const SHARING_ROLES: Role[] = ['analyst', 'org_admin', 'node_admin'];

function scopeOf(actor: Actor): store.Scope {
  if (isNodeAdmin(actor)) return { from: null, privateRoots: null };
  if (actor.kind !== 'user') throw forbidden();
  const from = [...new Set(actor.memberships.filter((m) => SHARING_ROLES.includes(m.role)).map((m) => m.organisationId))];
  if (!from.length) throw forbidden('Only analysts and admins address intelligence to people');
  return { from, privateRoots: privateReadRoots(actor) };
}

export async function findRecipients(db: Db, actor: Actor, q: RecipientQuery): Promise<Page<Recipient>> {
  const scope = scopeOf(actor);
  const rows = await store.search(db, scope, { like: likePattern(q.q), limit: q.limit, offset: q.offset });
  const total =
    rows[0]?.total ?? (q.offset ? ((await store.search(db, scope, { like: likePattern(q.q), limit: 1, offset: 0 }))[0]?.total ?? 0) : 0);
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.full_name,
      organisationId: r.organisation_id,
      organisationName: r.organisation_name,
      email: r.own ? r.email : null,
    })),
    total,
    limit: q.limit,
    offset: q.offset,
  };
}

/** Refuses people outside the caller's circle, naming the first by its place in the request. */
export async function requireRecipients(db: Db, actor: Actor, userIds: string[]): Promise<void> {
  if (!userIds.length) return;
  const allowed = await store.inCircle(db, scopeOf(actor), userIds);
  const i = userIds.findIndex((id) => !allowed.has(id));
  if (i >= 0) throw new AppError('validation_failed', 'Unknown recipients', [{ path: `userIds.${i}`, message: 'No such recipient' }]);
}
