import { createContext, type ReactNode, useContext, useEffect, useMemo, useRef } from 'react';
import { useUi } from '../ui-state';
import { type Area, createDispatcher, type Dispatcher, type Handlers } from './dispatcher';

const KeyboardContext = createContext<Dispatcher | null>(null);

/** Installs the single window key listener and shares the dispatcher with the areas that register handlers. */
export function KeyboardProvider({ children }: { children: ReactNode }) {
  const dispatcher = useMemo(() => createDispatcher(), []);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (
        event.defaultPrevented ||
        event.isComposing ||
        (event.repeat && event.key.length === 1 && !/^[jk]$/.test(event.key))
      )
        return;
      const ui = useUi.getState();
      // While a modal overlay is open, only its own controls act (Escape is handled by the modal).
      if (ui.paletteOpen || ui.helpOpen || ui.picker || ui.createOpen) return;
      dispatcher.handle(event, ui.focusArea === 'other' ? 'global' : ui.focusArea, performance.now());
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
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
