/**
 * Pull: the documents of one collection that changed after a checkpoint, in change-sequence order, as the actor may
 * see them. One keyset query per page (`seq > checkpoint ORDER BY seq LIMIT n`) plus the actor's scope predicate.
 *
 * Guarantees:
 * - No gaps, no duplicates across pages: change numbers are unique, a page reads only up to the watermark below
 *   which every change is committed or abandoned (seq.ts), pages are cut on them, and the next page starts strictly
 *   after the last one served.
 * - Scope changes: a ticket that left the actor's scope since the checkpoint comes as a tombstone (from
 *   ticket_scope_exits: the actor could see its old keys and cannot see its current ones), and so do its comments
 *   (re-sequenced when the ticket moved). A ticket that entered the scope comes with its existing comments, which
 *   were re-sequenced by the same move. A first pull (no checkpoint) skips tombstones: the client has nothing to drop.
 *   Nor do the later pages of a first download carry tombstones the client cannot need: their checkpoint says where
 *   the download began (`from`), and a document deleted or out of scope at or before that was never sent to it.
 * - Working set (working-set.ts): only tickets in it are served, with their comments; one that leaves it comes as a
 *   tombstone through the same scope exits, for every scope (supervisors' and admins' included).
 * - When a page is not full, the checkpoint advances to the watermark of the whole server, so users who see few
 *   documents do not rescan others' changes on every pull.
 */
import { isStaff } from '../../shared/domain/user';
import type { SyncCollection } from '../../shared/sync/protocol';
import type { Database } from '../db/database';
import { badRequest } from '../http/errors';
import { type Actor, type TicketScope, ticketScope, ticketScopeSql } from '../scope';
import { changeWatermark, nextCursor } from './seq';
import { TABLES } from './tables';
import { memberSql } from './working-set';

interface PageQuery {
  sql: string;
  params: unknown[];
}

/**
 * Stands in a page's SQL for the parameter holding the sequence at or below which tombstones are left out. They are
 * left out before the page's LIMIT, not after: a page shorter than asked for tells RxDB the download is complete.
 */
const SKIP = '{no_tombstones_up_to}';
/** Stands for the parameter holding the watermark (seq.ts): no row numbered above it is read. */
const SAFE = '{safe}';

/** Returns the response body, already serialised: documents are spliced in as the database rendered them. */
export async function pullPage(
  db: Database,
  actor: Actor,
  collection: SyncCollection,
  checkpoint: number | undefined,
  limit: number,
  /** The checkpoint's `from`: the download began when this was the newest change. */
  from?: number,
  /** A first download (no checkpoint): also count the documents the whole download serves. */
  withTotal = false,
): Promise<string> {
  const after = checkpoint ?? 0;
  // Its own statement, before the page's: the page's snapshot must be taken after the in-flight writes were seen.
  const { latest, safe } = await changeWatermark(db);
  if (after > latest || (from ?? 0) > latest) {
    throw badRequest(
      `checkpoint ${Math.max(after, from ?? 0)} is ahead of this server (its latest change is ${latest}); the server's data was reset: pull again without a checkpoint`,
    );
  }
  const page = pageQuery(actor, collection, after, limit, checkpoint !== undefined && checkpoint > 0);
  // Tombstones at or below this number are for documents the client cannot hold (all of them on a first page).
  const noTombstonesUpTo = checkpoint === undefined ? Number.MAX_SAFE_INTEGER : (from ?? 0);
  const skipParam = `$${page.params.length + 1}::bigint`;
  const safeParam = `$${page.params.length + 2}::bigint`;
  const sql = page.sql.replaceAll(SKIP, skipParam).replaceAll(SAFE, safeParam);
  const params = [...page.params, noTombstonesUpTo, safe];
  // Both read up to the same watermark: a document changed between them is counted once and served once (later).
  const total = withTotal && checkpoint === undefined ? await countAll(db, sql, params) : null;
  const result = await db.query<PageSummary>(renderedPage(sql), params);
  const summary = result.rows[0];
  const count = summary?.n ?? 0;
  const last = summary?.last ?? null;
  const more = count === limit && last !== null;
  const next = nextCursor(after, { full: more, last }, safe);
  // While pages remain, the checkpoint keeps where the download began: the watermark, not the newest number, since
  // a change below the newest may still be in flight and delete a document already sent. Once caught up, `from` is
  // below every change still to come and says nothing more.
  const began = checkpoint === undefined ? safe : from;
  const nextCheckpoint =
    checkpoint === undefined && next === 0
      ? 'null'
      : JSON.stringify(more && began !== undefined ? { seq: next, from: began } : { seq: next });
  const counted = total === null ? '' : `,"total":${total}`;
  return `{"documents":[${summary?.body ?? ''}],"checkpoint":${nextCheckpoint}${counted}}`;
}

