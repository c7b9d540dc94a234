/**
 * Teams of an exercise: an organisation, optionally one of its sites (whose time zone players'
 * times are shown in), players (users), and where external injects go (e-mail, webhook). Lead
 * controllers manage every team; a national controller manages the teams of their own country and
 * gets 403 for any other; players read only their own team (404 for the rest). A webhook secret is
 * made by the server and shown once.
 */
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { Db } from '../../db/index.js';
import { AppError, conflict, forbidden, notFound } from '../../errors.js';
import { likePattern, type Page } from '../../lib/list.js';
import * as audit from '../audit/service.js';
import * as organisations from '../directory/organisations.service.js';
import * as sites from '../directory/sites.service.js';
import { type Actor, actorLabel, systemActor } from '../identity/actor.js';
import * as identity from '../identity/service.js';
import { type Access, accessTo, mayManageCountry } from './access.js';
import { logEvent } from './events.js';
import { teamView } from './presenters.js';
import type * as s from './schema.js';
import * as store from './teams.store.js';

type Team = z.infer<typeof s.Team>;

const newWebhookSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

async function present(db: Db, row: store.TeamRow): Promise<Team> {
  return teamView(row, await store.players(db, [row.id]));
}

export async function list(db: Db, actor: Actor, exerciseId: string): Promise<{ items: Team[] }> {
  const a = await accessTo(db, actor, exerciseId);
  let rows = await store.list(db, exerciseId);
  if (!a.lead && !a.evaluator && !a.countries.length) rows = rows.filter((t) => t.id === a.playerTeamId);
  const players = await store.players(
    db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => teamView(r, players)) };
}

async function teamIn(db: Db, a: Access, teamId: string): Promise<store.TeamRow> {
  const row = await store.get(db, teamId);
  const staff = a.lead || a.evaluator || a.countries.length > 0;
  if (!row || row.exercise_id !== a.exercise.id || (!staff && row.id !== a.playerTeamId)) throw notFound('Team');
  return row;
}

export async function get(db: Db, actor: Actor, exerciseId: string, teamId: string): Promise<Team> {
  const a = await accessTo(db, actor, exerciseId);
  return present(db, await teamIn(db, a, teamId));
}

function requireCountry(a: Access, countryCode: string) {
  if (!mayManageCountry(a, countryCode)) {
    throw forbidden(
      a.countries.length
        ? `You manage the teams of ${a.countries.join(', ')} only, not of ${countryCode}`
        : 'Only controllers manage teams',
    );
  }
}

/** The organisation's country, checking the site (if any) belongs to it. */
async function placement(db: Db, organisationId: string, siteId: string | null): Promise<string> {
  const org = await organisations.requireOrganisationRef(db, organisationId);
  if (siteId) {
    const site = await sites.get(db, systemActor('drills'), siteId).catch(() => undefined);
    if (!site) throw new AppError('validation_failed', 'Unknown site', [{ path: 'siteId', message: 'No such site' }]);
    if (site.organisationId !== organisationId) {
      throw new AppError('validation_failed', 'The site belongs to another organisation', [
        { path: 'siteId', message: `Not a site of ${org.name}` },
      ]);
    }
  }
  return org.country_code;
}

export async function create(db: Db, actor: Actor, exerciseId: string, input: s.TeamInput): Promise<Team & { webhookSecret?: string }> {
  const a = await accessTo(db, actor, exerciseId);
  const country = await placement(db, input.organisationId, input.siteId ?? null);
  requireCountry(a, country);
  if (await store.nameTaken(db, exerciseId, input.name)) throw conflict(`A team named "${input.name}" is already in this exercise`);
  const secret = input.webhookUrl ? newWebhookSecret() : null;
  const id = await db.transaction(async (tx) => {
    const id = await store.insert(
      tx,
      exerciseId,
      {
        name: input.name,
        organisationId: input.organisationId,
        siteId: input.siteId ?? null,
        email: input.email ?? null,
        webhookUrl: input.webhookUrl ?? null,
        simulated: input.simulated,
      },
      secret,
    );
    for (const userId of input.playerIds) await addPlayerIn(tx, exerciseId, id, userId);
    await audit.record(tx, actor, {
      action: 'team.create',
      targetType: 'drill_team',
      targetId: id,
      organisationId: input.organisationId,
      summary: { exercise: exerciseId, name: input.name, players: input.playerIds.length, webhook: Boolean(input.webhookUrl) },
    });
    await logEvent(tx, { exerciseId, kind: 'team.created', actor: actorLabel(actor), teamId: id, data: { name: input.name } });
    return id;
  });
  const team = await present(db, (await store.get(db, id)) as store.TeamRow);
  return secret ? { ...team, webhookSecret: secret } : team;
}

async function addPlayerIn(tx: Db, exerciseId: string, teamId: string, userId: string) {
  try {
    return await store.addPlayer(tx, exerciseId, teamId, userId);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === '23503') throw new AppError('validation_failed', 'Unknown user', [{ path: 'playerIds', message: `No user ${userId}` }]);
    if (code === '23505') throw conflict(`User ${userId} already plays in another team of this exercise`);
    throw err;
  }
}

