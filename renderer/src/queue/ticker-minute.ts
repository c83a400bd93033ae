import { useSyncExternalStore } from 'react';

/**
 * The current minute (epoch ms, floored), shared by everything whose meaning moves with the clock (breached,
 * breaching soon): they change once a minute, not on every render and not every second.
 */
const listeners = new Set<() => void>();
const floor = () => Math.floor(Date.now() / 60_000) * 60_000;
let minute = floor();
let timer: ReturnType<typeof setTimeout> | null = null;

function arm() {
  timer = setTimeout(
    () => {
      minute = floor();
      for (const l of listeners) l();
      arm();
    },
    minute + 60_000 - Date.now() + 50,
  );
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    minute = floor();
    arm();
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearTimeout(timer);
      timer = null;
    }
  };
}

export function useMinute(): number {
  return useSyncExternalStore(subscribe, () => minute);
}
