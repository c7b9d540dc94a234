/**
 * Communication checks: a message to every point of contact of the chosen organisations, each with
 * a personal link to acknowledge; controllers see who answered and how fast.
 * - Lead controllers (and node admins) check any organisations; a national controller checks the
 *   organisations of their own countries (403 for others) and sees only such checks. Evaluators of
 *   the lead organisation read every check; players get 403.
 * - Each contact gets a random token; only its SHA-256 is kept for good. The e-mails go through
 *   the drill worker's outbox (send/sender.ts), so a crash neither loses nor doubles them.
 * - The public acknowledgement (ack.routes.ts) needs only the token and counts once.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/index.js';
import { AppError, conflict, forbidden, notFound } from '../../errors.js';
import * as audit from '../audit/service.js';
import * as organisations from '../directory/organisations.service.js';
import * as pointsOfContact from '../directory/points-of-contact.service.js';
import { type Actor, actorLabel, systemActor } from '../identity/actor.js';
import { type Access, accessTo, requireStaff } from './access.js';
import type { Check, CheckInput } from './checks.schema.js';
import * as store from './checks.store.js';
import { logEvent, wakeWorkers } from './events.js';
import { iso } from './presenters.js';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
/** 32 random bytes, base64url: what a link carries. Anything else cannot be a token. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

function present(row: store.CheckRow, contacts?: store.ContactRow[]): Check {
  return {
    id: row.id,
    exerciseId: row.exercise_id,
    title: row.title,
    message: row.message,
    createdAt: new Date(row.created_at).toISOString(),
    summary: {
      total: row.total,
      acknowledged: row.acknowledged,
      failed: row.failed,
      pending: row.total - row.acknowledged - row.failed,
    },
    ...(contacts
      ? {
          contacts: contacts.map((c) => ({
            id: c.id,
            pointOfContactId: c.point_of_contact_id,
            organisationId: c.organisation_id,
            organisationName: c.organisation_name,
            name: c.name,
            email: c.email,
            deliveryState: c.state === 'sending' ? 'pending' : c.state,
            sentAt: iso(c.sent_at),
            acknowledgedAt: iso(c.acknowledged_at),
            responseMs: c.response_ms === null ? null : Number(c.response_ms),
          })),
        }
      : {}),
  };
}

/** Countries whose checks this actor sees: all (null) for the lead and its evaluators. */
function visibleCountries(a: Access): string[] | null {
  return a.lead || a.evaluator ? null : a.countries;
}

export async function create(db: Db, actor: Actor, exerciseId: string, input: CheckInput): Promise<Check> {
  const a = await accessTo(db, actor, exerciseId);
  if (!a.lead && !a.countries.length) throw forbidden('Only controllers run communication checks');
  if (a.exercise.status === 'finished' || a.exercise.status === 'cancelled') {
    throw conflict(`The exercise is ${a.exercise.status}: no more communication checks`);
  }
  const orgs = [];
  for (const [i, id] of input.organisationIds.entries()) {
    const org = await organisations.requireOrganisationRef(db, id).catch(() => {
      throw new AppError('validation_failed', 'Unknown organisation', [{ path: `organisationIds.${i}`, message: 'No such organisation' }]);
    });
    if (!a.lead && !a.countries.includes(org.country_code)) {
      throw forbidden(`You run communication checks in ${a.countries.join(', ')} only, not in ${org.country_code}`);
    }
    orgs.push(org);
  }
  const found = await pointsOfContact.ofOrganisations(db, input.organisationIds);
  if (!found.length) {
    throw new AppError('validation_failed', 'The chosen organisations have no points of contact', [
      { path: 'organisationIds', message: 'No point of contact to reach' },
    ]);
  }
  const contacts = found.map((p) => {
    const token = randomBytes(32).toString('base64url');
    return {
      pointOfContactId: p.id,
      organisationId: p.organisationId,
      organisationName: p.organisationName,
      name: p.personName ?? p.label,
      email: p.email,
      token,
      tokenHash: hashToken(token),
    };
  });
  const countryCodes = [...new Set(orgs.map((o) => o.country_code))].sort();
  const id = await db.transaction(async (tx) => {
    const checkId = await store.insert(
      tx,
      {
        exerciseId,
        title: input.title,
        message: input.message,
        organisationIds: input.organisationIds,
        countryCodes,
        createdBy: actorLabel(actor),
      },
      contacts,
    );
    await audit.record(tx, actor, {
      action: 'drill.communication_check.create',
      targetType: 'drill_communication_check',
      targetId: checkId,
      organisationId: a.exercise.lead_organisation_id,
      summary: { exercise: exerciseId, title: input.title, organisations: input.organisationIds, contacts: contacts.length },
    });
    await logEvent(tx, {
      exerciseId,
      kind: 'communication_check.created',
      actor: actorLabel(actor),
      data: { checkId, title: input.title, contacts: contacts.length },
    });
    await wakeWorkers(tx);
    return checkId;
  });
  return get(db, actor, exerciseId, id);
}