export async function update(
  db: Db,
  actor: Actor,
  exerciseId: string,
  teamId: string,
  patch: s.TeamPatch,
): Promise<Team & { webhookSecret?: string }> {
  const a = await accessTo(db, actor, exerciseId);
  const row = await teamIn(db, a, teamId);
  requireCountry(a, row.country_code);
  const organisationId = patch.organisationId ?? row.organisation_id;
  const siteId = patch.siteId !== undefined ? patch.siteId : patch.organisationId ? null : row.site_id;
  requireCountry(a, await placement(db, organisationId, siteId));
  const name = patch.name ?? row.name;
  if (patch.name && (await store.nameTaken(db, exerciseId, name, teamId)))
    throw conflict(`A team named "${name}" is already in this exercise`);
  const webhookUrl = patch.webhookUrl !== undefined ? patch.webhookUrl : row.webhook_url;
  const secret = patch.rotateWebhookSecret || (webhookUrl && !row.has_webhook_secret) ? newWebhookSecret() : undefined;
  await db.transaction(async (tx) => {
    await store.update(
      tx,
      teamId,
      {
        name,
        organisationId,
        siteId,
        email: patch.email !== undefined ? patch.email : row.email,
        webhookUrl,
        simulated: patch.simulated ?? row.simulated,
      },
      secret,
    );
    await audit.record(tx, actor, {
      action: 'team.update',
      targetType: 'drill_team',
      targetId: teamId,
      organisationId,
      summary: { exercise: exerciseId, changed: Object.keys(patch), webhookSecretRotated: Boolean(secret) },
    });
    await logEvent(tx, { exerciseId, kind: 'team.updated', actor: actorLabel(actor), teamId });
  });
  const team = await present(db, (await store.get(db, teamId)) as store.TeamRow);
  return secret ? { ...team, webhookSecret: secret } : team;
}

export async function remove(db: Db, actor: Actor, exerciseId: string, teamId: string): Promise<void> {
  const a = await accessTo(db, actor, exerciseId);
  const row = await teamIn(db, a, teamId);
  requireCountry(a, row.country_code);
  if (a.exercise.status !== 'scheduled') throw conflict('Teams leave an exercise only before it starts');
  await db.transaction(async (tx) => {
    await store.remove(tx, teamId);
    await audit.record(tx, actor, {
      action: 'team.delete',
      targetType: 'drill_team',
      targetId: teamId,
      organisationId: row.organisation_id,
      summary: { exercise: exerciseId, name: row.name },
    });
    await logEvent(tx, { exerciseId, kind: 'team.deleted', actor: actorLabel(actor), data: { name: row.name } });
  });
}

/**
 * People a controller may add to a team: members of the organisations of the team's country (a
 * national controller works with their own country's people), searched by name, organisation or,
 * where the directory shows it, e-mail.
 */
export async function playerCandidates(
  db: Db,
  actor: Actor,
  exerciseId: string,
  teamId: string,
  q: z.infer<typeof s.PlayerCandidateQuery>,
): Promise<Page<z.infer<typeof s.PlayerCandidate>>> {
  const a = await accessTo(db, actor, exerciseId);
  const row = await teamIn(db, a, teamId);
  requireCountry(a, row.country_code);
  const like = likePattern(q.q);
  const [orgs, own] = await Promise.all([organisations.inCountry(db, row.country_code, like), organisations.privateReach(db, actor)]);
  return identity.findPeople(db, { organisations: orgs, privateOrganisationIds: own, like, limit: q.limit, offset: q.offset });
}

export async function addPlayer(db: Db, actor: Actor, exerciseId: string, teamId: string, userId: string): Promise<Team> {
  const a = await accessTo(db, actor, exerciseId);
  const row = await teamIn(db, a, teamId);
  requireCountry(a, row.country_code);
  await db.transaction(async (tx) => {
    if (!(await addPlayerIn(tx, exerciseId, teamId, userId))) return;
    await audit.record(tx, actor, {
      action: 'team.add_player',
      targetType: 'drill_team',
      targetId: teamId,
      organisationId: row.organisation_id,
      summary: { exercise: exerciseId, userId },
    });
    await logEvent(tx, { exerciseId, kind: 'team.player_added', actor: actorLabel(actor), teamId, data: { userId } });
  });
  return present(db, row);
}

export async function removePlayer(db: Db, actor: Actor, exerciseId: string, teamId: string, userId: string): Promise<Team> {
  const a = await accessTo(db, actor, exerciseId);
  const row = await teamIn(db, a, teamId);
  requireCountry(a, row.country_code);
  await db.transaction(async (tx) => {
    if (!(await store.removePlayer(tx, teamId, userId))) throw notFound('Player');
    await audit.record(tx, actor, {
      action: 'team.remove_player',
      targetType: 'drill_team',
      targetId: teamId,
      organisationId: row.organisation_id,
      summary: { exercise: exerciseId, userId },
    });
    await logEvent(tx, { exerciseId, kind: 'team.player_removed', actor: actorLabel(actor), teamId, data: { userId } });
  });
  return present(db, row);
}
