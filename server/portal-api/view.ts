/**
 * What a requester sees of their tickets: status, their own words, the form as filled in, public replies, and staff
 * by display name only — never internal notes, ids of staff, queues, SLA bookkeeping or other requesters' tickets.
 */
import type { ServiceCatalogItem } from '../../shared/domain/catalog';
import type { Comment } from '../../shared/domain/comment';
import { type Ticket, ticketLabel } from '../../shared/domain/ticket';
import { isStaff, type Role, type User } from '../../shared/domain/user';
import type {
  PortalCatalogItem,
  PortalComment,
  PortalTicketDetail,
  PortalTicketSummary,
} from '../../shared/server-api/portal';
import type { Queryable } from '../db/database';

export function catalogView(item: ServiceCatalogItem): PortalCatalogItem {
  const { id, name, description, category, ticketType, fields } = item;
  return { id, name, description, category, ticketType, fields };
}

export function summaryView(ticket: Ticket, catalog: ReadonlyMap<string, ServiceCatalogItem>): PortalTicketSummary {
  return {
    id: ticket.id,
    label: ticketLabel(ticket),
    title: ticket.title,
    status: ticket.status,
    catalogItemName: catalog.get(ticket.catalogItemId)?.name ?? null,
    createdAt: ticket.createdAt,
    updatedAt: ticket.updatedAt,
  };
}

interface Person {
  name: string;
  role: Role;
}

async function people(db: Queryable, ids: readonly string[]): Promise<Map<string, Person>> {
  const wanted = [...new Set(ids.filter(Boolean))];
  if (wanted.length === 0) return new Map();
  const rows = await db.query<{ id: string; name: string; role: Role }>(
    "SELECT id, doc->>'name' AS name, role FROM users WHERE id = ANY($1::text[])",
    [wanted],
  );
  return new Map(rows.rows.map((row) => [row.id, { name: row.name, role: row.role }]));
}

export async function detailView(
  db: Queryable,
  me: User,
  ticket: Ticket,
  catalog: ReadonlyMap<string, ServiceCatalogItem>,
): Promise<PortalTicketDetail> {
  const comments = await db.query<{ doc: Comment }>(
    `SELECT doc FROM comments WHERE ticket_id = $1 AND visibility = 'public' AND NOT deleted
      ORDER BY doc->>'createdAt', id`,
    [ticket.id],
  );
  const names = await people(db, [ticket.assigneeId, ...comments.rows.map((row) => row.doc.authorId)]);
  const item = catalog.get(ticket.catalogItemId);
  const labelled = new Map((item?.fields ?? []).map((field, index) => [field.key, { label: field.label, index }]));
  const form = Object.entries(ticket.formData)
    .map(([key, value]) => ({ label: labelled.get(key)?.label ?? key, value, order: labelled.get(key)?.index ?? 999 }))
    .sort((a, b) => a.order - b.order)
    .map(({ label, value }) => ({ label, value }));
  return {
    ...summaryView(ticket, catalog),
    description: ticket.description,
    form,
    assigneeName: ticket.assigneeId === '' ? null : (names.get(ticket.assigneeId)?.name ?? null),
    comments: comments.rows.map((row): PortalComment => {
      const author = names.get(row.doc.authorId);
      const you = row.doc.authorId === me.id;
      return {
        id: row.doc.id,
        body: row.doc.body,
        createdAt: row.doc.createdAt,
        author: {
          name: you ? me.name : (author?.name ?? 'Service desk'),
          you,
          staff: author ? isStaff(author.role) : false,
        },
      };
    }),
    awaitingConfirmation: ticket.status === 'resolved',
  };
}
