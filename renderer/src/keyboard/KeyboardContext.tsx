import { createContext, type ReactNode, useContext, useEffect, useMemo, useRef } from 'react';
import { type UiState, useUi } from '../ui-state';
import { type Area, createDispatcher, type Dispatcher, type Handlers } from './dispatcher';
import { createTypeAhead } from './type-ahead';

const KeyboardContext = createContext<Dispatcher | null>(null);

/** Something with a text field is opening: a picker, the palette, the create form, a composer or Save view. */
const fieldOpen = (s: UiState) =>
  s.paletteOpen || s.picker !== null || s.createOpen || s.composer !== null || s.saveViewOpen;

/** Installs the single window key listener and shares the dispatcher with the areas that register handlers. */
export function KeyboardProvider({ children }: { children: ReactNode }) {
  const dispatcher = useMemo(() => createDispatcher(), []);
  useEffect(() => {
    const typeAhead = createTypeAhead();
    const unsubscribe = useUi.subscribe((s, prev) => {
      if (fieldOpen(s) && !fieldOpen(prev)) typeAhead.arm(performance.now());
    });
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      // Typed after a key opened a field, before the field has focus: the field gets it (type-ahead.ts).
      if (typeAhead.capture(event, performance.now())) return;
      if (event.repeat && event.key.length === 1 && !/^[jk]$/.test(event.key)) return;
      const ui = useUi.getState();
      // While a modal overlay is open, only its own controls act (Escape is handled by the modal).
      if (ui.paletteOpen || ui.helpOpen || ui.picker || ui.createOpen || ui.saveViewOpen) return;
      dispatcher.handle(event, ui.focusArea === 'other' ? 'global' : ui.focusArea, performance.now());
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      unsubscribe();
      typeAhead.dispose();
    };
  }, [dispatcher]);
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
