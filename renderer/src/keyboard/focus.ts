import { type FocusArea, useUi } from '../ui-state';
import { holdKeys } from './key-hold';

/**
 * Where keyboard focus goes: areas register their focus target, and focus moves only through here, so it is never
 * lost to <body>. A move to a target not on screen yet (the detail pane mounting, the list after a dialog) holds
 * the keys typed meanwhile (key-queue.ts) and completes as soon as the target is there.
 */
export type FocusTarget = FocusArea | 'search' | 'composer';
const targets = new Map<FocusTarget, () => HTMLElement | null>();

export function registerFocusTarget(name: FocusTarget, get: () => HTMLElement | null): () => void {
  targets.set(name, get);
  return () => {
    if (targets.get(name) === get) targets.delete(name);
  };
}

/** Focuses `name` now; false when it is not on screen. */
export function focusArea(name: FocusTarget): boolean {
  const el = targets.get(name)?.();
  if (!el?.isConnected) return false;
  el.focus({ preventScroll: name === 'list' });
  return document.activeElement === el || el.contains(document.activeElement);
}

/** Frames a move waits for its target before it settles for the fallback (a pane that never mounts). */
const MAX_FRAMES = 180;
let pending: { cancel(): void } | null = null;

/**
 * Focus goes to `name`: at once when it is on screen, else as soon as it is, keys typed meanwhile waiting for it.
 * A later move replaces one still waiting. If `name` never shows up, the first of `fallbacks` on screen gets it.
 */
export function moveFocus(name: FocusTarget, ...fallbacks: FocusTarget[]): void {
  pending?.cancel();
  pending = null;
  if (focusArea(name)) return;
  const hold = holdKeys(null);
  let frames = 0;
  let frame = 0;
  const move = {
    cancel() {
      cancelAnimationFrame(frame);
      hold.release();
    },
  };
  const step = () => {
    frames += 1;
    if (!focusArea(name)) {
      if (frames <= MAX_FRAMES) {
        frame = requestAnimationFrame(step);
        return;
      }
      fallbacks.some(focusArea);
    }
    if (pending === move) pending = null;
    hold.release();
  };
  pending = move;
  frame = requestAnimationFrame(step);
}

/**
 * After an overlay closes: focus goes back to the area that had it when the overlay opened (the list, the ticket
 * pane or the workload), unless the overlay handed it somewhere on the page itself. Keys typed meanwhile wait.
 */
export function restoreFocus(preferred?: FocusTarget): void {
  const area = preferred ?? useUi.getState().focusArea;
  const hold = holdKeys(null);
  requestAnimationFrame(() => {
    const active = document.activeElement;
    const placed =
      active && active !== document.body && document.contains(active) && !active.closest('[role="dialog"]');
    if (!placed) moveFocus(area, 'list', 'workload');
    hold.release();
  });
}
