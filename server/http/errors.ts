/**
 * Errors as HTTP answers. Every error body is `{ error, details? }` (shared/server-api/errors.ts) with a message a
 * person can read, Fastify's own errors included: those of routing and body parsing (404, 413, 415, invalid JSON)
 * through the error and not-found handlers, those found before a request is routed (a malformed percent-encoding, an
 * overlong path segment) through `frameworkErrors`, and those of malformed HTTP through `clientErrorHandler` (the
 * last two are Fastify constructor options: `ERROR_SERVER_OPTIONS`). 4xx answers are logged at info level (they are
 * the client's mistake), 5xx at error level.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import type { ZodError } from 'zod';
import type { ErrorBody } from '../../shared/server-api/errors';
import { describeIssues } from '../../shared/validation';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details?: unknown) => new HttpError(400, message, details);
export const unauthorized = (message: string) => new HttpError(401, message);
export const forbidden = (message: string) => new HttpError(403, message);
export const notFound = (message: string) => new HttpError(404, message);

export function invalid(what: string, error: ZodError): HttpError {
  return badRequest(`Invalid ${what}: ${describeIssues(error)}`, { issues: error.issues.map(summarizeIssue) });
}

function summarizeIssue(issue: ZodError['issues'][number]) {
  return { path: issue.path.map(String), message: issue.message };
}

/** Fastify's own 4xx errors (body parsing, limits) reworded for people. */
const FASTIFY_MESSAGES: Record<string, (error: FastifyError) => string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: () => 'The request body is not valid JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: () => 'The request body is empty but its Content-Type says JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: () => 'The request body is too large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () => 'The request body must be JSON (Content-Type: application/json)',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => 'The Content-Length header does not match the body',
};

/** Errors Fastify meets before routing a request. */
const FRAMEWORK_ERRORS: Record<string, { status: number; message: string }> = {
  FST_ERR_BAD_URL: { status: 400, message: 'The address is not valid: it has a malformed %-escape' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, message: 'The address is too long: a part of it exceeds 100 characters' },
};

/** What a connection that does not speak valid HTTP gets before it is closed. */
const CLIENT_ERRORS: Record<string, { status: number; message: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, message: 'The request took too long to arrive' },
  HPE_HEADER_OVERFLOW: { status: 431, message: 'The request headers are too large' },
};

/**
 * PostgreSQL errors after which trying again is right, having written nothing (the transaction rolled back): a wait
 * for a lock or a statement ran out of its time (db/pg.ts bounds both), PostgreSQL ended the connection, or it could
 * not be reached.
 */
const BUSY_DATABASE_CODES = new Set([
  '55P03', // lock_not_available (lock_timeout)
  '57014', // query_canceled (statement_timeout)
  '25P03', // idle_in_transaction_session_timeout
  '57P01', // admin_shutdown
  '08000', // connection_exception
  '08003', // connection_does_not_exist
  '08006', // connection_failure
  'ECONNREFUSED',
]);

function isDatabaseBusy(error: { code?: unknown; message?: unknown }): boolean {
  if (typeof error.code === 'string' && BUSY_DATABASE_CODES.has(error.code)) return true;
  // pg's words when a connection it was using closed under it (no code).
  return (
    error.message === 'Connection terminated unexpectedly' ||
    error.message === 'Client has encountered a connection error and is not queryable'
  );
}

export const ERROR_SERVER_OPTIONS = {
  frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
    const known = FRAMEWORK_ERRORS[error.code];
    const status = known?.status ?? 500;
    const message = known?.message ?? 'The server hit an unexpected error; the request was not completed';
    if (known) request.log.info({ status, code: error.code }, 'request refused');
    else request.log.error({ err: error }, 'request failed');
    void reply.code(status).send(body(message));
  },
  clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket) {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const known = (error.code && CLIENT_ERRORS[error.code]) || {
      status: 400,
      message: 'The request is not valid HTTP',
    };
    const text = JSON.stringify(body(known.message));
    if (socket.writable) {
      socket.write(
        `HTTP/1.1 ${known.status} ${STATUS_CODES[known.status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
      );
    }
    socket.destroy(error);
  },
} satisfies Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler'>;

/** Answers a request no route matched, or returns false to give the usual 404 (e.g. a single-page app's index). */
export type NotFoundFallback = (request: FastifyRequest, reply: FastifyReply) => boolean;

export function installErrorHandling(app: FastifyInstance, fallback?: NotFoundFallback): void {
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) {
      request.log.info({ status: error.statusCode, reason: error.message }, 'request refused');
      return reply.code(error.statusCode).headers(error.headers).send(body(error.message, error.details));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const reword = error.code ? FASTIFY_MESSAGES[error.code] : undefined;
      const message = reword ? reword(error) : error.message;
      request.log.info({ status, code: error.code, reason: error.message }, 'request refused');
      return reply.code(status).send(body(message));
    }
    if (isDatabaseBusy(error)) {
      request.log.warn({ err: error }, 'request failed: the database was busy or unreachable');
      return reply
        .code(503)
        .headers({ 'retry-after': '1' })
        .send(body('The database is busy or unreachable; nothing was saved. Try again in a moment'));
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send(body('The server hit an unexpected error; the request was not completed'));
  });
  app.setNotFoundHandler((request, reply) => {
    if (fallback?.(request, reply)) return reply;
    request.log.info({ status: 404, url: request.url }, 'no such route');
    return reply.code(404).send(body(`No such endpoint: ${request.method} ${request.url.split('?')[0]}`));
  });
}

function body(error: string, details?: unknown): ErrorBody {
  return details === undefined ? { error } : { error, details };
}
