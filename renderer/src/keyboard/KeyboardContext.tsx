import { createContext, type ReactNode, useContext, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { FEATURES } from '../../../shared/domain/access';
import { bindingAllowed } from '../../../shared/keymap';
import { fieldRefusal } from '../../../shared/sync/write-rules';
import { changesReadOnly, lacksReadOnlyTarget, READ_ONLY_REFUSAL } from '../app/targets';
import { useWorkspace } from '../rx/StoreContext';
import { type UiState, useUi } from '../ui-state';
import { areaOf, focusIsLost } from './areas';
import { type Area, createDispatcher, type Dispatcher, type Handlers } from './dispatcher';
import { installKeyQueue } from './key-hold';
import { createKeyQueue, type Hold, type Landing } from './key-queue';

const KeyboardContext = createContext<Dispatcher | null>(null);

/** Overlays that take focus when they open, and where their focus lands: keys typed before it lands wait for it. */
const OPENERS: { open(s: UiState): boolean; landing: Landing }[] = [
  { open: (s) => s.paletteOpen, landing: 'text-field' },
  { open: (s) => s.picker !== null, landing: 'text-field' },
  { open: (s) => s.createOpen, landing: 'text-field' },
  { open: (s) => s.composer !== null, landing: 'text-field' },
  { open: (s) => s.saveViewOpen, landing: 'text-field' },
  { open: (s) => s.helpOpen, landing: 'dialog' },
  { open: (s) => s.syncOpen, landing: 'dialog' },
];

/**
 * Installs the window's key listeners and shares the dispatcher with the areas that register handlers. Every key
 * first passes the key queue (held while focus is on its way, key-queue.ts), then, unless the focused element
 * handled it, the dispatcher, in the area of the element that has focus.
 */
export function KeyboardProvider({ children }: { children: ReactNode }) {
  const { me } = useWorkspace();
  const dispatcher = useMemo(
    () =>
      createDispatcher({
        allowed: (binding) =>
          bindingAllowed(binding, me.role) && !changesReadOnly(binding) && !lacksReadOnlyTarget(binding),
        refuse: (binding) => {
          const { announce } = useUi.getState();
          if (bindingAllowed(binding, me.role)) {
            if (changesReadOnly(binding)) announce(READ_ONLY_REFUSAL);
            return;
          }
          const feature = binding.requires ? FEATURES[binding.requires] : null;
          if (feature) announce(`${feature.title} is only for ${feature.who}`);
          else if (binding.edits) announce(fieldRefusal(me.role, binding.edits));
        },
      }),
    [me.role],
  );
  const queue = useMemo(() => createKeyQueue(), []);
  // A layout effect: the queue's window listener must come before any other (Mantine's modals listen for Escape on
  // the window too, from their own effects), so that a held key reaches nothing before its turn.
  useLayoutEffect(() => {
    installKeyQueue(queue);
    const onKeyCapture = (event: KeyboardEvent) => {
      queue.capture(event);
    };
    window.addEventListener('keydown', onKeyCapture, true);
    return () => {
      window.removeEventListener('keydown', onKeyCapture, true);
      installKeyQueue(null);
      queue.dispose();
    };
  }, [queue]);
  useEffect(() => {
    const holds = new Map<number, Hold>();
    const unsubscribe = useUi.subscribe((s, prev) => {
      OPENERS.forEach((opener, i) => {
        if (opener.open(s) && !opener.open(prev)) holds.set(i, queue.hold(opener.landing));
        if (!opener.open(s) && opener.open(prev)) holds.get(i)?.release();
      });
    });
    const onFocusIn = (event: FocusEvent) => {
      const area = areaOf(event.target);
      if (area && area !== useUi.getState().focusArea) useUi.getState().setFocusArea(area);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      if (event.repeat && event.key.length === 1 && !/^[jk]$/i.test(event.key)) return;
      const area: Area = areaOf(event.target) ?? (focusIsLost(event.target) ? useUi.getState().focusArea : 'global');
      dispatcher.handle(event, area, performance.now());
    };
    document.addEventListener('focusin', onFocusIn);
    window.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      window.removeEventListener('keydown', onKey);
      unsubscribe();
      for (const hold of holds.values()) hold.release();
    };
  }, [dispatcher, queue]);
  return <KeyboardContext.Provider value={dispatcher}>{children}</KeyboardContext.Provider>;
}

export function useDispatcher(): Dispatcher {
  const dispatcher = useContext(KeyboardContext);
  if (!dispatcher) throw new Error('useDispatcher needs a KeyboardProvider');
  return dispatcher;
}

/** Registers `handlers` for an area while the component is mounted; the latest closures are always called. */
export function useKeyHandlers(area: Area, handlers: Handlers) {
  const dispatcher = useDispatcher();
  const ref = useRef(handlers);
  ref.current = handlers;
  const actions = Object.keys(handlers).sort().join(',');
  useEffect(() => {
    const proxy: Handlers = {};
    for (const action of actions.split(',').filter(Boolean) as (keyof Handlers)[]) {
      proxy[action] = () => ref.current[action]?.();
    }
    return dispatcher.register(area, proxy);
  }, [dispatcher, area, actions]);
}
