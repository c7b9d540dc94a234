/**
 * Injects by webhook: a JSON POST signed with HMAC-SHA256 over the exact bytes sent, in the header
 * `X-Kizuna-Signature: sha256=<hex>`, with the team's own secret. `X-Kizuna-Delivery` carries the
 * idempotency key: a receiver that has seen it may drop the repeat (a retry after a timeout, or a
 * resend after a worker died mid-send). Any non-2xx answer, a timeout or a network error is a
 * failure the worker retries with exponential backoff.
 */
import { createHmac } from 'node:crypto';
import type { SendRow } from '../deliveries.store.js';

export const SIGNATURE_HEADER = 'x-kizuna-signature';
export const DELIVERY_HEADER = 'x-kizuna-delivery';

export function sign(secret: string, rawBody: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

export function webhookBody(d: SendRow, link: string, sentAt: Date): string {
  return JSON.stringify({
    banner: 'EXERCISE',
    idempotencyKey: d.idempotency_key,
    deliveryId: d.id,
    attempt: d.attempts,
    sentAt: sentAt.toISOString(),
    dueAt: new Date(d.due_at).toISOString(),
    exercise: { id: d.exercise_id, name: d.exercise_name, link },
    team: { id: d.team_id, name: d.team_name },
    inject: { id: d.inject_id, ref: d.inject_ref, title: d.title, content: d.content, tags: d.tags },
  });
}

export async function sendWebhook(d: SendRow, link: string, timeoutMs = 10_000): Promise<void> {
  if (!d.webhook_url || !d.webhook_secret) throw new Error('The team has no webhook URL or secret');
  const body = webhookBody(d, link, new Date());
  const res = await fetch(d.webhook_url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Kizuna-Drills/1',
      [SIGNATURE_HEADER]: sign(d.webhook_secret, body),
      [DELIVERY_HEADER]: d.idempotency_key,
    },
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
  });
  await res.arrayBuffer().catch(() => undefined);
  if (res.status < 200 || res.status >= 300) throw new Error(`The webhook answered HTTP ${res.status}`);
}
