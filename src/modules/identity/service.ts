/**
 * Identity: users, per-organisation roles, log-in sessions, API tokens and the first admin.
 * Rules: passwords are argon2id; session ids and tokens are stored only as hashes; a wrong e-mail
 * and a wrong password get the same answer in the same time; failed log-ins are throttled per
 * account and per address in the database, so every process behind a load balancer agrees.
 */
import type { Db } from '../../db/index.js';
import { AppError, forbidden, notFound } from '../../errors.js';
import { type Page, pageOf } from '../../lib/list.js';
import * as audit from '../audit/service.js';
import * as directory from '../directory/organisations.service.js';
import { type Actor, type Role, type UserActor, hasRoleIn, isNodeAdmin, systemActor } from './actor.js';
import type { CreateUserInput, TokenView, UpdateMeInput, UserView } from './schema.js';
import { MIN_PASSWORD_LENGTH, hashPassword, newSecret, secretHash, verifyPassword } from './secrets.js';
import * as store from './store.js';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
const SETUP_LINK_TTL_MS = 60 * 60 * 1000;
const THROTTLE = {
  windowMs: 15 * 60 * 1000,
  lockMs: 15 * 60 * 1000,
  perAccount: 5,
  perAddress: 30,
};

const actorOf = (holder: store.Holder, via: UserActor['via']): UserActor => ({
  kind: 'user',
  userId: holder.user_id,
  email: holder.email,
  via,
  memberships: holder.memberships,
  standing: holder.standing,
});

async function actorFor(db: Db, userId: string, via: UserActor['via']): Promise<UserActor | undefined> {
  const holder = await store.userHolder(db, userId);
  return holder && actorOf(holder, via);
}

export async function authenticateSession(db: Db, sessionId: string): Promise<{ actor: UserActor; csrfToken: string } | undefined> {
  const holder = await store.sessionHolder(db, secretHash(sessionId));
  return holder && { actor: actorOf(holder, 'session'), csrfToken: holder.csrf_token };
}

export async function authenticateToken(db: Db, token: string): Promise<UserActor | undefined> {
  const holder = await store.tokenHolder(db, secretHash(token));
  return holder && actorOf(holder, 'token');
}

/** User name and password (HTTP Basic for TAXII clients). */
export async function authenticatePassword(db: Db, email: string, password: string, address: string) {
  const user = await checkPassword(db, email, password, address);
  return actorFor(db, user.id, 'token');
}

async function checkPassword(db: Db, email: string, password: string, address: string): Promise<store.UserRow> {
  const keys = [`account:${email.toLowerCase()}`, `address:${address}`];
  const locks = await store.throttleState(db, keys);
  if (locks.some((l) => l.locked)) {
    throw new AppError('too_many_requests', 'Too many failed log-ins; try again later');
  }
  const user = await store.userByEmail(db, email);
  const ok = await verifyPassword(user?.password_hash, password);
  if (!ok || !user || user.disabled) {
    await db.transaction(async (tx) => {
      await store.recordFailure(tx, keys[0], THROTTLE.windowMs, THROTTLE.perAccount, THROTTLE.lockMs);
      await store.recordFailure(tx, keys[1], THROTTLE.windowMs, THROTTLE.perAddress, THROTTLE.lockMs);
      await audit.record(tx, systemActor('auth'), {
        action: 'auth.login_failed',
        targetType: 'user',
        targetId: user?.id ?? null,
        organisationId: null,
        summary: { email: email.toLowerCase(), address },
      });
    });
    throw new AppError('unauthenticated', 'Wrong e-mail or password');
  }
  await store.clearThrottle(db, keys[0]);
  return user;
}

export async function login(db: Db, input: { email: string; password: string; address: string }) {
  const user = await checkPassword(db, input.email, input.password, input.address);
  const sessionId = newSecret('kzs');
  const csrfToken = newSecret('csrf');
  const actor = (await actorFor(db, user.id, 'session')) as UserActor;
  await db.transaction(async (tx) => {
    await store.insertSession(tx, secretHash(sessionId), user.id, csrfToken, SESSION_TTL_MS);
    await audit.record(tx, actor, { action: 'auth.login', targetType: 'user', targetId: user.id, summary: { address: input.address } });
  });
  return { sessionId, csrfToken, user: await me(db, actor) };
}

export async function logout(db: Db, actor: Actor, sessionId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await store.deleteSession(tx, secretHash(sessionId));
    await audit.record(tx, actor, { action: 'auth.logout', targetType: 'user', targetId: actor.kind === 'user' ? actor.userId : null });
  });
}

export async function me(db: Db, actor: Actor): Promise<UserView> {
  if (actor.kind !== 'user') throw forbidden();
  const user = await store.userById(db, actor.userId);
  if (!user) throw notFound('User');
  return presentUser(user, await store.membershipsOf(db, user.id));
}

