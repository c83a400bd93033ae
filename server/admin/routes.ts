import type { FastifyInstance } from 'fastify';
import type { SessionCache } from '../auth/session-cache';
import type { Database } from '../db/database';
import { referenceRoutes } from './reference-routes';
import { routingRuleRoutes } from './routing-rules';
import { settingsRoutes } from './settings';
import { userRoutes } from './users';

/** The admin API (shared/server-api/admin.ts): users, queues, SLA policies, calendars, catalog, routing, API keys. */
export function adminRoutes(
  app: FastifyInstance,
  db: Database,
  sessions: SessionCache,
  workingSetChanged: () => void,
): void {
  referenceRoutes(app, db);
  userRoutes(app, db, sessions);
  routingRuleRoutes(app, db);
  settingsRoutes(app, db, workingSetChanged);
}
