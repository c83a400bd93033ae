import { createKeyMatcher, type KeyAction, type KeyBinding, type KeyPress } from '../../../shared/keymap';

/**
 * The one global key handler. Areas (list, detail, app shell) register handlers for action ids; a key press is
 * matched against the shared keymap and sent to the focused area's handler, or to the global one for
 * global-scope bindings. Presses typed into fields or inside open pickers and dialogs are ignored.
 */
export type Area = 'global' | 'list' | 'detail' | 'sidebar' | 'workload';
export type Handlers = Partial<Record<KeyAction, () => void>>;

export interface Dispatcher {
  register(area: Area, handlers: Handlers): () => void;
  handle(event: KeyPress & { target: EventTarget | null; preventDefault(): void }, focused: Area, now: number): boolean;
  /** Runs an action as if its key had been pressed (the palette does this). */
  run(action: KeyAction, focused: Area): boolean;
}

export const isMacPlatform = (): boolean => /Mac|iPhone|iPad/.test(globalThis.navigator?.platform ?? '');

/** Fields and open pickers own their keys. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  if (el.closest('input, textarea, select, [contenteditable="true"]')) return true;
  return el.closest('[data-owns-keys]') !== null;
}

export function createDispatcher(isMac = isMacPlatform()): Dispatcher {
  const matcher = createKeyMatcher({ isMac });
  const areas = new Map<Area, Handlers[]>();

  const find = (binding: KeyBinding, focused: Area): (() => void) | undefined => {
    const action = binding.action as KeyAction;
    const top = (area: Area) => areas.get(area)?.at(-1)?.[action];
    if (binding.scope === 'list' || binding.scope === 'detail') return top(focused);
    if (binding.scope === 'composer') return undefined;
    return top(focused) ?? top('global');
  };

  return {
    register(area, handlers) {
      const list = areas.get(area) ?? [];
      list.push(handlers);
      areas.set(area, list);
      return () => {
        const current = areas.get(area) ?? [];
        areas.set(
          area,
          current.filter((h) => h !== handlers),
        );
      };
    },
    handle(event, focused, now) {
      // Fields keep their keys; only Mod chords meant for fields (the palette) reach through them.
      const typing = isTypingTarget(event.target);
      if (typing && !(event.ctrlKey || event.metaKey)) return false;
      const hit = matcher.press(event, now);
      if (hit === 'pending') {
        event.preventDefault();
        return true;
      }
      if (!hit || (typing && !hit.inFields)) return false;
      const handler = find(hit, focused);
      if (!handler) return false;
      event.preventDefault();
      handler();
      return true;
    },
    run(action, focused) {
      const binding = { action, scope: 'global' } as KeyBinding;
      const handler = find(binding, focused);
      handler?.();
      return handler !== undefined;
    },
  };
}
