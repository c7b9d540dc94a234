/**
 * Points of contact: the addresses a drill's communication check and a cross-border case reach
 * (24/7 phone, e-mail, optional PGP key). Private like people: read by the organisation and those
 * above it, managed by their admins.
 */
import type { Db } from '../../db/index.js';
import { AppError } from '../../errors.js';
import type { Page } from '../../lib/list.js';
import * as audit from '../audit/service.js';
import type { Actor } from '../identity/actor.js';
import * as organisations from './organisations.service.js';
import { readable, requireManager } from './people.service.js';
import * as store from './people.store.js';
import type { PointOfContact, PointOfContactInput, PointOfContactPatch } from './schema.js';

export function presentPointOfContact(r: store.PointOfContactRow): PointOfContact {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    countryCode: r.country_code,
    personId: r.person_id,
    personName: r.person_name,
    label: r.label,
    phone24x7: r.phone_24x7,
    email: r.email,
    pgpKey: r.pgp_key,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export async function list(db: Db, actor: Actor, q: Parameters<typeof store.listContacts>[2]): Promise<Page<PointOfContact>> {
  const roots = organisations.privateReadRoots(actor);
  const rows = await store.listContacts(db, roots, q);
  const total = rows[0]?.total ?? (q.offset ? ((await store.listContacts(db, roots, { ...q, offset: 0, limit: 1 }))[0]?.total ?? 0) : 0);
  return { items: rows.map(presentPointOfContact), total, limit: q.limit, offset: q.offset };
}

export async function get(db: Db, actor: Actor, id: string): Promise<PointOfContact> {
  return presentPointOfContact(await readable(db, actor, await store.getContact(db, id), 'Point of contact'));
}

async function checkPerson(db: Db, personId: string | null, organisationId: string) {
  if (!personId) return;
  const person = await store.getPerson(db, personId);
  if (!person || person.organisation_id !== organisationId) {
    throw new AppError('validation_failed', 'The person must belong to the same organisation', [
      { path: 'personId', message: 'Not a person of this organisation' },
    ]);
  }
}

export async function create(db: Db, actor: Actor, input: PointOfContactInput, externalKey?: string): Promise<PointOfContact> {
  await requireManager(db, actor, input.organisationId);
  const values = {
    organisationId: input.organisationId,
    personId: input.personId ?? null,
    label: input.label,
    phone24x7: input.phone24x7 ?? null,
    email: input.email,
    pgpKey: input.pgpKey ?? null,
  };
  await checkPerson(db, values.personId, values.organisationId);
  return db.transaction(async (tx) => {
    const id = await store.insertContact(tx, { ...values, externalKey });
    await audit.record(tx, actor, {
      action: 'point_of_contact.create',
      targetType: 'point_of_contact',
      targetId: id,
      organisationId: input.organisationId,
      summary: { ...input, pgpKey: input.pgpKey ? '(set)' : undefined },
    });
    return presentPointOfContact((await store.getContact(tx, id)) as store.PointOfContactRow);
  });
}

export async function update(db: Db, actor: Actor, id: string, patch: PointOfContactPatch): Promise<PointOfContact> {
  const current = await readable(db, actor, await store.getContact(db, id), 'Point of contact');
  await requireManager(db, actor, current.organisation_id);
  if (patch.organisationId && patch.organisationId !== current.organisation_id) await requireManager(db, actor, patch.organisationId);
  const values = {
    organisationId: patch.organisationId ?? current.organisation_id,
    personId: patch.personId !== undefined ? patch.personId : current.person_id,
    label: patch.label ?? current.label,
    phone24x7: patch.phone24x7 !== undefined ? patch.phone24x7 : current.phone_24x7,
    email: patch.email ?? current.email,
    pgpKey: patch.pgpKey !== undefined ? patch.pgpKey : current.pgp_key,
  };
  await checkPerson(db, values.personId, values.organisationId);
  return db.transaction(async (tx) => {
    await store.updateContact(tx, id, values);
    await audit.record(tx, actor, {
      action: 'point_of_contact.update',
      targetType: 'point_of_contact',
      targetId: id,
      organisationId: values.organisationId,
      summary: { ...patch, pgpKey: patch.pgpKey ? '(set)' : undefined },
    });
    return presentPointOfContact((await store.getContact(tx, id)) as store.PointOfContactRow);
  });
}

/**
 * Every point of contact of the given organisations, for a drill's communication check. The
 * caller (the drills service) has already decided that its actor may run the check; this reads
 * across the directory's privacy rule on its behalf, the way a cross-border case reaches contacts.
 */
export async function ofOrganisations(db: Db, organisationIds: string[]): Promise<PointOfContact[]> {
  const out: PointOfContact[] = [];
  for (const organisationId of [...new Set(organisationIds)]) {
    for (let offset = 0; ; offset += 500) {
      const rows = await store.listContacts(db, null, { organisationId, sort: 'label', limit: 500, offset });
      out.push(...rows.map(presentPointOfContact));
      if (rows.length < 500) break;
    }
  }
  return out;
}
