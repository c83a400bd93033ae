import type { Hold, KeyQueue, Landing } from './key-queue';

/** The workspace's key queue (installed by KeyboardProvider), for the code that moves focus or opens fields. */
let installed: KeyQueue | null = null;

export function installKeyQueue(queue: KeyQueue | null): void {
  installed = queue;
}

/** Holds typed keys until focus lands (`until`) or the hold is released; nothing to hold outside a workspace. */
export function holdKeys(until: Landing): Hold {
  return installed?.hold(until) ?? { release() {} };
}

/**
 * Keys typed while `work` runs (sending a reply, saving a field, creating a ticket) wait for it to finish, so they
 * act on what the screen shows afterwards (the pane, once the composer has closed) instead of going into a field
 * that is about to close.
 */
export async function holdKeysDuring<T>(work: () => Promise<T>): Promise<T> {
  const hold = holdKeys(null);
  try {
    return await work();
  } finally {
    hold.release();
  }
}
