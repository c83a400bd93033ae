import type { Database } from '../../../server/db/database';
import { CHANGES_CHANNEL } from '../../../server/sync/changes';

/**
 * A database whose change notes a test can lose on their way to the server's live streams, as they are lost while
 * the server's LISTEN connection is down, and whose LISTEN side can be made to report the gap as the database does
 * when that connection comes back (used by gap-server.ts and the store tests' desk).
 */
export interface LossyDatabase {
  db: Database;
  /** Runs `write`; the change notes it causes are dropped (resolves once one was: on PostgreSQL after the commit). */
  loseNotes(write: () => Promise<void>): Promise<void>;
  /** Calls the gap handlers of the change-note listeners, as the database does after a lost LISTEN connection. */
  reportGap(): void;
}

export function lossyDatabase(db: Database): LossyDatabase {
  const gapHandlers: (() => void)[] = [];
  let muted = false;
  let lost = 0;
  return {
    db: {
      ...db,
      listen(channel, onPayload, onGap) {
        if (channel !== CHANGES_CHANNEL) return db.listen(channel, onPayload, onGap);
        if (onGap) gapHandlers.push(onGap);
        return db.listen(channel, (payload) => (muted ? lost++ : onPayload(payload)), onGap);
      },
    },
    async loseNotes(write) {
      const before = lost;
      muted = true;
      try {
        await write();
        while (lost === before) await new Promise((resolve) => setTimeout(resolve, 10));
      } finally {
        muted = false;
      }
    },
    reportGap() {
      for (const report of gapHandlers) report();
    },
  };
}
