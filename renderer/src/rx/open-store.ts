import { browserNetwork } from '../platform/network';
import { createWorkstationStore } from '../store/store';
import type { Session, WorkstationStore } from './store-api';

/** Opens the replicated store for a session; it starts syncing at once and works offline from the replica. */
export function openStore(session: Session, deviceId: string): Promise<WorkstationStore> {
  return createWorkstationStore({
    serverUrl: session.serverUrl,
    session: { token: session.token, user: session.user },
    deviceId,
    network: browserNetwork(),
  });
}
