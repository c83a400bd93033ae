/**
 * Rate limits through @fastify/rate-limit, counted in the database (rate-limit-store.ts) so that every server process
 * shares them. No route is limited unless it says so: a route names its limit in `config.rateLimit` (counted before
 * its body is read), and a handler that first has to read the request to know whose hit it is (the account of a
 * sign-in, the integration of an intake request) uses `manualLimit`. A refusal is a 429 `{ error }` saying how long
 * to wait, with Retry-After.
 */
import rateLimit, { normalizeIP, type RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../db/database';
import { HttpError } from './errors';
import { databaseRateLimitStore, sweepRateLimits } from './rate-limit-store';

export const MINUTE = 60_000;
/** The longest wait back-off imposes, however long the hits go on. */
const MAX_BACKOFF_MS = 15 * MINUTE;

export function tooMany(what: string, seconds: number): HttpError {
  const wait = Math.max(1, seconds);
  return new HttpError(429, `${what}: try again in ${wait} second${wait === 1 ? '' : 's'}`, undefined, {
    'retry-after': String(wait),
  });
}

/** A route's `config.rateLimit`: `max` hits a minute per key, refused with "<what>: try again in …". */
export function routeLimit(
  what: string,
  max: number,
  key: (request: FastifyRequest) => string,
  options: Pick<RateLimitOptions, 'exponentialBackoff'> = {},
): RateLimitOptions {
  return {
    max,
    timeWindow: MINUTE,
    keyGenerator: key,
    errorResponseBuilder: (_request, context) => tooMany(what, Math.ceil(context.ttl / 1000)),
    ...options,
  };
}

/** The client's address as the limits key it: IPv6 addresses by their /64, as @fastify/rate-limit does. */
export const clientAddress = (request: FastifyRequest): string => normalizeIP(request.ip);

/**
 * A limit checked from a handler: `check(request, key)` counts a hit on `key` and throws the 429 when it is over
 * `max` a minute.
 */
export function manualLimit(
  app: FastifyInstance,
  what: string,
  max: number,
  options: Pick<RateLimitOptions, 'exponentialBackoff'> = {},
): (request: FastifyRequest, key: string) => Promise<void> {
  const keys = new WeakMap<FastifyRequest, string>();
  const limits: RateLimitOptions = {
    max,
    timeWindow: MINUTE,
    keyGenerator: (request) => keys.get(request) ?? '',
    ...options,
  };
  const count = app.createRateLimit(limits);
  return async (request, key) => {
    keys.set(request, key);
    const result = await count(request);
    if (!result.isAllowed && result.isExceeded) throw tooMany(what, result.ttlInSeconds);
  };
}

/** Registers the plugin with the shared store, and sweeps ended counters once a minute. */
export async function installRateLimits(app: FastifyInstance, db: Database): Promise<void> {
  await app.register(rateLimit, { global: false, store: databaseRateLimitStore(db, MAX_BACKOFF_MS) });
  const sweeper = setInterval(() => {
    sweepRateLimits(db).catch((error: unknown) => app.log.warn({ err: error }, 'could not sweep rate limits'));
  }, MINUTE);
  sweeper.unref();
  app.addHook('onClose', async () => clearInterval(sweeper));
}
