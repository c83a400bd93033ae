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
