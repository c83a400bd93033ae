import {
  Anchor,
  Badge,
  Button,
  Divider,
  Group,
  Loader,
  ScrollArea,
  SimpleGrid,
  Stack,
  Text,
  Title,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useEffect, useRef } from 'react';
import { FEATURES, mayUse } from '../../../shared/domain/access';
import { STATUS_LABELS } from '../../../shared/domain/lifecycle';
import { PRIORITY_LABELS } from '../../../shared/domain/priority';
import { type Ticket, ticketLabel } from '../../../shared/domain/ticket';
import { TICKET_TYPE_LABELS } from '../../../shared/domain/ticket-type';
import type { KeyAction } from '../../../shared/keymap';
import { PRIORITY_COLORS } from '../app/theme';
import { focusIsLost, keyAreaProps } from '../keyboard/areas';
import { moveFocus, registerFocusTarget } from '../keyboard/focus';
import { useKeyHandlers } from '../keyboard/KeyboardContext';
import { keyHint } from '../keyboard/key-hint';
import { clockTitle } from '../queue/SlaCountdown';
import { CLOCK_NAMES, SLA_COLORS } from '../queue/sla-display';
import { useRxDoc, useRxDocRead, useRxQuery } from '../rx/hooks';
import { useWorkspace } from '../rx/StoreContext';
import { openOfRequester, type ServerTicketCopy } from '../rx/store-api';
import { TicketSyncBanner } from '../sync/TicketSyncBanner';
import { useUi } from '../ui-state';
import { Composer } from './Composer';
import { CommentList, Conversation } from './Conversation';
import { Field } from './Field';
import { FieldEditor } from './FieldEditor';
import type { EditableField } from './field-edit';
import { History } from './History';
import { ServerCopyBanner } from './ServerCopyBanner';
import { ServerCopyStatus } from './ServerCopyStatus';
import { SlaEvents } from './SlaEvents';
import { ticketHint } from './ticket-hint';
import { useFieldEdit } from './use-field-edit';
import { useServerCopy } from './use-server-copy';
import { useTicketSla } from './use-sla';

function Clocks({ ticket }: { ticket: Ticket }) {
  const sla = useTicketSla(ticket);
  return (
    <Group gap="xs" role="group" aria-label="SLA clocks">
      {[sla.response, sla.resolution].map((c) => (
        <Tooltip key={c.clock} label={clockTitle(c)}>
          <Badge
            variant="light"
            color={SLA_COLORS[c.state]}
            size="md"
            data-sla-state={c.state}
            data-sla-clock={c.clock}
            data-headline={c.clock === sla.headline.clock || undefined}
            style={{ textTransform: 'none' }}
          >
            {CLOCK_NAMES[c.clock].long}: {c.text}
          </Badge>
        </Tooltip>
      ))}
    </Group>
  );
}

function RequesterTickets({ ticket }: { ticket: Ticket }) {
  const { store } = useWorkspace();
  const openTicket = useUi((s) => s.openTicket);
  // The requester+openKey index in its own order: the walk stops after six (this ticket may be among them).
  const { docs: found } = useRxQuery(store.db.tickets, openOfRequester(ticket.requesterId, 6));
  const docs = found.filter((t) => t.id !== ticket.id).slice(0, 5);
  if (docs.length === 0)
    return (
      <Text size="xs" c="dimmed">
        No other open tickets
      </Text>
    );
  return (
    <Stack gap={0}>
      {docs.map((t) => (
        <Anchor key={t.id} component="button" size="xs" ta="left" onClick={() => openTicket(t.id)} title={t.title}>
          {ticketLabel(t)} · {t.title}
        </Anchor>
      ))}
    </Stack>
  );
}

/**
 * The open ticket: header, fields (each editable through its key), conversation with composer, and history. It shows
 * only the ticket `openTicketId` names (never the previous one while the new one is read), so what is on screen is
 * what every ticket action acts on. A ticket the replica does not hold (closed before the working set's days) is
 * shown read-only from the server's copy (store.serverTickets), and marked so in the UI state, which keeps every
 * key and command that would change it away (app/targets.ts).
 */
