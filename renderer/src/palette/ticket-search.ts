import type { RxCollection } from 'rxdb';
import type { Ticket } from '../../../shared/domain/ticket';
import type { LocalTicket } from '../../../shared/rxdb/schemas';
import { plain } from '../rx/hooks';

/**
 * Palette lookups. A number (`1042`, `INC-1042`) is an equality query on the indexed `numberKey` (instant at any
 * size); text matches titles in SLA order, bounded to a few results so it never scans the whole replica for long.
 */
export const parseTicketNumber = (query: string): number | null => {
  const match = /^\s*(?:[a-z]{3}-)?#?(\d{1,12})\s*$/i.exec(query);
  return match?.[1] ? Number(match[1]) : null;
};

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export async function searchTickets(tickets: RxCollection<LocalTicket>, query: string, limit = 8): Promise<Ticket[]> {
  const text = query.trim();
  if (text.length === 0) return [];
  const number = parseTicketNumber(text);
  if (number !== null) {
    const docs = await tickets.find({ selector: { numberKey: number } as never, limit: 1 }).exec();
    if (docs.length > 0) return docs.map((d) => plain<Ticket>(d));
  }
  if (text.length < 2) return [];
  const docs = await tickets
    .find({
      selector: { title: { $regex: escapeRegex(text), $options: 'i' } },
      sort: [{ slaDueAt: 'asc' }, { id: 'asc' }],
      limit,
    })
    .exec();
  return docs.map((d) => plain<Ticket>(d));
}
