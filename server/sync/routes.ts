import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { IdSchema } from '../../shared/domain/common';
import {
  PULL_MAX_LIMIT,
  PUSH_MAX_ROWS,
  PUSHABLE_COLLECTIONS,
  PullQuerySchema,
  type PushResponse,
  SYNC_COLLECTIONS,
  type SyncCollection,
  SyncCollectionSchema,
} from '../../shared/sync/protocol';
import { requireAuth } from '../auth/context';
import type { Database } from '../db/database';
import { badRequest, forbidden, invalid, notFound } from '../http/errors';
import { clientAddress, routeLimit } from '../http/rate-limits';
import { findUnstorableText } from '../http/storable-text';
import { canPull } from '../scope';
import { DeviceContacts } from './offline-span';
import { pullPage } from './pull';
import { pushComments } from './push-comments';
import { pushPresets } from './push-presets';
import type { PushContext, PushRowInput, RowOutcome } from './push-row';
import { pushTickets } from './push-tickets';
import { ReferenceCache } from './reference';
import type { LiveStream, StreamHub } from './stream';
import { writeBounded } from './stream-writer';

/** 500 rows of the largest tickets (20 000-character descriptions) fit comfortably. */
export const PUSH_BODY_LIMIT = 16 * 1024 * 1024;

const PullQuery = PullQuerySchema.extend({
  checkpoint: PullQuerySchema.shape.checkpoint.refine((value) => value === undefined || Number.isSafeInteger(value), {
    message: 'is too large',
  }),
});

const PushBody = z
  .array(
    z.object({
      assumedMasterState: z.record(z.string(), z.unknown()).nullable(),
      newDocumentState: z.looseObject({ id: IdSchema }),
    }),
    { message: 'must be a list of {assumedMasterState, newDocumentState} rows' },
  )
  .max(PUSH_MAX_ROWS, `must hold at most ${PUSH_MAX_ROWS} rows`);

type Pusher = (ctx: PushContext, rows: readonly PushRowInput[]) => Promise<RowOutcome[]>;
/** The push path of each collection workstations write (PUSHABLE_COLLECTIONS). */
const PUSHERS: Partial<Record<SyncCollection, Pusher>> = {
  tickets: pushTickets,
  comments: pushComments,
  presets: pushPresets,
};

function collectionOf(request: FastifyRequest): SyncCollection {
  const raw = (request.params as { collection?: unknown }).collection;
  const parsed = SyncCollectionSchema.safeParse(raw);
  if (!parsed.success) {
    throw notFound(`Unknown collection "${String(raw)}": expected one of ${SYNC_COLLECTIONS.join(', ')}`);
  }
  return parsed.data;
}

/** Sync is the workstation's: requesters are sent to the portal, which shows them their requests as they may see them. */
function requireSyncUser(request: FastifyRequest) {
  const auth = requireAuth(request);
  if (auth.user.role === 'requester') {
    throw forbidden(
      'Requesters do not sync: raise and follow your requests in the portal (/portal/; POST /api/requests to raise one)',
    );
  }
  return auth;
}

export interface SyncOptions {
  /** Pushes a minute per session, from any server process. */
  pushesPerMinute: number;
}

/** The live stream's headers (also the answer to HEAD). */
const STREAM_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
};