export function DetailPane() {
  const { store } = useWorkspace();
  const id = useUi((s) => s.openTicketId);
  const detail = useUi((s) => s.detail);
  const ui = useUi.getState;
  const read = useRxDocRead(store.db.tickets, id);
  const hint = id && read.id !== id ? ticketHint(id) : null;
  const ticket = read.id === id ? read.doc : hint;
  const notHere = id !== null && read.id === id && read.doc === null;
  const server = useServerCopy(notHere ? id : null);
  const copy = server?.status === 'shown' ? server.copy : null;
  const ref = useRef<HTMLElement>(null);
  const edit = useFieldEdit(ticket ? id : null);

  useEffect(() => registerFocusTarget('detail', () => ref.current), []);
  useEffect(() => {
    if (id && read.id === id) ui().markReadOnly(id, notHere);
  }, [id, read.id, notHere]);
  // Another ticket shown while the pane had the focus (a link in it was followed): the pane keeps the focus.
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus follows the open ticket id only
  useEffect(() => {
    if (ui().focusArea === 'detail' && focusIsLost(document.activeElement)) ref.current?.focus();
  }, [id]);

  const back = () => {
    const s = ui();
    if (s.detail === 'full') s.openTicket(s.openTicketId ?? '', 'split');
    moveFocus('list');
  };
  useKeyHandlers('detail', {
    'nav.back': back,
    'list.open': () => ui().openTicket(id ?? '', detail === 'full' ? 'split' : 'full'),
    'ticket.editTitle': () => edit.open('title'),
    'ticket.editDescription': () => edit.open('description'),
    'ticket.type': () => edit.open('type'),
    'ticket.category': () => edit.open('category'),
    'ticket.requester': () => edit.open('requester'),
  });

  if (!id) return null;
  const shown = ticket ?? copy?.ticket;
  return (
    <ScrollArea h="100%" type="auto">
      <section
        ref={ref}
        tabIndex={-1}
        aria-label={shown ? `Ticket ${ticketLabel(shown)}` : 'Ticket'}
        {...keyAreaProps('detail')}
        style={{ padding: 14, outlineOffset: -2 }}
      >
        {ticket ? (
          <TicketView ticket={ticket} edit={edit} focusPane={() => ref.current?.focus()} />
        ) : copy ? (
          <TicketView ticket={copy.ticket} serverCopy={copy} edit={edit} focusPane={() => ref.current?.focus()} />
        ) : server && server.status !== 'shown' ? (
          <ServerCopyStatus state={server} />
        ) : (
          <Loader size="xs" aria-label="Opening the ticket" />
        )}
      </section>
    </ScrollArea>
  );
}

