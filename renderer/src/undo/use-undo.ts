import { useCallback, useEffect, useRef } from 'react';
import { ticketLabel } from '../../../shared/domain/ticket';
import { formatKeys } from '../../../shared/keymap';
import { isMacPlatform } from '../keyboard/dispatcher';
import { useWorkspace } from '../rx/StoreContext';
import type { WorkstationStore } from '../rx/store-api';
import type { Names } from '../sync/records';
import { useNames } from '../sync/use-names';
import { useToasts } from '../toasts/toasts';
import { useUi } from '../ui-state';
import { describeAction, describeOutcome, type Labels } from './undo-text';

const OFFER = 'undo-offer';
const OUTCOME = 'undo-outcome';
const OUTCOME_SHOWN_MS = 8000;

async function labelsOf(store: WorkstationStore, ids: readonly string[]): Promise<Labels> {
  const docs = await store.db.tickets.findByIds([...new Set(ids)]).exec();
  return (id) => {
    const doc = docs.get(id);
    return doc ? ticketLabel(doc) : 'a ticket';
  };
}

/** Undoes the last action (Ctrl/⌘+Z, the toast's Undo button, the palette) and says what it did, once. */
export function useRunUndo(): () => void {
  const { store } = useWorkspace();
  const names = useNames();
  const namesRef = useRef<Names>(names);
  namesRef.current = names;
  return useCallback(() => {
    void (async () => {
      const result = await store.undo.undo();
      const { show } = useToasts.getState();
      const until = Date.now() + OUTCOME_SHOWN_MS;
      if (!result.ok) {
        useUi.getState().announce(result.error);
        show({ id: OUTCOME, tone: 'info', text: result.error, until });
        return;
      }
      const { undone, skipped, failed } = result.value;
      const ids = [...undone, ...skipped, ...failed].map((c) => c.ticketId);
      const text = describeOutcome(result.value, namesRef.current, await labelsOf(store, ids));
      useUi.getState().announce(text);
      show({ id: OUTCOME, tone: skipped.length + failed.length > 0 ? 'warning' : 'info', text, until });
    })();
  }, [store]);
}

/** While the last action can be undone, a toast names it and offers Undo; it leaves when the window closes. */
export function useUndoOffer(): void {
  const { store } = useWorkspace();
  const names = useNames();
  const namesRef = useRef<Names>(names);
  namesRef.current = names;
  const runUndo = useRunUndo();
  const runRef = useRef(runUndo);
  runRef.current = runUndo;
  useEffect(() => {
    let latest = 0;
    const sub = store.undo.last$.subscribe((entry) => {
      latest = entry?.seq ?? 0;
      const { show, dismiss } = useToasts.getState();
      if (!entry || entry.kind === 'final') {
        dismiss(OFFER);
        return;
      }
      void labelsOf(
        store,
        entry.changes.map((c) => c.ticketId),
      ).then((labels) => {
        if (entry.seq !== latest) return; // a newer action replaced it meanwhile
        show({
          id: OFFER,
          tone: 'info',
          text: describeAction(entry.changes, namesRef.current, labels),
          action: { label: 'Undo', keys: formatKeys('Mod+z', isMacPlatform()), run: () => runRef.current() },
          until: entry.until,
        });
      });
    });
    return () => sub.unsubscribe();
  }, [store]);
}
