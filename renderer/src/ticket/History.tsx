import { Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { AuditEvent } from '../../../shared/domain/audit';
import { useWorkspace } from '../rx/StoreContext';

const show = (v: unknown) =>
  v === '' || v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v);

/** The audit log from the server (supervisors and admins); it is not replicated, so it needs a connection. */
export function History({ ticketId }: { ticketId: string }) {
  const { session, me, userName } = useWorkspace();
  const [state, setState] = useState<{ events: AuditEvent[] } | { error: string } | null>(null);
  const allowed = me.role === 'supervisor' || me.role === 'admin';
  useEffect(() => {
    if (!allowed) return;
    let live = true;
    setState(null);
    fetch(`${session.serverUrl}/api/tickets/${encodeURIComponent(ticketId)}/history`, {
      headers: { authorization: `Bearer ${session.token}` },
    })
      .then(async (r) => {
        if (!r.ok)
          throw new Error(
            r.status === 404
              ? 'No history yet: this ticket has not reached the server.'
              : `The server answered ${r.status}.`,
          );
        const body = (await r.json()) as AuditEvent[] | { events: AuditEvent[] };
        if (live) setState({ events: Array.isArray(body) ? body : body.events });
      })
      .catch(
        (e: Error) =>
          live &&
          setState({
            error:
              e.message.startsWith('The server') || e.message.startsWith('No history')
                ? e.message
                : 'History needs a connection to the server.',
          }),
      );
    return () => {
      live = false;
    };
  }, [ticketId, allowed, session]);
  if (!allowed)
    return (
      <Text size="sm" c="dimmed">
        The change history is shown to supervisors.
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
          {userName(e.actorId)}{' '}
          {e.action === 'create' ? 'created the ticket' : e.action === 'comment' ? 'commented' : e.action}
          {e.changes.map((c) => ` · ${c.field}: ${show(c.from)} → ${show(c.to)}`).join('')}
        </Text>
      ))}
    </Stack>
  );
}
