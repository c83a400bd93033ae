import type { MangoQuery } from 'rxdb';
import type { ServiceCatalogItem } from '../../../shared/domain/catalog';
import type { Comment } from '../../../shared/domain/comment';
import type { Queue } from '../../../shared/domain/queue';
import type { OutboxEntry } from './local-schemas';

/**
 * Named queries of the collections beside tickets (ticket-queries.ts), so components never spell selectors: each
 * says what it reads, and the sort each one names is an index of its collection's schema.
 */

/** Every document of a small reference collection (users, policies, calendars: a desk has tens to hundreds). */
export const everything = <T>(): MangoQuery<T> => ({ selector: {} });

/** Queues in the order the sidebar and pickers show them. */
export const queuesByName = (): MangoQuery<Queue> => ({ selector: {}, sort: [{ name: 'asc' }] });

/** A ticket's conversation, oldest first (the ticketId + createdAt index). */
export const conversationOf = (ticketId: string): MangoQuery<Comment> => ({
  selector: { ticketId },
  sort: [{ ticketId: 'asc' }, { createdAt: 'asc' }],
});

/** The catalog items a new ticket may come from. */
export const activeCatalogItems = (): MangoQuery<ServiceCatalogItem> => ({ selector: { active: true } });

/** Changes waiting to be sent, in the order they were made, at most `limit`. */
export const outboxInOrder = (limit: number): MangoQuery<OutboxEntry> => ({
  selector: {},
  sort: [{ id: 'asc' }],
  limit,
});
