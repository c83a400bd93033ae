import { createLocalStore } from './local-store';
import type { Session, WorkstationStore } from './store-api';

/**
 * Opens the store for a session. Uses the local stand-in (seeded demo desk) until the replicated store in
 * `renderer/src/store/` exposes createWorkstationStore.
 */
export async function openStore(session: Session, deviceId: string): Promise<WorkstationStore> {
  return createLocalStore({ user: session.user, deviceId, ticketCount: 500 });
}