export function syncRoutes(app: FastifyInstance, db: Database, hub: StreamHub, options: SyncOptions): void {
  const references = new ReferenceCache();
  const contacts = new DeviceContacts();
  const pushLimit = routeLimit(
    'Too many pushes from this session',
    options.pushesPerMinute,
    (request) => `push:${request.auth?.tokenHash ?? clientAddress(request)}`,
  );
  app.get('/api/sync/:collection/pull', async (request, reply) => {
    const { user } = requireSyncUser(request);
    const collection = collectionOf(request);
    if (!canPull(user.role)) {
      throw forbidden(`A ${user.role} cannot read ${collection}`);
    }
    const query = PullQuery.safeParse(request.query);
    if (!query.success)
      throw invalid(`pull query (checkpoint: a sequence number, limit: 1–${PULL_MAX_LIMIT})`, query.error);
    await contacts.touch(db, user.id, request.deviceId, new Date());
    const { checkpoint, from, limit, count } = query.data;
    if (from !== undefined && checkpoint === undefined) throw badRequest('from goes with the checkpoint it came with');
    if (count !== undefined && checkpoint !== undefined)
      throw badRequest('count is for a first download, without a checkpoint');
    const body = await pullPage(db, user, collection, checkpoint, limit, from, count !== undefined);
    return reply.type('application/json; charset=utf-8').send(body);
  });

  // Counted after the auth hook (app-wide hooks run first) and before the body is read.
  const pushConfig = { bodyLimit: PUSH_BODY_LIMIT, config: { rateLimit: pushLimit } };
  app.post('/api/sync/:collection/push', pushConfig, async (request): Promise<PushResponse> => {
    const { user } = requireSyncUser(request);
    const collection = collectionOf(request);
    const pushRows = PUSHERS[collection];
    if (!pushRows || !PUSHABLE_COLLECTIONS.includes(collection)) {
      throw forbidden(`${collection} cannot be pushed: only ${PUSHABLE_COLLECTIONS.join(', ')} replicate upwards`);
    }
    const parsed = PushBody.safeParse(request.body);
    if (!parsed.success) throw invalid('push body', parsed.error);
    const ctx: PushContext = {
      db,
      actor: user,
      deviceId: request.deviceId,
      now: () => new Date(),
      earliestCreatedAt: await contacts.touch(db, user.id, request.deviceId, new Date()),
      references,
      log: request.log,
    };
    const rows = parsed.data as PushRowInput[];
    // Text PostgreSQL cannot store is refused per row, before the batch.
    const unstorable = rows.map((row) => findUnstorableText(row.newDocumentState, 'newDocumentState'));
    const storable = rows.filter((_, index) => unstorable[index] === null);
    const decided = await pushRows(ctx, storable);
    const response: PushResponse = { conflicts: [], rejected: [] };
    rows.forEach((row, index) => {
      const problem = unstorable[index];
      const outcome: RowOutcome | undefined = !problem
        ? decided.shift()
        : {
            kind: 'rejected',
            rejection: { id: row.newDocumentState.id, code: 'validation', message: problem, master: null },
          };
      if (outcome?.kind === 'conflict') response.conflicts.push(outcome.master);
      if (outcome?.kind === 'rejected') {
        const { id, code, message } = outcome.rejection;
        request.log.info({ collection, id, code, reason: message }, 'push row refused');
        response.rejected.push(outcome.rejection);
      }
    });
    return response;
  });

  app.get('/api/sync/stream', async (request, reply) => {
    const auth = requireSyncUser(request);
    // HEAD (Fastify routes it here too) answers with the stream's headers, checking the token, and opens nothing.
    if (request.method === 'HEAD') return reply.headers(STREAM_HEADERS).send();
    reply.hijack();
    const res = reply.raw;
    // Headers set by earlier hooks (CORS, security headers) are on the reply, which hijacking bypasses: copy them.
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) res.setHeader(name, value);
    }
    res.writeHead(200, STREAM_HEADERS);
    const stream: LiveStream = {
      actor: auth.user,
      tokenHash: auth.tokenHash,
      write: (text: string) => writeBounded(res, text),
      end: () => {
        if (!res.writableEnded) res.end();
      },
    };
    res.write('retry: 3000\n: connected\n\n');
    if (!hub.add(stream, auth.endsAt)) return;
    request.log.info({ userId: auth.user.id }, 'stream opened');
    request.raw.on('close', () => {
      hub.remove(stream);
      request.log.info({ userId: auth.user.id }, 'stream closed');
    });
  });
}
