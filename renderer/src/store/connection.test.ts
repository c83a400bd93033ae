import { describe, expect, it } from 'vitest';
import { connectionOf } from './sync-state';

/** "Offline" says why; how a store tells the reasons apart against the server is in test/store/connection.test.ts. */
describe('why the workstation is offline', () => {
  it('a server on this computer that answers without a network is online; a session that ended says so', () => {
    expect(connectionOf(true, false, false, true)).toEqual({ status: 'online', offlineReason: null });
    expect(connectionOf(true, false, false, null)).toEqual({ status: 'offline', offlineReason: 'no-network' });
    expect(connectionOf(true, false, true, null)).toEqual({ status: 'connecting', offlineReason: null });
    expect(connectionOf(false, false, true, null)).toEqual({ status: 'offline', offlineReason: 'paused' });
    expect(connectionOf(true, true, false, false)).toEqual({ status: 'unauthorized', offlineReason: null });
  });
});
