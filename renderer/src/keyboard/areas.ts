import type { FocusArea } from '../ui-state';

/**
 * The keyboard areas: the element that roots each carries `data-key-area` (keyAreaProps). A key acts in the area
 * the focused element is in; keys pressed while nothing has focus (an element just removed) act in the area that
 * had focus last.
 */
export const keyAreaProps = (area: FocusArea) => ({ 'data-key-area': area });

export function areaOf(target: EventTarget | null): FocusArea | null {
  if (!(target instanceof Element)) return null;
  return (target.closest('[data-key-area]')?.getAttribute('data-key-area') as FocusArea | undefined) ?? null;
}

/** Nothing on the page has focus: keys go to the area that had it last. */
export const focusIsLost = (target: EventTarget | null): boolean =>
  target === null || target === document.body || target === document.documentElement || target === document;