function TicketView({
  ticket,
  serverCopy,
  edit,
  focusPane,
}: {
  ticket: Ticket;
  /** The ticket is the server's copy, not in the replica: shown read-only. */
  serverCopy?: ServerTicketCopy;
  edit: ReturnType<typeof useFieldEdit>;
  focusPane(): void;
}) {
  const { store, userName, queueName, me } = useWorkspace();
  const detail = useUi((s) => s.detail);
  const composer = useUi((s) => (s.composer?.ticketId === ticket.id ? s.composer : null));
  const ui = useUi.getState;
  const requester = useRxDoc(store.db.users, ticket.requesterId);
  const catalogItem = useRxDoc(store.db.catalog, ticket.catalogItemId || null);
  const label = ticketLabel(ticket);
  const readOnly = serverCopy !== undefined;
  // A read-only ticket's fields offer no key: they show as plain text (Field).
  const key = (action: KeyAction) => (readOnly ? undefined : action);
  const editor = (field: EditableField) =>
    edit.editing === field && !readOnly ? (
      <FieldEditor field={field} ticket={ticket} onClose={edit.close} />
    ) : undefined;
  const category = catalogItem ? `${catalogItem.name} · ${catalogItem.category}` : ticket.category;
  const closeComposer = () => {
    ui().closeComposer();
    focusPane();
  };
  return (
    <Stack gap="sm">
      {serverCopy ? <ServerCopyBanner copy={serverCopy} /> : <TicketSyncBanner ticketId={ticket.id} />}
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div style={{ flex: 1, minWidth: 0 }}>
          <Text size="xs" c="dimmed" ff="monospace">
            {label} · {TICKET_TYPE_LABELS[ticket.type]}
            {ticket.number === null && ' · not yet synced'}
          </Text>
          {editor('title') ?? (
            <Group gap={6} wrap="nowrap" align="flex-start">
              <Title order={2} size="h4" style={{ overflowWrap: 'anywhere' }}>
                {ticket.title}
              </Title>
              {!readOnly && (
                <UnstyledButton
                  aria-label="Title: change"
                  title="Edit title"
                  onClick={() => edit.open('title')}
                  style={{ borderRadius: 4, marginTop: 2 }}
                >
                  <kbd className="key">{keyHint('ticket.editTitle')}</kbd>
                </UnstyledButton>
              )}
            </Group>
          )}
        </div>
        <Group gap={4} wrap="nowrap">
          <Button
            variant="subtle"
            color="gray"
            onClick={() => ui().openTicket(ticket.id, detail === 'full' ? 'split' : 'full')}
          >
            {detail === 'full' ? 'Split view' : 'Full view'}
          </Button>
          <Button
            variant="subtle"
            color="gray"
            onClick={() => {
              ui().closeDetail();
              moveFocus('list');
            }}
            aria-label="Close ticket"
          >
            Close
          </Button>
        </Group>
      </Group>
      <Group gap="xs">
        <Badge variant="outline" color="gray" style={{ textTransform: 'none' }}>
          {STATUS_LABELS[ticket.status]}
        </Badge>
        <Badge variant="light" color={PRIORITY_COLORS[ticket.priority]} style={{ textTransform: 'none' }}>
          {PRIORITY_LABELS[ticket.priority]}
        </Badge>
        <Clocks ticket={ticket} />
      </Group>
      <SimpleGrid cols={{ base: 2, md: 3 }} spacing="sm" verticalSpacing={8}>
        <Field label="Status" action={key('ticket.status')}>
          {STATUS_LABELS[ticket.status]}
        </Field>
        <Field label="Priority" action={key('ticket.priority')}>
          {PRIORITY_LABELS[ticket.priority]}
        </Field>
        <Field label="Assignee" action={key('ticket.assignTo')}>
          {userName(ticket.assigneeId)}
        </Field>
        <Field label="Queue" action={key('ticket.moveQueue')}>
          {queueName(ticket.queueId)}
        </Field>
        <Field label="Tags" action={key('ticket.tags')}>
          {ticket.tags.length > 0 ? ticket.tags.join(', ') : 'None'}
        </Field>
        <Field label="Type" action={key('ticket.type')} editor={editor('type')}>
          {TICKET_TYPE_LABELS[ticket.type]}
        </Field>
        <Field label="Category" action={key('ticket.category')} editor={editor('category')} wide>
          {category || 'None'}
        </Field>
        <Field
          label="Requester"
          action={key('ticket.requester')}
          editor={editor('requester')}
          wide
          after={<RequesterTickets ticket={ticket} />}
        >
          {requester?.name ?? 'Unknown'}{' '}
          {requester?.email && (
            <Text span c="dimmed" size="xs">
              {requester.email}
            </Text>
          )}
        </Field>
      </SimpleGrid>
      <Field label="Description" action={key('ticket.editDescription')} editor={editor('description')} wide>
        {ticket.description || (
          <Text span c="dimmed" size="sm">
            None yet
          </Text>
        )}
      </Field>
      {Object.keys(ticket.formData).length > 0 && (
        <Stack gap={2}>
          {Object.entries(ticket.formData).map(([k, v]) => (
            <Text key={k} size="xs">
              <Text span c="dimmed" size="xs">
                {k}:
              </Text>{' '}
              {String(v)}
            </Text>
          ))}
        </Stack>
      )}
      <Divider label="Conversation" labelPosition="left" />
      {serverCopy ? (
        <CommentList comments={serverCopy.comments} empty="No conversation." />
      ) : (
        <Conversation ticketId={ticket.id} />
      )}
      {readOnly ? null : composer ? (
        <Composer
          key={`${composer.ticketId}:${composer.visibility}`}
          visibility={composer.visibility}
          draftKey={`${composer.ticketId}:${composer.visibility}`}
          onCancel={closeComposer}
          onSend={async (body) => {
            const added = await store.actions.addComment(composer.ticketId, body, composer.visibility);
            // Not written: the composer keeps the text and shows why (Composer catches this).
            if (!added.ok) throw new Error(added.error);
            closeComposer();
            ui().announce(composer.visibility === 'internal' ? 'Note added' : 'Reply sent');
          }}
        />
      ) : (
        <Group gap="xs">
          <Button variant="default" onClick={() => ui().openComposer('public', ticket.id)}>
            Reply{' '}
            <kbd className="key" style={{ marginLeft: 6 }}>
              {keyHint('ticket.reply')}
            </kbd>
          </Button>
          <Button variant="default" onClick={() => ui().openComposer('internal', ticket.id)}>
            Internal note{' '}
            <kbd className="key" style={{ marginLeft: 6 }}>
              {keyHint('ticket.note')}
            </kbd>
          </Button>
        </Group>
      )}
      <Divider label="History" labelPosition="left" />
      <SlaEvents ticket={ticket} />
      {mayUse(me.role, 'ticketHistory') ? (
        <History ticketId={ticket.id} revision={ticket.updatedAt} />
      ) : (
        <Text size="xs" c="dimmed">
          The full change history is shown to {FEATURES.ticketHistory.who}.
        </Text>
      )}
    </Stack>
  );
}
