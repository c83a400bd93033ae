/**
 * Routing rules for admins (server-only, not replicated): list in the order they are tried, create, update, delete.
 * Validated (schema, then that the queue and catalog items exist) and audited like every other change.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { RoutingRuleInputSchema } from '../../shared/server-api/admin';
import type { RoutingRule } from '../../shared/server-api/routing';
import type { Database, Queryable } from '../db/database';
import { badRequest, HttpError, notFound } from '../http/errors';
import { loadRoutingRules } from '../routing/store';
import { fieldChanges } from '../sync/audit';
import { requireAdmin } from './guard';
import { idParam, parseBody, refuseIssues } from './reference-routes';
import { missing } from './references';
import { audit, auditOnly } from './write';

async function findRule(tx: Queryable, id: string): Promise<RoutingRule | null> {
  const result = await tx.query<{ doc: RoutingRule }>('SELECT doc FROM routing_rules WHERE id = $1 FOR UPDATE', [id]);
  return result.rows[0]?.doc ?? null;
}

export function routingRuleRoutes(app: FastifyInstance, db: Database): void {
  const what = 'routing rules';

  app.get('/api/admin/routing-rules', async (request) => {
    requireAdmin(request, what);
    return { items: await loadRoutingRules(db) };
  });

  app.get('/api/admin/routing-rules/:id', async (request) => {
    requireAdmin(request, what);
    const id = idParam(request.params);
    const rule = await findRule(db, id);
    if (!rule) throw notFound(`There is no routing rule ${id}`);
    return rule;
  });

  const save = async (actorId: string, deviceId: string, id: string, creating: boolean, body: unknown) => {
    const input = parseBody(RoutingRuleInputSchema, body, 'routing rule');
    if (input.id !== undefined && input.id !== id) throw badRequest(`id: must be ${id}, the id in the address`);
    return db.transaction(async (tx) => {
      const before = await findRule(tx, id);
      if (creating && before)
        throw new HttpError(409, `A routing rule with id ${id} already exists: change it with PUT`);
      if (!creating && !before) throw notFound(`There is no routing rule ${id}: create it with POST`);
      const rule: RoutingRule = { ...input, id, updatedAt: new Date().toISOString() };
      refuseIssues('routing rule', [
        ...(rule.actions.queueId === undefined
          ? []
          : (await missing(tx, 'queues', 'queueId', [rule.actions.queueId], 'queue')).map((issue) => ({
              ...issue,
              path: ['actions', ...issue.path],
            }))),
        ...(await missing(tx, 'catalog', 'catalogItemIds', rule.conditions.catalogItemIds, 'catalog item', true)).map(
          (issue) => ({ ...issue, path: ['conditions', ...issue.path] }),
        ),
      ]);
      await tx.query(
        `INSERT INTO routing_rules (id, position, doc) VALUES ($1, $2, $3::text::jsonb)
         ON CONFLICT (id) DO UPDATE SET position = EXCLUDED.position, doc = EXCLUDED.doc`,
        [id, rule.position, JSON.stringify(rule)],
      );
      const changes = fieldChanges(before, rule, ['updatedAt']);
      await auditOnly(tx, (seq) =>
        audit(seq, 'routing_rule', id, before ? 'update' : 'create', { actorId, deviceId }, rule.updatedAt, changes),
      );
      return rule;
    });
  };

  app.post('/api/admin/routing-rules', async (request, reply) => {
    const admin = requireAdmin(request, what);
    const requested = (request.body as { id?: unknown } | null)?.id;
    const id = typeof requested === 'string' && requested !== '' ? requested : randomUUID();
    return reply.code(201).send(await save(admin.id, request.deviceId, id, true, request.body));
  });

  app.put('/api/admin/routing-rules/:id', async (request) => {
    const admin = requireAdmin(request, what);
    return save(admin.id, request.deviceId, idParam(request.params), false, request.body);
  });

  app.delete('/api/admin/routing-rules/:id', async (request, reply) => {
    const admin = requireAdmin(request, what);
    const id = idParam(request.params);
    await db.transaction(async (tx) => {
      const before = await findRule(tx, id);
      if (!before) throw notFound(`There is no routing rule ${id}`);
      await tx.query('DELETE FROM routing_rules WHERE id = $1', [id]);
      const by = { actorId: admin.id, deviceId: request.deviceId };
      await auditOnly(tx, (seq) =>
        audit(seq, 'routing_rule', id, 'delete', by, new Date().toISOString(), [
          { field: 'deleted', from: false, to: true },
        ]),
      );
    });
    return reply.code(204).send();
  });
}
