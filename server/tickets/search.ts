/**
 * Full-text search over every ticket the server holds (GET /api/tickets/search), for what a workstation's replica
 * does not hold: closed and old tickets. The index is `ticket_search` (migration 010): per ticket, the words of its
 * title (weight A), description (B) and comments (C), kept by triggers on every write path.
 *
 * Guarantees:
 * - Only tickets the caller may see: the same scope predicate as pull (server/scope.ts), and only for those who may
 *   pull at all (staff). Internal notes are searched, since every caller may read them. Asked `beyond` the working
 *   set, only the tickets pull does not serve (sync/working-set.ts `memberSql`): those a replica does not hold.
 * - The query is made of the lexemes the same parser finds in the typed text, each one a prefix ('print':* finds
 *   "printing"), all of them required, so words the index holds are the words the query asks for; no text typed can
 *   make the query's syntax fail. A query that is a ticket number also finds that ticket, ranked above every text
 *   match.
 * - Order: score (the number match, then ts_rank scaled to a whole number), then the most recently changed, then id;
 *   pages are cut on that key (a ticket changed between pages may move across the cut).
 */
import type { FastifyInstance } from 'fastify';
import type { Ticket } from '../../shared/domain/ticket';
import { SearchQuerySchema, type SearchResponse, ticketNumberOf } from '../../shared/server-api/search';
import { requireAuth } from '../auth/context';
import type { Database } from '../db/database';
import { badRequest, forbidden, invalid } from '../http/errors';
import { type Actor, canPull, ticketScope, ticketScopeSql } from '../scope';
import { memberSql } from '../sync/working-set';

/** A number match outranks any text match (ts_rank × 10⁶ stays far below it). */
const NUMBER_SCORE = 1_000_000_000_000n;

interface Cursor {
  score: string;
  updatedAt: string;
  id: string;
}

const CURSOR = /^(\d{1,19})_([0-9T:.+\-Z]{1,40})_(.{1,64})$/s;

const cursorOf = (row: Cursor): string => `${row.score}_${row.updatedAt}_${row.id}`;

function parseCursor(text: string): Cursor {
  const match = CURSOR.exec(text);
  if (!match?.[1] || !match[2] || !match[3] || BigInt(match[1]) > 2n ** 63n - 1n) {
    throw badRequest('Invalid search query: after: is not a cursor this server gave (pass the `next` of a page)', {
      issues: [{ path: ['after'], message: 'is not a cursor this server gave' }],
    });
  }
  return { score: match[1], updatedAt: match[2], id: match[3] };
}

export async function searchTickets(
  db: Database,
  actor: Actor,
  query: { q: string; limit: number; after?: Cursor; beyondWorkingSet?: boolean },
): Promise<SearchResponse> {
  const scope = ticketScopeSql(
    ticketScope(actor),
    { queue: 't.queue_id', assignee: 't.assignee_id', requester: 't.requester_id' },
    7,
  );
  const words = '(s.ticket_words || s.comment_words)';
  // Fixed SQL, no input: outside the working set, or no condition.
  const beyond = query.beyondWorkingSet ? ` AND NOT ${memberSql('t')}` : '';
  // Each lexeme quoted as a tsquery literal (backslash and quote escaped) with a prefix mark; the cast takes the
  // lexemes as they are, without parsing them again. No lexeme (only punctuation): NULL, which matches nothing.
  const tsquery = `(SELECT string_agg('''' || replace(replace(w, '\\', '\\\\'), '''', '''''') || ''':*', ' & ')
                      FROM unnest(tsvector_to_array(to_tsvector('simple'::regconfig, $1))) AS w)::tsquery`;
  const result = await db.query<Cursor & { doc: Ticket }>(
    `WITH query AS (SELECT ${tsquery} AS q),
          matched AS (
            SELECT t.id, round(ts_rank(${words}, query.q) * 1000000)::bigint AS score
              FROM query, ticket_search s JOIN tickets t ON t.id = s.ticket_id
             WHERE ${words} @@ query.q AND NOT t.deleted AND (${scope.sql})${beyond}
            UNION ALL
            SELECT t.id, ${NUMBER_SCORE}::bigint FROM tickets t
             WHERE t.number = $2 AND NOT t.deleted AND (${scope.sql})${beyond}),
          scored AS (SELECT id, sum(score) AS score FROM matched GROUP BY id),
          ranked AS (SELECT m.score, (t.doc ->> 'updatedAt') COLLATE "C" AS updated_at, t.id COLLATE "C" AS id, t.doc
                       FROM scored m JOIN tickets t ON t.id = m.id)
     SELECT r.score::text AS score, r.updated_at AS "updatedAt", r.id, r.doc
       FROM ranked r
      WHERE $4::bigint IS NULL OR (r.score, r.updated_at, r.id) < ($4::bigint, $5::text COLLATE "C", $6::text COLLATE "C")
      ORDER BY r.score DESC, r.updated_at DESC, r.id DESC
      LIMIT $3`,
    [
      query.q,
      ticketNumberOf(query.q),
      query.limit + 1,
      query.after?.score ?? null,
      query.after?.updatedAt ?? null,
      query.after?.id ?? null,
      ...scope.params,
    ],
  );
  const rows = result.rows.slice(0, query.limit);
  const last = rows.at(-1);
  return {
    tickets: rows.map((row) => row.doc),
    next: result.rows.length > query.limit && last ? cursorOf(last) : null,
  };
}

/** GET /api/tickets/search (shared/server-api/search.ts). */
export function searchRoutes(app: FastifyInstance, db: Database): void {
  app.get('/api/tickets/search', async (request): Promise<SearchResponse> => {
    const { user } = requireAuth(request);
    if (!canPull(user.role)) {
      throw forbidden('Requesters search their own requests in the portal (/portal/), not the desk’s tickets');
    }
    const parsed = SearchQuerySchema.safeParse(request.query);
    if (!parsed.success) {
      throw invalid(
        'search query (q: 1–200 characters, limit: 1–200, after: the `next` of a page, beyond: working-set)',
        parsed.error,
      );
    }
    const { q, limit, after, beyond } = parsed.data;
    return searchTickets(db, user, {
      q,
      limit,
      beyondWorkingSet: beyond === 'working-set',
      ...(after === undefined ? {} : { after: parseCursor(after) }),
    });
  });
}
