/**
 * Injects by e-mail over SMTP (nodemailer, configured by KIZUNA_SMTP_URL such as
 * smtp://user:pass@mail.example:587). Every message says EXERCISE in its subject and first line,
 * and carries the delivery's idempotency key as its Message-ID, so a resend after a worker died
 * mid-send is recognisable as the same message.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { SendRow as CheckSendRow } from '../checks.store.js';
import type { SendRow } from '../deliveries.store.js';

export interface EmailSettings {
  url: string;
  from: string;
}

export function emailSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): EmailSettings | undefined {
  if (!env.KIZUNA_SMTP_URL) return undefined;
  return { url: env.KIZUNA_SMTP_URL, from: env.KIZUNA_SMTP_FROM ?? 'Kizuna drills <drills@kizuna.invalid>' };
}

export function createMailer(settings: EmailSettings): Transporter {
  return nodemailer.createTransport(settings.url);
}

export function composeEmail(d: SendRow, to: string[], from: string, link: string) {
  const banner = 'EXERCISE EXERCISE EXERCISE';
  return {
    from,
    to,
    subject: `[EXERCISE] ${d.title}`,
    messageId: `<${d.idempotency_key}@kizuna.drill>`,
    headers: { 'X-Kizuna-Exercise': d.exercise_id, 'X-Kizuna-Delivery': d.idempotency_key },
    text: `${banner}\n\n${d.title}\n\n${d.content}\n\n— ${d.exercise_name} (inject ${d.inject_ref}, team ${d.team_name})\n${link}\n\n${banner}\n`,
  };
}

export async function sendEmail(mailer: Transporter, d: SendRow, to: string[], from: string, link: string): Promise<void> {
  if (!to.length) throw new Error('The team has no e-mail address and no players with one');
  await mailer.sendMail(composeEmail(d, to, from, link));
}

/** A communication check's message to one point of contact, with its personal acknowledgement link. */
export function composeCheckEmail(c: CheckSendRow, from: string, link: string) {
  const banner = 'EXERCISE EXERCISE EXERCISE';
  return {
    from,
    to: [c.email],
    subject: `[EXERCISE] ${c.title}`,
    // Stable per contact, so that a resend after a worker died mid-send is recognisably the same message.
    messageId: `<check-${c.id}@kizuna.drill>`,
    headers: { 'X-Kizuna-Exercise': c.exercise_id, 'X-Kizuna-Check': c.check_id },
    text:
      `${banner}\n\n${c.title}\n\n${c.message}\n\n` +
      `This is a communication check of ${c.exercise_name}. ${c.name} (${c.organisation_name}): please confirm that this message reached you by opening this link and pressing the button:\n${link}\n\n${banner}\n`,
  };
}
