import type { RxCollection } from 'rxdb';
import type { Ticket } from '../../../shared/domain/ticket';
import type { LocalTicket } from '../../../shared/rxdb/schemas';
import { plain } from '../rx/hooks';
import { mostUrgentOpen } from '../rx/store-api';

/**
 * The tags the tag filter offers. Tags have no index (an array field), so they are learnt from a bounded sample: the
 * SAMPLE most urgent open tickets, read once when the picker opens (one index range, never a scan of the replica).
 * Any other tag can still be typed. Most used first, then by name.
 */
export const TAG_SAMPLE = 1500;

export function tagsByUse(tickets: readonly Pick<Ticket, 'tags'>[]): string[] {
  const uses = new Map<string, number>();
  for (const t of tickets) for (const tag of t.tags) uses.set(tag, (uses.get(tag) ?? 0) + 1);
  return [...uses].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([tag]) => tag);
}

export async function sampleTags(tickets: RxCollection<LocalTicket>): Promise<string[]> {
  const docs = await tickets.find(mostUrgentOpen(TAG_SAMPLE)).exec();
  return tagsByUse(docs.map((d) => plain<Ticket>(d)));
}
