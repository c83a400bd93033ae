/**
 * Server-only settings for admins: the escalation actions of an SLA policy, and integration API keys (created with
 * the key shown once; listed without it; deleted = revoked at once).
 */
import type { FastifyInstance } from 'fastify';
import {
  ApiKeyInputSchema,
  SlaPolicyActionsSchema,
  type WorkingSetAnswer,
  WorkingSetInputSchema,
} from '../../shared/server-api/admin';
import { createApiKey, listApiKeys, revokeApiKey } from '../api-keys/keys';
import type { Database } from '../db/database';
import { HttpError, notFound } from '../http/errors';
import { loadPolicyActions, savePolicyActions } from '../sla/store';
import { setWorkingSetDays, workingSetState } from '../sync/working-set';
import { requireAdmin } from './guard';
import { idParam, parseBody } from './reference-routes';
import { audit, auditOnly, findReference } from './write';

export function settingsRoutes(app: FastifyInstance, db: Database, workingSetChanged: () => void): void {
  app.get('/api/admin/working-set', async (request): Promise<WorkingSetAnswer> => {
    requireAdmin(request, 'the working set');
    return workingSetState(db);
  });

  app.put('/api/admin/working-set', async (request): Promise<WorkingSetAnswer> => {
    const admin = requireAdmin(request, 'the working set');
    const input = parseBody(WorkingSetInputSchema, request.body, 'working set');
    await db.transaction(async (tx) => {
      const before = await workingSetState(tx);
      await setWorkingSetDays(tx, input.days);
      const by = { actorId: admin.id, deviceId: request.deviceId };
      await auditOnly(tx, (seq) =>
        audit(seq, 'setting', 'working-set', 'update', by, new Date().toISOString(), [
          { field: 'days', from: before.days, to: input.days },
        ]),
      );
    });
    // Tickets leave or come back in the background, a chunk per transaction (sync/working-set.ts).
    workingSetChanged();
    return workingSetState(db);
  });

  app.get('/api/admin/sla-policies/:id/actions', async (request) => {
    requireAdmin(request, 'SLA policies');
    const id = idParam(request.params);
    if (!(await findReference(db, 'sla_policies', id))) throw notFound(`There is no SLA policy ${id}`);
    return (await loadPolicyActions(db)).get(id) ?? { raisePriorityOnBreach: false };
  });

  app.put('/api/admin/sla-policies/:id/actions', async (request) => {
    const admin = requireAdmin(request, 'SLA policies');
    const id = idParam(request.params);
    const actions = parseBody(SlaPolicyActionsSchema, request.body, 'escalation actions');
    await db.transaction(async (tx) => {
      if (!(await findReference(tx, 'sla_policies', id, true))) throw notFound(`There is no SLA policy ${id}`);
      const before = (await loadPolicyActions(tx)).get(id) ?? { raisePriorityOnBreach: false };
      await savePolicyActions(tx, id, actions);
      const by = { actorId: admin.id, deviceId: request.deviceId };
      await auditOnly(tx, (seq) =>
        audit(seq, 'sla_policy', id, 'update', by, new Date().toISOString(), [
          {
            field: 'actions.raisePriorityOnBreach',
            from: before.raisePriorityOnBreach,
            to: actions.raisePriorityOnBreach,
          },
        ]),
      );
    });
    return actions;
  });

  app.get('/api/admin/api-keys', async (request) => {
    requireAdmin(request, 'API keys');
    return { items: await listApiKeys(db) };
  });

  app.post('/api/admin/api-keys', async (request, reply) => {
    const admin = requireAdmin(request, 'API keys');
    const input = parseBody(ApiKeyInputSchema, request.body, 'API key');
    if (input.id !== undefined && (await listApiKeys(db)).some((key) => key.id === input.id)) {
      throw new HttpError(409, `An API key with id ${input.id} already exists`);
    }
    const by = { actorId: admin.id, deviceId: request.deviceId };
    const created = await db.transaction(async (tx) => {
      const key = await createApiKey(tx, input);
      await auditOnly(tx, (seq) =>
        audit(seq, 'api_key', key.id, 'create', by, new Date().toISOString(), [
          { field: 'name', from: null, to: key.name },
          { field: 'onBehalfOf', from: null, to: key.onBehalfOf },
        ]),
      );
      return key;
    });
    return reply.code(201).send(created);
  });

  app.delete('/api/admin/api-keys/:id', async (request, reply) => {
    const admin = requireAdmin(request, 'API keys');
    const id = idParam(request.params);
    const by = { actorId: admin.id, deviceId: request.deviceId };
    const revoked = await db.transaction(async (tx) => {
      const key = await revokeApiKey(tx, id);
      if (key) {
        await auditOnly(tx, (seq) =>
          audit(seq, 'api_key', id, 'delete', by, new Date().toISOString(), [
            { field: 'revoked', from: false, to: true },
          ]),
        );
      }
      return key;
    });
    if (!revoked) throw notFound(`There is no API key ${id}`);
    return reply.code(204).send();
  });
}
