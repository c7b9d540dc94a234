/**
 * Fixtures shared by the import, export and misinformation tests: real users with real
 * memberships, signed in through a real API token so that the actor is exactly what a request
 * would carry, and a collection helper. Test-only; nothing in the product imports this file.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../../db/index.js';
import { type Role, systemActor, type UserActor } from '../../identity/actor.js';
import * as identity from '../../identity/service.js';
import * as collections from '../collections.service.js';

const operator = systemActor('test');

export async function orgId(db: Db, key: string): Promise<string> {
  const [row] = await db.query<{ id: string }>('SELECT id FROM organisations WHERE external_key = $1', [key]);
  if (!row) throw new Error(`no organisation ${key}`);
  return row.id;
}

export async function userWithToken(db: Db, organisationKey: string, role: Role = 'analyst'): Promise<{ actor: UserActor; token: string }> {
  const email = `${role}-${randomBytes(4).toString('hex')}@test.example`;
  const organisationId = await orgId(db, organisationKey);
  await identity.createUser(db, operator, {
    email,
    fullName: `Test ${role}`,
    password: randomBytes(12).toString('base64url'),
    memberships: [{ organisationId, role }],
  });
  const { token } = await identity.createToken(db, operator, { name: 'test', expiresInMs: null, userEmail: email });
  const actor = await identity.authenticateToken(db, token);
  if (!actor) throw new Error('token did not authenticate');
  return { actor, token };
}

export async function userActor(db: Db, organisationKey: string, role: Role = 'analyst'): Promise<UserActor> {
  return (await userWithToken(db, organisationKey, role)).actor;
}

export async function collectionOf(db: Db, actor: UserActor, title = `c-${randomBytes(3).toString('hex')}`): Promise<string> {
  return (await collections.create(db, actor, { title, apiRoot: 'real' })).id;
}

/** Every stored row of a collection, all versions, for assertions below the TLP filter. */
export async function storedRows(db: Db, collectionId: string) {
  return db.query<{ stix_id: string; type: string; tlp: string; owner_organisation_id: string | null; object: Record<string, unknown> }>(
    'SELECT stix_id, type, tlp, owner_organisation_id, object FROM intel_objects WHERE collection_id = $1 ORDER BY pk',
    [collectionId],
  );
}
