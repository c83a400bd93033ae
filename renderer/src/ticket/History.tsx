import { Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { FEATURES, mayUse } from '../../../shared/domain/access';
import { type AuditEvent, SLA_ACTOR } from '../../../shared/domain/audit';
import { STATUS_LABELS, type Status } from '../../../shared/domain/lifecycle';
import { PRIORITIES, type Priority } from '../../../shared/domain/priority';
import { useWorkspace } from '../rx/StoreContext';
import type { ServerReadFailure } from '../rx/store-api';
import { useSyncState } from '../sync/use-sync-state';

const HIDDEN = new Set([
  'id',
  'authorId',
  'ticketId',
  'body',
  'createdAt',
  'updatedAt',
  'sla',
  'slaDueAt',
  'slaWarnAt',
  'formData',
  'description',
]);
const show = (v: unknown) =>
  v === '' || v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v);

/** One audit event as a sentence: names instead of ids, and only the fields a person changed. */
export function describeEvent(
  e: Pick<AuditEvent, 'action' | 'changes'>,
  names: { userName(id: string): string; queueName(id: string): string },
): string {
  if (e.action === 'create') return 'created the ticket';
  if (e.action === 'breach' || e.action === 'escalate') return slaEventText(e.changes);
  if (e.action === 'comment') {
    const internal = e.changes.some((c) => c.field === 'visibility' && c.to === 'internal');
    return internal ? 'added an internal note' : 'replied to the requester';
  }
  const value = (field: string, v: unknown) =>
    field === 'assigneeId'
      ? names.userName(String(v ?? ''))
      : field === 'queueId'
        ? names.queueName(String(v))
        : field === 'status' && typeof v === 'string' && v in STATUS_LABELS
          ? STATUS_LABELS[v as Status]
          : show(v);
  // Why the server made a change itself, e.g. "Unassigned: Priya Shah left the Hardware queue".
  const reason = e.changes.find((c) => c.field === 'reason' && typeof c.to === 'string')?.to;
  const parts = e.changes
    .filter((c) => !HIDDEN.has(c.field) && c.field !== 'reason')
    .map(
      (c) =>
        `${c.field === 'assigneeId' ? 'assignee' : c.field === 'queueId' ? 'queue' : c.field} ${value(c.field, c.from)} → ${value(c.field, c.to)}`,
    );
  const text = parts.length > 0 ? `changed ${parts.join(', ')}` : e.action;
  return reason ? `${text} (${reason})` : text;
}

/** The SLA scheduler's escalation event (`sla.response` → `100%`, with the priority it raised, if it did). */
function slaEventText(changes: AuditEvent['changes']): string {
  const clock = changes.find((c) => c.field === 'sla.response' || c.field === 'sla.resolution');
  const name = clock?.field === 'sla.response' ? 'first response' : 'resolution';
  const percent = Number.parseInt(String(clock?.to ?? ''), 10);
  const raised = changes.find((c) => c.field === 'priority' && isPriority(c.from) && isPriority(c.to));
  const what =
    percent >= 100 ? `recorded a breach of the ${name} target` : `recorded ${percent} % of the ${name} time used`;
  return raised ? `${what} and raised the priority ${raised.from} → ${raised.to}, as its SLA policy says` : what;
}

const isPriority = (v: unknown): v is Priority =>
  typeof v === 'string' && (PRIORITIES as readonly string[]).includes(v);

/** Why the history cannot be shown, in the user's words. */
function failureText(failure: ServerReadFailure): string {
  switch (failure.reason) {
    case 'offline':
      return 'History needs a connection to the server.';
    case 'signed-out':
      return 'Sign in again to read the history.';
    case 'not-on-server':
      return 'No history yet: this ticket has not reached the server.';
    case 'refused':
      return `The server answered ${failure.status}.`;
  }
}

/** Who made a change: a person, or the server's SLA scheduler. */
const actorName = (id: string, userName: (id: string) => string) => (id === SLA_ACTOR ? 'SLA scheduler' : userName(id));

/**
 * The audit log from the server (supervisors and admins); it is not replicated, so it needs a connection. Read through
 * the store (`store.server`, so the offline switch, an expired session and the device id apply as to sync), again
 * when the ticket changes (`revision`, its updatedAt) so an edit shows up once the server has it, and again when the
 * workstation comes back online.
 */
export function History({ ticketId, revision }: { ticketId: string; revision?: string }) {
  const { store, me, userName, queueName } = useWorkspace();
  const online = useSyncState().status === 'online';
  const [state, setState] = useState<{ events: AuditEvent[] } | { error: string } | null>(null);
  const allowed = mayUse(me.role, 'ticketHistory');
  const shownFor = useRef<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new revision of the ticket, or a connection, reads again
  useEffect(() => {
    if (!allowed) return;
    let live = true;
    // Another ticket: no stale list while loading. The same ticket: its list stays until the new one arrives.
    if (shownFor.current !== ticketId) setState(null);
    shownFor.current = ticketId;
    void store.server.ticketHistory(ticketId).then((answer) => {
      if (!live) return;
      // Offline, a list already shown for this ticket stays: it was true when read.
      setState((shown) =>
        answer.ok
          ? { events: answer.value }
          : answer.error.reason === 'offline' && shown && 'events' in shown
            ? shown
            : { error: failureText(answer.error) },
      );
    });
    return () => {
      live = false;
    };
  }, [ticketId, revision, allowed, online, store]);
  if (!allowed)
    return (
      <Text size="sm" c="dimmed">
        The full change history is shown to {FEATURES.ticketHistory.who}.
      </Text>
    );
  if (!state)
    return (
      <Text size="sm" c="dimmed">
        Loading history…
      </Text>
    );
  if ('error' in state)
    return (
      <Text size="sm" c="dimmed">
        {state.error}
      </Text>
    );
  if (state.events.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No changes recorded yet.
      </Text>
    );
  return (
    <Stack gap={4} component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="History">
      {state.events.map((e) => (
        <Text key={e.id} size="xs" component="li">
          <Text span c="dimmed" size="xs">
            {new Date(e.at).toLocaleString()}
          </Text>{' '}
          {actorName(e.actorId, userName)} {describeEvent(e, { userName, queueName })}
        </Text>
      ))}
    </Stack>
  );
}
