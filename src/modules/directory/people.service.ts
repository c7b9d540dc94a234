/**
 * People in member organisations. Their details are private to the organisation and those above
 * it: to anyone else a person does not exist (404, not 403, so existence is not confirmed).
 */
import type { Db } from '../../db/index.js';
import { forbidden, notFound } from '../../errors.js';
import { type Page, pageOf } from '../../lib/list.js';
import * as audit from '../audit/service.js';
import type { Actor } from '../identity/actor.js';
import * as organisations from './organisations.service.js';
import * as store from './people.store.js';
import type { Person, PersonInput, PersonPatch } from './schema.js';

export function presentPerson(r: store.PersonRow): Person {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    countryCode: r.country_code,
    fullName: r.full_name,
    jobTitle: r.job_title,
    email: r.email,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export async function list(db: Db, actor: Actor, q: Parameters<typeof store.listPeople>[2]): Promise<Page<Person>> {
  const roots = organisations.privateReadRoots(actor);
  const rows = await store.listPeople(db, roots, q);
  return pageOf(rows, q, presentPerson, () => store.listPeople(db, roots, { ...q, offset: 0, limit: 1 }));
}

/** Loads a record the actor may read, or answers 404 as if it did not exist. */
export async function readable<T extends { organisation_id: string }>(db: Db, actor: Actor, row: T | undefined, what: string): Promise<T> {
  if (!row || !(await organisations.canReadPrivate(db, actor, row.organisation_id))) throw notFound(what);
  return row;
}

export async function get(db: Db, actor: Actor, id: string): Promise<Person> {
  return presentPerson(await readable(db, actor, await store.getPerson(db, id), 'Person'));
}

/** Admins of the organisation (or above) manage its people and points of contact. */
export async function requireManager(db: Db, actor: Actor, organisationId: string): Promise<void> {
  await organisations.requireOrganisationRef(db, organisationId);
  if (!(await organisations.canManage(db, actor, organisationId))) {
    throw (await organisations.canReadPrivate(db, actor, organisationId)) ? forbidden() : notFound('Organisation');
  }
}

export async function create(db: Db, actor: Actor, input: PersonInput, externalKey?: string): Promise<Person> {
  await requireManager(db, actor, input.organisationId);
  const values = {
    organisationId: input.organisationId,
    fullName: input.fullName,
    jobTitle: input.jobTitle ?? null,
    email: input.email ?? null,
  };
  return db.transaction(async (tx) => {
    const id = await store.insertPerson(tx, { ...values, externalKey });
    await audit.record(tx, actor, {
      action: 'person.create',
      targetType: 'person',
      targetId: id,
      organisationId: input.organisationId,
      summary: { ...input },
    });
    return presentPerson((await store.getPerson(tx, id)) as store.PersonRow);
  });
}

export async function update(db: Db, actor: Actor, id: string, patch: PersonPatch): Promise<Person> {
  const current = await readable(db, actor, await store.getPerson(db, id), 'Person');
  await requireManager(db, actor, current.organisation_id);
  if (patch.organisationId && patch.organisationId !== current.organisation_id) await requireManager(db, actor, patch.organisationId);
  const values = {
    organisationId: patch.organisationId ?? current.organisation_id,
    fullName: patch.fullName ?? current.full_name,
    jobTitle: patch.jobTitle !== undefined ? patch.jobTitle : current.job_title,
    email: patch.email !== undefined ? patch.email : current.email,
  };
  return db.transaction(async (tx) => {
    await store.updatePerson(tx, id, values);
    await audit.record(tx, actor, {
      action: 'person.update',
      targetType: 'person',
      targetId: id,
      organisationId: values.organisationId,
      summary: { ...patch },
    });
    return presentPerson((await store.getPerson(tx, id)) as store.PersonRow);
  });
}
