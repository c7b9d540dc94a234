/**
 * One error type for the whole product. Services throw AppError with a stable code; the HTTP layer
 * maps codes to statuses in one table (src/server/errors.ts). Messages are for people, `details`
 * for machines (field paths, ids); nothing else from an error reaches a client.
 */
export const errorStatus = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  not_acceptable: 406,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'You are not allowed to do this') => new AppError('forbidden', message);
export const badRequest = (message: string, details?: unknown) => new AppError('bad_request', message, details);
export const conflict = (message: string, details?: unknown) => new AppError('conflict', message, details);
