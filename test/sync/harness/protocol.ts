import type { SyncState } from '../../../renderer/src/store/store';
import type { Comment } from '../../../shared/domain/comment';
import type { Ticket } from '../../../shared/domain/ticket';

export interface ClientRequest {
  id: number;
  method: string;
  args: unknown[];
}

export type ClientReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

/** What a user of one workstation could see: its replica and its sync indicator. */
export interface ClientSnapshot extends SyncState {
  tickets: Ticket[];
  comments: Comment[];
}
