/**
 * The one place where errors become HTTP answers. Kizuna's API answers
 * `{"error":{"code","message","details"}}`; TAXII routes answer TAXII error messages (the mapping
 * for those lives in the taxii module and is chosen by the route's prefix). Unknown errors become a
 * generic 500 and are logged, never shown.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, errorStatus } from '../errors.js';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/** Turns anything thrown into an AppError; null when it is an internal failure. */
export function toAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as { validationContext?: string }).validationContext;
    const details = err.validation.map((v) => ({
      path: [where && where !== 'body' ? where : null, ...v.instancePath.split('/').filter(Boolean)].filter(Boolean).join('.'),
      message: v.message ?? 'Invalid value',
    }));
    return new AppError('validation_failed', 'The request is not valid', details);
  }
  const fe = err as FastifyError;
  switch (fe?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', 'The request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', 'Unsupported Content-Type');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('bad_request', 'The JSON body is empty');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('bad_request', 'The body is not valid JSON');
    case 'FST_ERR_NOT_FOUND':
      return new AppError('not_found', 'Not found');
  }
  if (fe instanceof SyntaxError && fe.statusCode === 400) return new AppError('bad_request', 'The body is not valid JSON');
  if (typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code = (Object.entries(errorStatus).find(([, s]) => s === fe.statusCode)?.[0] ?? 'bad_request') as ErrorCode;
    return new AppError(code, fe.message);
  }
  return null;
}

/**
 * Answers errors for the routes under a path prefix in another format (TAXII answers TAXII error
 * messages). The presenter gets the AppError, or null for an internal failure already logged.
 */
export type ErrorPresenter = (err: AppError | null, request: FastifyRequest, reply: FastifyReply) => FastifyReply;
const presenters = new Map<string, ErrorPresenter>();

export function presentErrorsUnder(prefix: string, presenter: ErrorPresenter): void {
  presenters.set(prefix, presenter);
}

export function sendApiError(err: unknown, request: FastifyRequest, reply: FastifyReply) {
  const app = toAppError(err);
  if (!app) request.log.error({ err }, 'request failed');
  for (const [prefix, present] of presenters) if (request.url.startsWith(prefix)) return present(app, request, reply);
  if (!app) {
    const body: ErrorBody = { error: { code: 'internal', message: 'Something went wrong on the server' } };
    return reply.status(500).type('application/json').send(body);
  }
  if (app.status === 429) reply.header('Retry-After', '900');
  const body: ErrorBody = {
    error: { code: app.code, message: app.message, ...(app.details !== undefined ? { details: app.details } : {}) },
  };
  return reply.status(app.status).type('application/json').send(body);
}