export async function updateMe(db: Db, actor: Actor, patch: UpdateMeInput): Promise<UserView> {
  if (actor.kind !== 'user') throw forbidden();
  await db.transaction(async (tx) => {
    await store.updateUser(tx, actor.userId, patch);
    await audit.record(tx, actor, { action: 'user.update_self', targetType: 'user', targetId: actor.userId, summary: patch });
  });
  return me(db, actor);
}

function presentUser(user: store.UserRow, memberships: store.MembershipRow[]): UserView {
  return {
    id: user.id,
    email: user.email,
    fullName: user.full_name,
    locale: user.locale,
    timeZone: user.time_zone,
    nodeAdmin: memberships.some((m) => m.role === 'node_admin'),
    memberships: memberships.map((m) => ({ organisationId: m.organisation_id, organisationName: m.organisation_name, role: m.role })),
  };
}

/** Roles an org admin may hand out in their own organisations; the rest need a node admin. */
const ORG_ADMIN_GRANTABLE: Role[] = ['org_admin', 'controller', 'evaluator', 'player', 'analyst', 'observer'];

export async function createUser(db: Db, actor: Actor, input: CreateUserInput): Promise<UserView> {
  if (!isNodeAdmin(actor)) {
    for (const m of input.memberships) {
      if (!ORG_ADMIN_GRANTABLE.includes(m.role) || !hasRoleIn(actor, [m.organisationId], ['org_admin'])) {
        throw forbidden('Only node admins may grant this role in this organisation');
      }
    }
    if (!input.memberships.length) throw forbidden('Only node admins may create users without an organisation');
  }
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError('validation_failed', 'Password too short', [
      { path: 'password', message: `At least ${MIN_PASSWORD_LENGTH} characters` },
    ]);
  }
  for (const m of input.memberships) await directory.requireOrganisationRef(db, m.organisationId);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    if (await store.userByEmail(tx, input.email)) {
      throw new AppError('conflict', 'A user with this e-mail already exists', [{ path: 'email', message: 'Already in use' }]);
    }
    const user = await store.insertUser(tx, { email: input.email, fullName: input.fullName, passwordHash });
    for (const m of input.memberships) await store.addMembership(tx, user.id, m.organisationId, m.role);
    await audit.record(tx, actor, {
      action: 'user.create',
      targetType: 'user',
      targetId: user.id,
      organisationId: input.memberships[0]?.organisationId ?? null,
      summary: { email: input.email, memberships: input.memberships },
    });
    return presentUser(user, await store.membershipsOf(tx, user.id));
  });
}

export async function listUsers(db: Db, actor: Actor, q: { limit: number; offset: number; q?: string }) {
  let organisationIds: string[] | undefined;
  if (!isNodeAdmin(actor)) {
    if (actor.kind !== 'user') throw forbidden();
    organisationIds = actor.memberships.filter((m) => m.role === 'org_admin').map((m) => m.organisationId);
    if (!organisationIds.length) throw forbidden('Only admins list users');
  }
  const { rows } = await store.listUsers(db, { ...q, organisationIds });
  const items = await Promise.all(rows.map(async (u) => presentUser(u, await store.membershipsOf(db, u.id))));
  return { items, total: rows[0]?.total ?? 0, limit: q.limit, offset: q.offset };
}

export async function addMembership(db: Db, actor: Actor, email: string, organisationId: string, role: Role) {
  if (!isNodeAdmin(actor) && !(ORG_ADMIN_GRANTABLE.includes(role) && hasRoleIn(actor, [organisationId], ['org_admin']))) {
    throw forbidden();
  }
  const user = await store.userByEmail(db, email);
  if (!user) throw notFound('User');
  await directory.requireOrganisationRef(db, organisationId);
  await db.transaction(async (tx) => {
    await store.addMembership(tx, user.id, organisationId, role);
    await audit.record(tx, actor, { action: 'membership.add', targetType: 'user', targetId: user.id, organisationId, summary: { role } });
  });
}

// API tokens

function presentToken(t: store.TokenRow): TokenView {
  return {
    id: t.id,
    name: t.name,
    createdAt: iso(t.created_at),
    expiresAt: t.expires_at ? iso(t.expires_at) : null,
    revokedAt: t.revoked_at ? iso(t.revoked_at) : null,
    lastUsedAt: t.last_used_at ? iso(t.last_used_at) : null,
  };
}

/**
 * People to pick from (for addressing, not administration): no actor check here, the calling
 * service decides whose people the caller may see (intel recipients.service.ts).
 */
export const searchPeople = (db: Db, q: store.PeopleQuery) => store.searchPeople(db, q);

export interface PersonChoice {
  id: string;
  name: string;
  organisationId: string;
  organisationName: string;
  /** Null where the caller may not read the person's organisation's private records. */
  email: string | null;
}

/**
 * A page of people to pick from among the members of `organisations` (all organisations when
 * `anyOrganisation`), matched by name, by the organisation's name (`name_matches`, decided by the
 * directory) or by an address the caller may see.
 */
