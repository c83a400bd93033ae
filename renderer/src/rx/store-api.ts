import type { User } from '../../../shared/domain/user';

export type { StoreActions, TicketPatch } from '../store/actions';
export type { OutboxEntry } from '../store/local-schemas';
export { serverLogout } from '../store/server-logout';
export type { ServerReadFailure } from '../store/server-reads';
export type { ServerTicketCopy, ServerTickets } from '../store/server-tickets';
export type { BreachAtOnce } from '../store/sla-impact';
/**
 * The client store as the UI uses it: the replicated store from `renderer/src/store/` (createWorkstationStore).
 * Re-exported here so the UI names one module; documents are read through RxDB queries on `store.db`.
 */
export type {
  ConflictView,
  RejectionView,
  SyncState,
  WorkstationStore,
} from '../store/store';
export type { UndoChange, UndoEntry, UndoOutcome } from '../store/undo';

export interface Session {
  serverUrl: string;
  token: string;
  user: User;
}

/** Named queries (the store's, so views never spell selectors). */
export {
  activeCatalogItems,
  conversationOf,
  everything,
  outboxInOrder,
  queuesByName,
} from '../store/other-queries';
export {
  assignedAndVisible,
  inQueue,
  mostUrgentOpen,
  openLoadOf,
  openOfRequester,
  runningClocksFor,
  ticketNumbered,
  ticketsWithIds,
  titleMatches,
  unassignedOpenIn,
} from '../store/ticket-queries';
