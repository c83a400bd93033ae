import { useEffect, useRef } from 'react';
import { ticketLabel } from '../../../shared/domain/ticket';
import { useWorkspace } from '../rx/StoreContext';
import type { RejectionView } from '../rx/store-api';
import { useToasts } from '../toasts/toasts';
import { useUi } from '../ui-state';
import { type ConflictGroup, conflictText, groupConflicts } from './conflict-groups';
import type { Names } from './records';
import { useNames } from './use-names';

const ALERT = 'sync-alert';
const SHOWN_MS = 15_000;
/** Conflicts and refusals arriving within this time of each other are announced as one. */
const TOGETHER_MS = 750;

/** The words for what just arrived: one item in full, several as counts. */
export function alertText(
  conflicts: readonly ConflictGroup[],
  refused: readonly RejectionView[],
  names: Names,
  label: (docId: string) => string,
): string {
  const [conflict] = conflicts;
  const [rejection] = refused;
  if (conflicts.length === 1 && refused.length === 0 && conflict)
    return `Conflict on ${label(conflict.docId)}: someone else changed the ${conflictText(conflict, names).field} at the same time. Theirs was kept; yours is saved to re-apply.`;
  if (refused.length === 1 && conflicts.length === 0 && rejection) {
    const what =
      rejection.collection === 'comments'
        ? 'a comment'
        : rejection.kind === 'create'
          ? 'a new ticket'
          : label(rejection.docId);
    return `The server refused your change to ${what}: ${rejection.message}`;
  }
  const parts = [
    conflicts.length > 0 && `${conflicts.length} new conflict${conflicts.length === 1 ? '' : 's'}`,
    refused.length > 0 && `${refused.length} refused change${refused.length === 1 ? '' : 's'}`,
  ].filter(Boolean);
  return `${parts.join(' and ')} need your attention.`;
}

/**
 * Each conflict or refused change recorded since the store opened is announced once: a toast (with the way to the
 * sync panel) and the Announcer's live region. What arrives together (a reconnect resolving several pushes, one by
 * one) is said together. Ones from an earlier session are only counted in the top bar.
 */
export function useSyncAlerts(): void {
  const { store } = useWorkspace();
  const names = useNames();
  const namesRef = useRef(names);
  namesRef.current = names;
  useEffect(() => {
    const since = store.openedAt.toISOString();
    const announced = new Set<string>();
    const isNew = (id: string, createdAt: string) => createdAt >= since && !announced.has(id);
    const waiting = { conflicts: new Map<string, ConflictGroup>(), refused: new Map<string, RejectionView>() };
    let timer: ReturnType<typeof setTimeout> | undefined;

    const say = async () => {
      const conflicts = [...waiting.conflicts.values()];
      const refused = [...waiting.refused.values()];
      waiting.conflicts.clear();
      waiting.refused.clear();
      const ids = [...conflicts.map((g) => g.docId), ...refused.map((r) => r.docId)];
      const docs = await store.db.tickets.findByIds(ids).exec();
      const label = (id: string) => {
        const doc = docs.get(id);
        return doc ? ticketLabel(doc) : 'a ticket';
      };
      const text = alertText(conflicts, refused, namesRef.current, label);
      useUi.getState().announce(text);
      useToasts.getState().show({
        id: ALERT,
        tone: refused.length > 0 ? 'danger' : 'warning',
        text,
        action: { label: 'Review', run: () => useUi.getState().setOverlay('sync', true) },
        until: Date.now() + SHOWN_MS,
      });
    };

    const sub = store.sync.state$.subscribe((state) => {
      // Everything resolved: the notice has nothing left to point at.
      if (state.conflicts.length === 0 && state.rejections.length === 0) useToasts.getState().dismiss(ALERT);
      const conflicts = groupConflicts(state.conflicts).filter((g) => g.records.some((r) => isNew(r.id, r.createdAt)));
      const refused = state.rejections.filter((r) => isNew(r.id, r.createdAt));
      if (conflicts.length === 0 && refused.length === 0) return;
      for (const g of conflicts) {
        for (const r of g.records) announced.add(r.id);
        waiting.conflicts.set(g.key, g);
      }
      for (const r of refused) {
        announced.add(r.id);
        waiting.refused.set(r.id, r);
      }
      clearTimeout(timer);
      timer = setTimeout(() => void say(), TOGETHER_MS);
    });
    return () => {
      sub.unsubscribe();
      clearTimeout(timer);
    };
  }, [store]);
}
