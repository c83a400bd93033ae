/**
 * CRUD for the replicated reference collections (queues, SLA policies, calendars, catalog items): the same five
 * routes for each, admins only, zod-validated with readable per-field messages, reference checks, one transaction
 * per write, audit and replication through write.ts.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import {
  CalendarInputSchema,
  CatalogItemInputSchema,
  QueueInputSchema,
  SlaPolicyInputSchema,
} from '../../shared/server-api/admin';
import type { Database, Queryable } from '../db/database';
import { badRequest, HttpError, invalid, notFound } from '../http/errors';
import { findUnstorableText } from '../http/storable-text';
import type { ReferenceDocs } from '../sync/store';
import type { ReferenceCollection } from '../sync/tables';
import { type Issue, requireAdmin } from './guard';
import {
  calendarUsedBy,
  catalogItemUsedBy,
  checkCalendarDoc,
  checkCatalogItem,
  checkPolicy,
  checkQueue,
  policyUsedBy,
  queueUsedBy,
} from './references';
import { type AuditEntity, deleteReference, findReference, listReference, saveReference } from './write';

interface Resource<C extends ReferenceCollection> {
  collection: C;
  /** URL segment. */
  path: string;
  /** For messages: "queue", "SLA policy". */
  noun: string;
  entity: AuditEntity;
  input: z.ZodType<Omit<ReferenceDocs[C], 'updatedAt' | 'id'> & { id?: string | undefined }>;
  check(tx: Queryable, doc: ReferenceDocs[C]): Promise<Issue[]>;
  usedBy(tx: Queryable, id: string): Promise<string[]>;
  /** Added to a refused delete: what to do instead. */
  instead?: string;
}

export function referenceRoutes(app: FastifyInstance, db: Database): void {
  registerResource(app, db, {
    collection: 'queues',
    path: 'queues',
    noun: 'queue',
    entity: 'queue',
    input: QueueInputSchema,
    check: checkQueue,
    usedBy: queueUsedBy,
  });
  registerResource(app, db, {
    collection: 'sla_policies',
    path: 'sla-policies',
    noun: 'SLA policy',
    entity: 'sla_policy',
    input: SlaPolicyInputSchema,
    check: checkPolicy,
    usedBy: policyUsedBy,
  });
  registerResource(app, db, {
    collection: 'calendars',
    path: 'calendars',
    noun: 'calendar',
    entity: 'calendar',
    input: CalendarInputSchema,
    check: checkCalendarDoc,
    usedBy: calendarUsedBy,
  });
  registerResource(app, db, {
    collection: 'catalog',
    path: 'catalog',
    noun: 'catalog item',
    entity: 'catalog',
    input: CatalogItemInputSchema,
    check: checkCatalogItem,
    usedBy: catalogItemUsedBy,
    instead: '; to stop offering it, set active to false',
  });
}

export function parseBody<T>(schema: z.ZodType<T>, body: unknown, noun: string): T {
  const problem = findUnstorableText(body, 'body');
  if (problem) throw badRequest(problem);
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw invalid(noun, parsed.error);
  return parsed.data;
}

export function refuseIssues(noun: string, issues: readonly Issue[]): void {
  if (issues.length === 0) return;
  const text = issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  throw badRequest(`Invalid ${noun}: ${text}`, { issues });
}

export const idParam = (params: unknown): string => {
  const id = (params as { id?: string }).id ?? '';
  if (id.length === 0 || id.length > 64) throw notFound('There is no such id');
  return id;
};

function registerResource<C extends ReferenceCollection>(app: FastifyInstance, db: Database, r: Resource<C>): void {
  const base = `/api/admin/${r.path}`;
  const plural = r.noun.endsWith('y') ? `${r.noun.slice(0, -1)}ies` : `${r.noun}s`;
  const by = (request: { deviceId: string }, actorId: string) => ({ actorId, deviceId: request.deviceId });

  app.get(base, async (request) => {
    requireAdmin(request, plural);
    return { items: await listReference(db, r.collection) };
  });

  app.get(`${base}/:id`, async (request) => {
    requireAdmin(request, plural);
    const id = idParam(request.params);
    const doc = await findReference(db, r.collection, id);
    if (!doc) throw notFound(`There is no ${r.noun} ${id}`);
    return doc;
  });

  const save = async (actorId: string, deviceId: string, id: string, creating: boolean, body: unknown) => {
    const input = parseBody(r.input, body, r.noun);
    if (input.id !== undefined && input.id !== id) throw badRequest(`id: must be ${id}, the id in the address`);
    return db.transaction(async (tx) => {
      const before = await findReference(tx, r.collection, id, true);
      if (creating && before) throw new HttpError(409, `A ${r.noun} with id ${id} already exists: change it with PUT`);
      if (!creating && !before) throw notFound(`There is no ${r.noun} ${id}: create it with POST`);
      const doc = { ...input, id, updatedAt: new Date().toISOString() } as ReferenceDocs[C];
      refuseIssues(r.noun, await r.check(tx, doc));
      await saveReference(db, tx, r.collection, r.entity, before, doc, { actorId, deviceId });
      return doc;
    });
  };

  app.post(base, async (request, reply) => {
    const admin = requireAdmin(request, plural);
    const requested = (request.body as { id?: unknown } | null)?.id;
    const id = typeof requested === 'string' && requested !== '' ? requested : randomUUID();
    const doc = await save(admin.id, request.deviceId, id, true, request.body);
    request.log.info({ id, collection: r.collection, ...by(request, admin.id) }, 'admin created');
    return reply.code(201).send(doc);
  });

  app.put(`${base}/:id`, async (request) => {
    const admin = requireAdmin(request, plural);
    return save(admin.id, request.deviceId, idParam(request.params), false, request.body);
  });

  app.delete(`${base}/:id`, async (request, reply) => {
    const admin = requireAdmin(request, plural);
    const id = idParam(request.params);
    await db.transaction(async (tx) => {
      const before = await findReference(tx, r.collection, id, true);
      if (!before) throw notFound(`There is no ${r.noun} ${id}`);
      const users = await r.usedBy(tx, id);
      if (users.length > 0) {
        throw new HttpError(409, `The ${r.noun} ${id} is still used by ${users.join(', ')}${r.instead ?? ''}`);
      }
      await deleteReference(db, tx, r.collection, r.entity, before, by(request, admin.id), new Date().toISOString());
    });
    return reply.code(204).send();
  });
}