/**
 * Every row the page's query would serve with no LIMIT: the page's own SQL, its limit parameter ($2) set out of
 * reach. PostgreSQL leaves the subquery's unused columns (the documents' text) uncomputed, so this reads the index
 * and the scope's columns only.
 */
async function countAll(db: Database, pageSql: string, params: unknown[]): Promise<number> {
  const unlimited = [...params];
  unlimited[1] = Number.MAX_SAFE_INTEGER;
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::integer AS n FROM (${pageSql}) p`, unlimited);
  return rows[0]?.n ?? 0;
}

/** What the page statement returns: one row, the page already rendered as a JSON array's contents. */
interface PageSummary {
  n: number;
  last: number | null;
  body: string;
}

/**
 * Wraps a page query (rows `seq, id, doc` with doc the stored document as text, or null for a tombstone) so that
 * PostgreSQL returns the whole page as one text: each document with `_deleted` spliced in before its closing brace
 * (stored documents are always JSON objects, and jsonb's text form ends with that brace), joined by commas. Node then
 * neither parses nor re-serialises documents nor concatenates a thousand strings per page, which made pull several
 * times faster (profile: string building, GC and socket writes dominated the server's CPU).
 */
function renderedPage(pageSql: string): string {
  return `SELECT count(*)::integer AS n, max(p.seq) AS last,
                 coalesce(string_agg(CASE WHEN p.doc IS NULL
                                          THEN json_build_object('id', p.id, '_deleted', true)::text
                                          ELSE left(p.doc, -1) || ', "_deleted": false}' END,
                                     ',' ORDER BY p.seq), '') AS body
            FROM (${pageSql}) p`;
}

function pageQuery(
  actor: Actor,
  collection: SyncCollection,
  after: number,
  limit: number,
  tombstones: boolean,
): PageQuery {
  switch (collection) {
    case 'tickets':
      return ticketsPage(ticketScope(actor), after, limit, tombstones);
    case 'comments':
      return commentsPage(actor, after, limit, tombstones);
    case 'users':
      return isStaff(actor.role)
        ? referencePage('users', after, limit)
        : referencePage('users', after, limit, actor.id);
    case 'presets':
      return presetsPage(actor, after, limit);
    default:
      return referencePage(collection, after, limit);
  }
}

/** Presets (saved views): the actor's own only, deleted ones as tombstones. */
function presetsPage(actor: Actor, after: number, limit: number): PageQuery {
  return {
    sql: `SELECT seq, id, CASE WHEN deleted THEN NULL ELSE doc::text END AS doc
            FROM presets WHERE owner_id = $3 AND seq > $1 AND seq <= ${SAFE} AND (NOT deleted OR seq > ${SKIP}) ORDER BY seq LIMIT $2`,
    params: [after, limit, actor.id],
  };
}

function referencePage(collection: SyncCollection, after: number, limit: number, onlyId?: string): PageQuery {
  const only = onlyId === undefined ? '' : 'AND id = $3';
  return {
    sql: `SELECT seq, id, CASE WHEN deleted THEN NULL ELSE doc::text END AS doc
            FROM ${TABLES[collection]} WHERE seq > $1 AND seq <= ${SAFE} ${only} AND (NOT deleted OR seq > ${SKIP}) ORDER BY seq LIMIT $2`,
    params: onlyId === undefined ? [after, limit] : [after, limit, onlyId],
  };
}

function ticketsPage(scope: TicketScope, after: number, limit: number, tombstones: boolean): PageQuery {
  const now = inWorkingSet(scope);
  const visible = `SELECT t.seq, t.id, CASE WHEN t.deleted THEN NULL ELSE t.doc::text END AS doc
                     FROM tickets t WHERE t.seq > $1 AND t.seq <= ${SAFE} AND (${now.sql}) AND (NOT t.deleted OR t.seq > ${SKIP})`;
  // Tickets leave a user's scope by moving and everyone's by leaving the working set: no scope sees them all.
  if (!tombstones) {
    return { sql: `${visible} ORDER BY t.seq LIMIT $2`, params: [after, limit, ...now.params] };
  }
  // Same scope values, so the old-keys predicate reuses the parameter numbers of the current one.
  const before = ticketScopeSql(
    scope,
    { queue: 'e.old_queue_id', assignee: 'e.old_assignee_id', requester: 'e.old_requester_id' },
    3,
  );
  const left = `SELECT x.seq, x.ticket_id AS id, NULL::text AS doc
                  FROM (SELECT DISTINCT ON (e.ticket_id) e.ticket_id, e.seq
                          FROM ticket_scope_exits e JOIN tickets t ON t.id = e.ticket_id
                         WHERE e.seq > $1 AND e.seq <= ${SAFE} AND e.seq > ${SKIP} AND (${before.sql}) AND NOT (${now.sql})
                         ORDER BY e.ticket_id, e.seq DESC) x`;
  // Each branch is limited on its own: a LIMIT above the UNION ALL alone made PostgreSQL scan and render every
  // visible ticket after the checkpoint (doc::text for all of them) only to sort and keep the first page.
  return {
    sql: `SELECT seq, id, doc FROM ((${visible} ORDER BY t.seq LIMIT $2) UNION ALL (${left} ORDER BY x.seq LIMIT $2)) u
           ORDER BY seq LIMIT $2`,
    params: [after, limit, ...now.params],
  };
}

/** The tickets `t` the scope may see that are in the working set (working-set.ts), as SQL with parameters from $3. */
function inWorkingSet(scope: TicketScope): { sql: string; params: unknown[] } {
  const sees = ticketScopeSql(
    scope,
    { queue: 't.queue_id', assignee: 't.assignee_id', requester: 't.requester_id' },
    3,
  );
  return { sql: `(${sees.sql}) AND ${memberSql('t')}`, params: sees.params };
}

function commentsPage(actor: Actor, after: number, limit: number, tombstones: boolean): PageQuery {
  const scope = ticketScope(actor);
  const now = inWorkingSet(scope);
  const publicOnly = isStaff(actor.role) ? 'TRUE' : `c.visibility = 'public'`;
  const visible = `(${now.sql}) AND ${publicOnly}`;
  const select = `SELECT c.seq, c.id, CASE WHEN NOT c.deleted AND ${visible} THEN c.doc::text END AS doc
                    FROM comments c JOIN tickets t ON t.id = c.ticket_id`;
  if (!tombstones) {
    return {
      sql: `${select} WHERE c.seq > $1 AND c.seq <= ${SAFE} AND ${visible} AND (NOT c.deleted OR c.seq > ${SKIP}) ORDER BY c.seq LIMIT $2`,
      params: [after, limit, ...now.params],
    };
  }
  const before = ticketScopeSql(
    scope,
    { queue: 'e.old_queue_id', assignee: 'e.old_assignee_id', requester: 'e.old_requester_id' },
    3,
  );
  const me = 3 + now.params.length;
  return {
    sql: `${select}
           WHERE c.seq > $1 AND c.seq <= ${SAFE} AND ((NOT c.deleted AND ${visible}) OR c.seq > ${SKIP}) AND (
             (${visible})
             OR c.author_id = $${me}
             OR EXISTS (SELECT 1 FROM ticket_scope_exits e
                         WHERE e.ticket_id = c.ticket_id AND e.seq > $1 AND (${before.sql})))
           ORDER BY c.seq LIMIT $2`,
    params: [after, limit, ...now.params, actor.id],
  };
}
