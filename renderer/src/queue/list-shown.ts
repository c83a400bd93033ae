import { useEffect, useState } from 'react';

/**
 * Whether the queue has shown its first rows (or its empty state) since the app started. The sidebar's counts wait
 * for it: on a large replica each count walks an index, and IndexedDB answers requests in turn, so counts asked
 * first would hold back the rows the user opened the app for. After LATEST_MS they start regardless (another
 * screen may be showing).
 */
const LATEST_MS = 2000;
let shown = false;
const waiting = new Set<() => void>();

export function markListShown(): void {
  if (shown) return;
  shown = true;
  for (const wake of waiting) wake();
  waiting.clear();
}

export function useListShown(): boolean {
  const [now, setNow] = useState(shown);
  useEffect(() => {
    if (now) return;
    const wake = () => setNow(true);
    if (shown) return wake();
    waiting.add(wake);
    const timer = setTimeout(wake, LATEST_MS);
    return () => {
      waiting.delete(wake);
      clearTimeout(timer);
    };
  }, [now]);
  return now;
}
