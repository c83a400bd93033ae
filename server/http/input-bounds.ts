import type { FastifyInstance } from 'fastify';
import { badRequest } from './errors';
import { findDeepNesting, findUnstorableText } from './storable-text';

/**
 * Checks every request's path parameters and query before any handler sees them: a NUL character or unpaired
 * surrogate (which PostgreSQL cannot take, so a lookup by such an id failed with a 500) is a 400 naming the
 * parameter. Bodies are checked for depth only (over 32 levels is a 400): what may be stored in them is each route's
 * business (a push refuses an unstorable row and keeps the others).
 */
export function installInputBounds(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const problem =
      findUnstorableText(request.params, 'address') ??
      findUnstorableText(request.query, 'query') ??
      findDeepNesting(request.body, 'body');
    if (problem) throw badRequest(problem);
  });
}
