/**
 * Sites: where an organisation takes part in a drill, online or in a room, each with its own IANA
 * time zone (what players' clocks show). Everyone signed in reads sites; admins of the organisation
 * (or of one above it) manage them.
 */
import type { Db } from '../../db/index.js';
import { forbidden, notFound } from '../../errors.js';
import { type Page, pageOf } from '../../lib/list.js';
import * as audit from '../audit/service.js';
import type { Actor } from '../identity/actor.js';
import * as organisations from './organisations.service.js';
import type { Site, SiteInput, SitePatch } from './schema.js';
import * as store from './sites.store.js';

export function presentSite(r: store.SiteRow): Site {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    countryCode: r.country_code,
    name: r.name,
    city: r.city,
    timeZone: r.time_zone,
    mode: r.mode,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export async function list(db: Db, actor: Actor, q: Parameters<typeof store.list>[1]): Promise<Page<Site>> {
  if (actor.kind === 'user' && !actor.memberships.length) throw forbidden();
  const rows = await store.list(db, q);
  return pageOf(rows, q, presentSite, () => store.list(db, { ...q, offset: 0, limit: 1 }));
}

export async function get(db: Db, actor: Actor, id: string): Promise<Site> {
  if (actor.kind === 'user' && !actor.memberships.length) throw forbidden();
  const row = await store.get(db, id);
  if (!row) throw notFound('Site');
  return presentSite(row);
}

export async function create(db: Db, actor: Actor, input: SiteInput, externalKey?: string): Promise<Site> {
  await organisations.requireOrganisationRef(db, input.organisationId);
  if (!(await organisations.canManage(db, actor, input.organisationId))) throw forbidden('Only admins of this organisation add its sites');
  const values = {
    organisationId: input.organisationId,
    name: input.name,
    city: input.city ?? null,
    timeZone: input.timeZone,
    mode: input.mode,
  };
  return db.transaction(async (tx) => {
    const id = await store.insert(tx, { ...values, externalKey });
    await audit.record(tx, actor, {
      action: 'site.create',
      targetType: 'site',
      targetId: id,
      organisationId: input.organisationId,
      summary: { ...input },
    });
    return presentSite((await store.get(tx, id)) as store.SiteRow);
  });
}

export async function update(db: Db, actor: Actor, id: string, patch: SitePatch): Promise<Site> {
  const current = await store.get(db, id);
  if (!current) throw notFound('Site');
  if (!(await organisations.canManage(db, actor, current.organisation_id))) throw forbidden();
  if (patch.organisationId && patch.organisationId !== current.organisation_id) {
    await organisations.requireOrganisationRef(db, patch.organisationId);
    if (!(await organisations.canManage(db, actor, patch.organisationId))) throw forbidden('You cannot move this site there');
  }
  const values = {
    organisationId: patch.organisationId ?? current.organisation_id,
    name: patch.name ?? current.name,
    city: patch.city !== undefined ? patch.city : current.city,
    timeZone: patch.timeZone ?? current.time_zone,
    mode: patch.mode ?? current.mode,
  };
  return db.transaction(async (tx) => {
    await store.update(tx, id, values);
    await audit.record(tx, actor, {
      action: 'site.update',
      targetType: 'site',
      targetId: id,
      organisationId: values.organisationId,
      summary: { ...patch },
    });
    return presentSite((await store.get(tx, id)) as store.SiteRow);
  });
}