export async function findPeople(
  db: Db,
  q: {
    organisations: { id: string; name: string; name_matches: boolean }[];
    anyOrganisation?: boolean;
    privateOrganisationIds: string[] | null;
    like: string | null;
    limit: number;
    offset: number;
  },
): Promise<Page<PersonChoice>> {
  const names = new Map(q.organisations.map((o) => [o.id, o.name]));
  const search = (limit: number, offset: number) =>
    store.searchPeople(db, {
      organisationIds: q.anyOrganisation ? null : [...names.keys()],
      privateOrganisationIds: q.privateOrganisationIds,
      matchedOrganisationIds: q.organisations.filter((o) => o.name_matches).map((o) => o.id),
      like: q.like,
      limit,
      offset,
    });
  return pageOf(
    await search(q.limit, q.offset),
    q,
    (r) => ({
      id: r.id,
      name: r.full_name,
      organisationId: r.organisation_id,
      organisationName: names.get(r.organisation_id) ?? '',
      email: r.own ? r.email : null,
    }),
    () => search(1, 0),
  );
}
export const peopleAmong = (db: Db, userIds: string[], organisationIds: string[] | null) => store.peopleAmong(db, userIds, organisationIds);

export const namesOf = (db: Db, userIds: string[]) => store.namesOf(db, userIds);

export function iso(pgTime: string): string {
  return new Date(pgTime).toISOString();
}

/** Creates a token for the acting user, or (node admins and the host's operator) for another user. */
export async function createToken(
  db: Db,
  actor: Actor,
  input: { name: string; expiresInMs: number | null; userEmail?: string },
): Promise<TokenView & { token: string }> {
  let userId: string;
  if (input.userEmail) {
    const user = await store.userByEmail(db, input.userEmail);
    if (actor.kind === 'user' && !(user?.id === actor.userId || isNodeAdmin(actor))) throw forbidden();
    if (!user) throw notFound('User');
    userId = user.id;
  } else {
    if (actor.kind !== 'user') throw forbidden();
    userId = actor.userId;
  }
  const token = newSecret('kzt');
  return db.transaction(async (tx) => {
    const row = await store.insertToken(tx, { userId, name: input.name, hash: secretHash(token), expiresInMs: input.expiresInMs });
    await audit.record(tx, actor, {
      action: 'token.create',
      targetType: 'api_token',
      targetId: row.id,
      summary: { user: userId, name: input.name, expiresAt: row.expires_at },
    });
    return { ...presentToken(row), token };
  });
}

export async function listTokens(db: Db, actor: Actor): Promise<TokenView[]> {
  if (actor.kind !== 'user') throw forbidden();
  return (await store.tokensOf(db, actor.userId)).map(presentToken);
}

export async function revokeToken(db: Db, actor: Actor, id: string): Promise<TokenView> {
  if (actor.kind !== 'user') throw forbidden();
  return db.transaction(async (tx) => {
    const row = await store.revokeToken(tx, id, actor.userId);
    if (!row) throw notFound('Token');
    await audit.record(tx, actor, { action: 'token.revoke', targetType: 'api_token', targetId: id });
    return presentToken(row);
  });
}

// First admin

export type FirstAdminOutcome =
  | { kind: 'exists' }
  | { kind: 'created'; email: string }
  | { kind: 'setup_link'; token: string; expiresInMinutes: number };

/**
 * When no user exists: create the node admin from the environment, or issue a one-time setup link
 * that expires. There is no default password anywhere.
 */
export async function ensureFirstAdmin(
  db: Db,
  opts: { admin?: { email: string; password: string }; homeOrganisationId: string },
): Promise<FirstAdminOutcome> {
  if ((await store.countUsers(db)) > 0) return { kind: 'exists' };
  if (opts.admin) {
    await createUser(db, systemActor('bootstrap'), {
      email: opts.admin.email,
      fullName: 'Node administrator',
      password: opts.admin.password,
      memberships: [{ organisationId: opts.homeOrganisationId, role: 'node_admin' }],
    });
    return { kind: 'created', email: opts.admin.email };
  }
  const token = newSecret('setup');
  await store.insertSetupLink(db, secretHash(token), SETUP_LINK_TTL_MS);
  return { kind: 'setup_link', token, expiresInMinutes: SETUP_LINK_TTL_MS / 60_000 };
}

export async function completeSetup(
  db: Db,
  input: { token: string; email: string; password: string; fullName: string; address: string },
  homeOrganisationId: string,
) {
  const ok = await db.transaction(async (tx) => {
    if (!(await store.consumeSetupLink(tx, secretHash(input.token)))) return false;
    if ((await store.countUsers(tx)) > 0) return false;
    await createUser(tx, systemActor('setup-link'), {
      email: input.email,
      fullName: input.fullName,
      password: input.password,
      memberships: [{ organisationId: homeOrganisationId, role: 'node_admin' }],
    });
    return true;
  });
  if (!ok) throw new AppError('gone', 'This setup link has expired or was already used');
  return login(db, input);
}
