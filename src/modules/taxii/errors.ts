/**
 * TAXII's own error format. Every error under /taxii2 — from a handler, a hook, the body parser or
 * an unknown path — comes here through src/server/errors.ts (chosen by prefix) and is answered as
 * a TAXII error message with the TAXII media type. The status comes from the product's one table
 * (src/errors.ts); this table adds the TAXII title for each code.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppError, ErrorCode } from '../../errors.js';
import { TAXII_MEDIA } from './media.js';

const titles: Record<ErrorCode, string> = {
  bad_request: 'Bad request',
  validation_failed: 'Malformed request parameters',
  unauthenticated: 'Authentication required',
  forbidden: 'Permission denied',
  not_found: 'Not found',
  not_acceptable: 'Not acceptable',
  conflict: 'Conflict',
  gone: 'Gone',
  payload_too_large: 'Request entity too large',
  unsupported_media_type: 'Unsupported media type',
  too_many_requests: 'Too many requests',
  internal: 'Internal server error',
  unavailable: 'Service unavailable',
};

/** The TAXII 2.1 error message resource (section 3.6.1). */
export interface TaxiiError {
  title: string;
  description?: string;
  error_id?: string;
  error_code?: string;
  http_status: string;
  external_details?: string;
  details?: Record<string, unknown>;
}

export function taxiiError(err: AppError | null, requestId: string): { status: number; body: TaxiiError } {
  if (!err) {
    return {
      status: 500,
      body: {
        title: titles.internal,
        description: 'Something went wrong on the server',
        error_id: requestId,
        error_code: 'internal',
        http_status: '500',
      },
    };
  }
  // TAXII's `details` is a dictionary; our details are usually a list of {path, message}.
  const details =
    err.details === undefined ? undefined : Array.isArray(err.details) ? { errors: err.details } : (err.details as Record<string, unknown>);
  return {
    status: err.status,
    body: {
      title: titles[err.code],
      description: err.message,
      error_id: requestId,
      error_code: err.code,
      http_status: String(err.status),
      ...(details ? { details } : {}),
    },
  };
}

const CHALLENGES = ['Basic realm="kizuna", charset="UTF-8"', 'Bearer realm="kizuna"'];

/** The presenter src/server/errors.ts calls for /taxii2 paths. */
export function sendTaxiiError(err: AppError | null, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { status, body } = taxiiError(err, request.id);
  // Both ways in are offered (RFC 9110 11.6.1, one challenge per field): Basic for TAXII clients
  // that only know it (password or API token, read as UTF-8), Bearer for an API token alone.
  if (status === 401) reply.header('WWW-Authenticate', CHALLENGES);
  if (status === 429) reply.header('Retry-After', '900');
  // A serializer of our own keeps Fastify from appending a charset: the media type goes out exactly.
  return reply
    .status(status)
    .header('content-type', TAXII_MEDIA)
    .serializer((p: unknown) => JSON.stringify(p))
    .send(body);
}
