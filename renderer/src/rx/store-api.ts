import type { User } from '../../../shared/domain/user';

export type { StoreActions, TicketPatch } from '../store/actions';
export type { OutboxEntry } from '../store/local-schemas';
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

export interface Session {
  serverUrl: string;
  token: string;
  user: User;
}
