import { useUi } from '../ui-state';

/**
 * Where keyboard focus goes back to after an action or an overlay closes. Areas register their focus target; nothing
 * else moves focus by hand, so focus is never lost to <body>.
 */
type Target = 'list' | 'detail' | 'search' | 'composer';
const targets = new Map<Target, () => HTMLElement | null>();

export function registerFocusTarget(name: Target, get: () => HTMLElement | null): () => void {
  targets.set(name, get);
  return () => {
    if (targets.get(name) === get) targets.delete(name);
  };
}

export function focusArea(name: Target): boolean {
  const el = targets.get(name)?.();
  if (!el) return false;
  el.focus({ preventScroll: name === 'list' });
  return true;
}

/**
 * After an overlay closes: focus goes back to the area that had it when the overlay opened (the overlay itself never
 * changes the focus area), unless something on the page already holds focus.
 */
export function restoreFocus(preferred?: Target) {
  const area = preferred ?? (useUi.getState().focusArea === 'detail' ? 'detail' : 'list');
  requestAnimationFrame(() => {
    const active = document.activeElement;
    if (active && active !== document.body && document.contains(active) && !active.closest('[role="dialog"]')) return;
    if (!focusArea(area)) focusArea('list');
  });
}