export async function list(db: Db, actor: Actor, exerciseId: string): Promise<{ items: Check[] }> {
  const a = await accessTo(db, actor, exerciseId);
  requireStaff(a);
  return { items: (await store.list(db, exerciseId, visibleCountries(a))).map((r) => present(r)) };
}

export async function get(db: Db, actor: Actor, exerciseId: string, checkId: string): Promise<Check> {
  const a = await accessTo(db, actor, exerciseId);
  requireStaff(a);
  const row = await store.get(db, checkId);
  const countries = visibleCountries(a);
  if (!row || row.exercise_id !== exerciseId || (countries && !row.country_codes.every((c) => countries.includes(c)))) {
    throw notFound('Communication check');
  }
  return present(row, await store.contacts(db, checkId));
}

export interface AckView {
  exerciseName: string;
  title: string;
  message: string;
  organisationName: string;
  name: string;
  acknowledgedAt: string | null;
}

/** What the public page shows for a token (undefined: no such token, which the page says as 404). */
export async function forToken(db: Db, token: string): Promise<AckView | undefined> {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  const [row] = await db.query<{
    exercise_name: string;
    title: string;
    message: string;
    organisation_name: string;
    name: string;
    acknowledged_at: string | null;
  }>(
    `SELECT e.name AS exercise_name, k.title, k.message, c.organisation_name, c.name, c.acknowledged_at
     FROM drill_comm_check_contacts c JOIN drill_comm_checks k ON k.id = c.check_id JOIN drill_exercises e ON e.id = c.exercise_id
     WHERE c.token_hash = $1`,
    [hashToken(token)],
  );
  if (!row) return undefined;
  return {
    exerciseName: row.exercise_name,
    title: row.title,
    message: row.message,
    organisationName: row.organisation_name,
    name: row.name,
    acknowledgedAt: iso(row.acknowledged_at),
  };
}

/**
 * Records the acknowledgement of the token's holder, once; a repeat changes nothing and says when
 * the first one was. Throws not found for an unknown token.
 */
export async function acknowledge(db: Db, token: string): Promise<{ first: boolean; view: AckView }> {
  if (!TOKEN_PATTERN.test(token)) throw notFound('Acknowledgement link');
  const first = await db.transaction(async (tx) => {
    const contact = await store.byTokenHash(tx, hashToken(token), true);
    if (!contact) throw notFound('Acknowledgement link');
    const done = await store.acknowledge(tx, contact.id);
    if (!done) return false;
    const actor = systemActor(`ack:${contact.email}`);
    await audit.record(tx, actor, {
      action: 'drill.communication_check.acknowledge',
      targetType: 'drill_communication_check',
      targetId: contact.check_id,
      organisationId: contact.organisation_id,
      summary: {
        exercise: contact.exercise_id,
        contact: contact.id,
        pointOfContact: contact.point_of_contact_id,
        responseMs: Number(done.response_ms),
      },
    });
    await logEvent(tx, {
      exerciseId: contact.exercise_id,
      kind: 'communication_check.acknowledged',
      actor: actorLabel(actor),
      data: {
        checkId: contact.check_id,
        contactId: contact.id,
        organisationId: contact.organisation_id,
        responseMs: Number(done.response_ms),
      },
    });
    return true;
  });
  const view = await forToken(db, token);
  if (!view) throw notFound('Acknowledgement link');
  return { first, view };
}
