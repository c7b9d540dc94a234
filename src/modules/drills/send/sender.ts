/**
 * The outbound half of the worker: claim due e-mail and webhook deliveries (with a lease), send
 * them concurrently, and settle each one — delivered, retry later with exponential backoff, or
 * failed after the last attempt. Settling is fenced by the claim: if this worker's lease lapsed and
 * another worker took the delivery over, this worker's late answer changes nothing.
 */
import type { Transporter } from 'nodemailer';
import type { Db } from '../../../db/index.js';
import * as checks from '../checks.store.js';
import * as deliveries from '../deliveries.store.js';
import { logEvent } from '../events.js';
import type { Outcome } from '../outbox.js';
import { ackLink, inboxLink } from '../settings.js';
import * as teams from '../teams.store.js';
import { composeCheckEmail, sendEmail } from './email.js';
import { sendWebhook } from './webhook.js';

export interface SenderOptions {
  workerId: string;
  leaseMs: number;
  batch: number;
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  mailer?: Transporter;
  mailFrom: string;
  httpTimeoutMs: number;
}

export function backoffMs(attempt: number, base: number, max: number): number {
  return Math.min(max, base * 2 ** Math.max(0, attempt - 1));
}

/** Claims and sends one batch of inject deliveries and one of communication-check e-mails; returns how many were claimed. */
export async function sendDue(db: Db, o: SenderOptions): Promise<number> {
  const claimed = await deliveries.claimSends(db, o.workerId, o.leaseMs, o.batch);
  const checkMails = await checks.claimSends(db, o.workerId, o.leaseMs, o.batch);
  await Promise.all([...claimed.map((d) => sendOne(db, d, o)), ...checkMails.map((c) => sendCheck(db, c, o))]);
  return Math.max(claimed.length, checkMails.length);
}

/** Sent, or retried with backoff until the attempts run out. */
function outcomeOf<T extends string>(error: string | null, attempts: number, o: SenderOptions, ok: T): Outcome<T> {
  if (error === null) return { state: ok };
  if (attempts >= o.maxAttempts) return { state: 'failed', error };
  return { state: 'pending', error, retryInMs: backoffMs(attempts, o.retryBaseMs, o.retryMaxMs) };
}

async function sendCheck(db: Db, c: checks.SendRow, o: SenderOptions): Promise<void> {
  let error: string | null = null;
  try {
    if (!o.mailer) throw new Error('No SMTP server is configured (KIZUNA_SMTP_URL)');
    if (!c.token) throw new Error('The acknowledgement link is gone (the message was settled before)');
    await o.mailer.sendMail(composeCheckEmail(c, o.mailFrom, ackLink(c.token)));
  } catch (err) {
    error = (err as Error).message || String(err);
  }
  const outcome = outcomeOf(error, c.attempts, o, 'sent');
  await db.transaction(async (tx) => {
    if (!(await checks.settle(tx, c.id, o.workerId, outcome))) return;
    await logEvent(tx, {
      exerciseId: c.exercise_id,
      kind:
        outcome.state === 'sent'
          ? 'communication_check.sent'
          : outcome.state === 'failed'
            ? 'communication_check.failed'
            : 'communication_check.retrying',
      actor: `system:worker:${o.workerId}`,
      data: { checkId: c.check_id, contactId: c.id, attempt: c.attempts, ...(error ? { error } : {}) },
    });
  });
}

async function sendOne(db: Db, d: deliveries.SendRow, o: SenderOptions): Promise<void> {
  let error: string | null = null;
  try {
    const link = inboxLink(d.exercise_id);
    // A rehearsal's simulated teams have no mailbox or endpoint: their external injects count as sent.
    if (d.team_simulated) {
    } else if (d.channel === 'email') {
      if (!o.mailer) throw new Error('No SMTP server is configured (KIZUNA_SMTP_URL)');
      const to = d.team_email ? [d.team_email] : (await teams.players(db, [d.team_id])).map((p) => p.email);
      await sendEmail(o.mailer, d, to, o.mailFrom, link);
    } else {
      await sendWebhook(d, link, o.httpTimeoutMs);
    }
  } catch (err) {
    error = (err as Error).message || String(err);
  }
  const outcome = outcomeOf(error, d.attempts, o, 'delivered');
  await db.transaction(async (tx) => {
    if (!(await deliveries.settle(tx, d.id, o.workerId, outcome))) return;
    await logEvent(tx, {
      exerciseId: d.exercise_id,
      kind: outcome.state === 'delivered' ? 'delivery.delivered' : outcome.state === 'failed' ? 'delivery.failed' : 'delivery.retrying',
      actor: `system:worker:${o.workerId}`,
      teamId: d.team_id,
      injectId: d.inject_id,
      data: {
        deliveryId: d.id,
        channel: d.channel,
        attempt: d.attempts,
        ...(error ? { error } : {}),
        ...(outcome.state === 'pending' ? { retryInMs: outcome.retryInMs } : {}),
      },
    });
  });
}
