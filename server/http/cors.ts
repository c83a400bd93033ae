import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';

/**
 * CORS through @fastify/cors. The desktop renderer runs on `app://workstation` and calls the API cross-origin: only
 * the listed origins get the headers (preflights answered before the auth hook, since browsers send them without
 * the token); any other origin gets none, so its page cannot read an answer. Same-origin web builds need none.
 * Bearer tokens, not cookies, so no credentials mode.
 */
export async function installCors(app: FastifyInstance, origins: readonly string[]): Promise<void> {
  const allowed = new Set(origins);
  await app.register(cors, {
    // false for an unlisted origin: no CORS headers, and its preflight is not answered.
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin) ? origin : false),
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Device-Id', 'X-Api-Key'],
    maxAge: 600,
    // A request without Origin that says OPTIONS is no preflight: answered like any other (not plain text).
    strictPreflight: false,
  });
}
