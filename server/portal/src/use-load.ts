import { useCallback, useEffect, useState } from 'react';
import type { ApiError, ApiResult } from './api';

export type Loaded<T> = { state: 'loading' } | { state: 'error'; error: ApiError } | { state: 'ready'; value: T };

/** Loads once (and on `reload`), keeping the last value while a reload runs so the page does not flicker. */
export function useLoad<T>(load: () => Promise<ApiResult<T>>): [Loaded<T>, () => Promise<void>, (value: T) => void] {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const reload = useCallback(async () => {
    const result = await load();
    setLoaded((previous) =>
      result.ok
        ? { state: 'ready', value: result.value }
        : previous.state === 'ready'
          ? previous
          : { state: 'error', error: result.error },
    );
  }, [load]);
  useEffect(() => {
    void reload();
  }, [reload]);
  const set = useCallback((value: T) => setLoaded({ state: 'ready', value }), []);
  return [loaded, reload, set];
}
