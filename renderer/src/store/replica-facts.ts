import type { StoreDatabase } from './database';

/**
 * Facts about this device's replica that are not documents: kept as RxDB local documents of the replica's database,
 * so they survive a restart (offline too), and `db.remove()` at sign-out erases them with everything else. They cost
 * no collection of the free edition's 13.
 */

const LAST_SYNCED = 'last-synced';

interface LastSynced {
  at: string;
}

/** When the replica last held everything the server had sent (sync-state.ts `markSynced`); null: never. */
export async function readLastSynced(db: StoreDatabase): Promise<string | null> {
  const doc = await db.getLocal<LastSynced>(LAST_SYNCED);
  return doc?.get('at') ?? null;
}

export async function writeLastSynced(db: StoreDatabase, at: string): Promise<void> {
  await db.upsertLocal<LastSynced>(LAST_SYNCED, { at });
}
