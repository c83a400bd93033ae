import type { NetworkMonitor } from '../store/sync-state';

/**
 * Whether this computer has a network, for both shells: Electron's renderer and a browser tab run the same Chromium,
 * whose `navigator.onLine` and `online`/`offline` events follow the operating system's network interfaces. It is the
 * one definition: the store tells "no network" from "server unreachable" with it (store/sync-state.ts).
 * `navigator.onLine` true does not prove the server can be reached; false means no interface is connected.
 */
export function browserNetwork(target: Window = window): NetworkMonitor {
  return {
    online: () => target.navigator.onLine,
    subscribe(listener) {
      const changed = () => listener(target.navigator.onLine);
      target.addEventListener('online', changed);
      target.addEventListener('offline', changed);
      return () => {
        target.removeEventListener('online', changed);
        target.removeEventListener('offline', changed);
      };
    },
  };
}
