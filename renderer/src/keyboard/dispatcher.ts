import {
  bindingFor,
  createKeyMatcher,
  KEYMAP,
  type KeyAction,
  type KeyBinding,
  type KeyPress,
} from '../../../shared/keymap';
import { ownsKey } from './key-ownership';

/**
 * The one global key handler. Areas (the ticket list, the detail pane, the workload, and the app shell as `global`)
 * register handlers for action ids. A key press goes to a shortcut only when the element that has focus does not
 * handle that key itself (key-ownership.ts); it is then matched against the shared keymap and sent to the handler of
 * the area the focus is in (`list` and `detail` bindings act only there), or to the global one.
 */
export type Area = 'global' | 'list' | 'detail' | 'workload';
export type Handlers = Partial<Record<KeyAction, () => void>>;

export interface Dispatcher {
  register(area: Area, handlers: Handlers): () => void;
  /** `area`: where the focus is (keyboard/areas.ts). True when a shortcut took the key. */
  handle(event: KeyPress & { target: EventTarget | null; preventDefault(): void }, area: Area, now: number): boolean;
  /** Runs an action as if its key had been pressed in `area` (the palette and on-screen buttons do this). */
  run(action: KeyAction, area: Area): boolean;
  /** Whether the signed-in user may use the action, so screens offer only what they may do. */
  allows(action: KeyAction): boolean;
}

export interface DispatcherOptions {
  isMac?: boolean;
  /** Whether the signed-in user may use a binding (its role); refused ones call `refuse` instead of their handler. */
  allowed?(binding: KeyBinding): boolean;
  refuse?(binding: KeyBinding): void;
}

export const isMacPlatform = (): boolean => /Mac|iPhone|iPad/.test(globalThis.navigator?.platform ?? '');

export function createDispatcher(options: DispatcherOptions = {}): Dispatcher {
  const isMac = options.isMac ?? isMacPlatform();
  const allowed = options.allowed ?? (() => true);
  const matcher = createKeyMatcher({ isMac });
  const throughFields = createKeyMatcher({ isMac, bindings: KEYMAP.filter((b: KeyBinding) => b.inFields) });
  const reachesFields = (press: KeyPress) => throughFields.press(press, 0) !== null;
  const areas = new Map<Area, Handlers[]>();

  const find = (binding: KeyBinding, area: Area): (() => void) | undefined => {
    const action = binding.action as KeyAction;
    const top = (a: Area) => areas.get(a)?.at(-1)?.[action];
    if (binding.scope === 'list' || binding.scope === 'detail') return top(area);
    if (binding.scope === 'composer') return undefined;
    return top(area) ?? top('global');
  };
  const act = (binding: KeyBinding, area: Area): boolean => {
    if (!allowed(binding)) {
      options.refuse?.(binding);
      return true;
    }
    const handler = find(binding, area);
    handler?.();
    return handler !== undefined;
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
    handle(event, area, now) {
      if (ownsKey(event.target, event, reachesFields)) {
        matcher.reset();
        return false;
      }
      const hit = matcher.press(event, now);
      if (hit === 'pending') {
        event.preventDefault();
        return true;
      }
      if (!hit || (allowed(hit) && !find(hit, area))) return false;
      event.preventDefault();
      return act(hit, area);
    },
    run(action, area) {
      const binding =
        KEYMAP.find((b: KeyBinding) => b.action === action) ?? ({ action, scope: 'global' } as KeyBinding);
      return act({ ...binding, scope: 'global' }, area);
    },
    allows: (action) => allowed(bindingFor(action)),
  };
}
