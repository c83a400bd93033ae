import type { Observable } from 'rxjs';
import type { Visibility } from '../../../shared/domain/comment';
import type { Status } from '../../../shared/domain/lifecycle';
import type { Priority } from '../../../shared/domain/priority';
import type { Ticket } from '../../../shared/domain/ticket';
import type { User } from '../../../shared/domain/user';
import type { StoreDatabase } from '../store/database';
import type { ConflictRecord, RejectionRecord } from '../store/local-schemas';

/**
 * The client store as the UI uses it. Written against the interface announced for `renderer/src/store/`
 * (createWorkstationStore); when the real module lands, this file narrows to a re-export and the UI keeps working.
 */
export type ConnectionState = 'online' | 'offline' | 'connecting' | 'unauthorized';

export interface SyncState {
  state: ConnectionState;
  lastSyncedAt: string | null;
  pendingCount: number;
}

export type { ConflictRecord, OutboxEntry, RejectionRecord } from '../store/local-schemas';
export type WorkstationDb = StoreDatabase;

export type TicketPatch = Partial<
  Pick<
    Ticket,
    | 'title'
    | 'description'
    | 'status'
    | 'priority'
    | 'impact'
    | 'urgency'
    | 'queueId'
    | 'assigneeId'
    | 'tags'
    | 'category'
  >
>;

export type NewTicket = Pick<
  Ticket,
  'type' | 'title' | 'description' | 'requesterId' | 'impact' | 'urgency' | 'queueId'
> &
  Partial<Pick<Ticket, 'assigneeId' | 'catalogItemId' | 'category' | 'tags' | 'formData' | 'status'>>;

export interface StoreActions {
  createTicket(input: NewTicket): Promise<Ticket>;
  updateTicket(id: string, patch: TicketPatch): Promise<void>;
  assign(id: string, assigneeId: string): Promise<void>;
  setStatus(id: string, status: Status): Promise<void>;
  setPriority(id: string, priority: Priority): Promise<void>;
  moveQueue(id: string, queueId: string): Promise<void>;
  addComment(ticketId: string, body: string, visibility: Visibility): Promise<void>;
  bulkAssign(ids: readonly string[], assigneeId: string): Promise<void>;
  bulkSetPriority(ids: readonly string[], priority: Priority): Promise<void>;
  bulkMoveQueue(ids: readonly string[], queueId: string): Promise<void>;
}

export interface WorkstationStore {
  db: WorkstationDb;
  sync: {
    state$: Observable<SyncState>;
    start(): void;
    stop(): void;
    setOnline(online: boolean): void;
    resync(): void;
  };
  actions: StoreActions;
  conflicts: {
    list$: Observable<ConflictRecord[]>;
    reapply(id: string): Promise<void>;
    dismiss(id: string): Promise<void>;
  };
  rejections: {
    list$: Observable<RejectionRecord[]>;
    retry(id: string, editedDoc?: Record<string, unknown>): Promise<void>;
    discard(id: string): Promise<void>;
  };
  close(): Promise<void>;
  signOutAndErase(): Promise<void>;
}

export interface Session {
  serverUrl: string;
  token: string;
  user: User;
}
