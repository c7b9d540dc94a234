/**
 * The public acknowledgement page of communication checks, `/ack/<token>`: no log-in (the token is
 * the credential). GET only shows the page with one button, because mail scanners fetch links;
 * the button's form POSTs and that records the acknowledgement once. Everything shown is escaped,
 * and the page has no script at all, so it works under the server's CSP.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.js';
import { AckParams } from './checks.schema.js';
import * as checks from './checks.service.js';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)} — EXERCISE</title>
<style>
body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1b1e}
.banner{background:#c92a2a;color:#fff;font-weight:700;letter-spacing:.2em;text-align:center;padding:.5rem}
.message{white-space:pre-wrap;border-left:4px solid #ced4da;padding-left:1rem}
button{font-size:1.1rem;padding:.7rem 1.4rem;background:#1971c2;color:#fff;border:0;border-radius:4px;cursor:pointer}
</style></head>
<body><div class="banner">EXERCISE EXERCISE EXERCISE</div>
${body}
<div class="banner">EXERCISE EXERCISE EXERCISE</div></body></html>
`;
}

function send(reply: FastifyReply, status: number, html: string) {
  return reply
    .status(status)
    .header('cache-control', 'no-store')
    .header('x-robots-tag', 'noindex')
    .type('text/html; charset=utf-8')
    .send(html);
}

const notFoundPage = () =>
  page('Link not valid', '<h1>This link is not valid</h1><p>The acknowledgement link is unknown. Check that it was copied whole.</p>');

function when(isoTime: string): string {
  return `${escapeHtml(isoTime.replace('T', ' ').slice(0, 19))} UTC`;
}

export default async function ackRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.db;
  // The page's form posts an empty url-encoded body; nothing in it is read.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (_req, _body, done) =>
    done(null, {}),
  );

  r.get('/ack/:token', {
    schema: { hide: true, params: AckParams },
    handler: async (req, reply) => {
      const view = await checks.forToken(db, req.params.token);
      if (!view) return send(reply, 404, notFoundPage());
      const intro = `<p>${escapeHtml(view.name)} (${escapeHtml(view.organisationName)}): ${escapeHtml(view.exerciseName)} asks every point of contact to confirm that this message reached them.</p>
<h1>${escapeHtml(view.title)}</h1>
<div class="message">${escapeHtml(view.message)}</div>`;
      const action = view.acknowledgedAt
        ? `<p><strong>Already acknowledged</strong> at ${when(view.acknowledgedAt)}. Thank you.</p>`
        : `<form method="post" action="/ack/${encodeURIComponent(req.params.token)}"><p><button type="submit">I acknowledge this message</button></p></form>`;
      return send(reply, 200, page(view.title, `${intro}\n${action}`));
    },
  });

  r.post('/ack/:token', {
    schema: { hide: true, params: AckParams },
    handler: async (req, reply) => {
      try {
        const { first, view } = await checks.acknowledge(db, req.params.token);
        const said = first
          ? '<p>Your acknowledgement is recorded. Thank you.</p>'
          : `<p>This message was already acknowledged at ${when(view.acknowledgedAt as string)}. Thank you.</p>`;
        return send(
          reply,
          200,
          page('Thank you', `<h1>Thank you, ${escapeHtml(view.name)}</h1>\n<p>${escapeHtml(view.title)}</p>\n${said}`),
        );
      } catch (err) {
        if (err instanceof AppError && err.code === 'not_found') return send(reply, 404, notFoundPage());
        throw err;
      }
    },
  });
}
