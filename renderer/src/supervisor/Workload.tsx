import { Button, Checkbox, Group, Modal, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { ASSIGNABLE_ROLES, eligibleAssignees } from '../../../shared/domain/assignment';
import type { Queue } from '../../../shared/domain/queue';
import { type Ticket, ticketLabel } from '../../../shared/domain/ticket';
import type { User } from '../../../shared/domain/user';
import { keyAreaProps } from '../keyboard/areas';
import { registerFocusTarget, restoreFocus } from '../keyboard/focus';
import { useKeyHandlers } from '../keyboard/KeyboardContext';
import { SlaCountdown } from '../queue/SlaCountdown';
import { useMinute } from '../queue/ticker-minute';
import { formatCount, plain, useIndexedCount } from '../rx/hooks';
import { useWorkspace } from '../rx/StoreContext';
import { assignedAndVisible, inQueue, openLoadOf, unassignedOpenIn } from '../rx/store-api';
import { useUi } from '../ui-state';
import { distributeByLoad } from './round-robin';
import { type Load, useLoad, useWarning, type Warning } from './use-load';

const DRAG_TYPE = 'application/x-ticket-ids';
const num = (n: number | null) => (n === null ? '…' : String(n));
/** The headers of LoadCells' columns. Breaching soon and breached are the views' states (shared/sla/status.ts). */
function LoadHeaders() {
  return (
    <>
      <Table.Th ta="right" title="Tickets not yet resolved, waiting ones included">
        Open
      </Table.Th>
      <Table.Th ta="right" title="Open tickets whose SLA clock is in warning: the Breaching soon view">
        Breaching soon
      </Table.Th>
      <Table.Th ta="right" title="Open tickets whose running SLA clock is past its target: the Breached view">
        Breached
      </Table.Th>
      <Table.Th>Most urgent</Table.Th>
    </>
  );
}

/** A ticket that can be dragged onto an agent's row to reassign it; a click opens it. */
function TicketChip({ ticket }: { ticket: Ticket }) {
  const label = ticketLabel(ticket);
  return (
    <button
      type="button"
      className="ticket-chip"
      draggable
      data-ticket-id={ticket.id}
      title={`${ticket.title} — drag onto an agent to reassign`}
      aria-label={`${label}: ${ticket.title}. Open, or drag onto an agent to reassign`}
      onClick={() => {
        const ui = useUi.getState();
        ui.showView({ kind: 'all' });
        ui.openTicket(ticket.id, 'split');
      }}
      onDragStart={(e) => {
        e.dataTransfer.setData(DRAG_TYPE, JSON.stringify([ticket.id]));
        e.dataTransfer.effectAllowed = 'move';
      }}
    >
      <span className="grip" aria-hidden="true">
        ⠿
      </span>
      <span>{label}</span>
      <SlaCountdown ticket={ticket} />
    </button>
  );
}

function LoadCells({ load }: { load: Load }) {
  return (
    <>
      <Table.Td ta="right">{num(load.open)}</Table.Td>
      <Table.Td ta="right" data-sla-text={load.breachingSoon ? 'warning' : undefined}>
        {num(load.breachingSoon)}
      </Table.Td>
      <Table.Td ta="right" data-sla-text={load.breached ? 'breached' : undefined}>
        {num(load.breached)}
      </Table.Td>
      <Table.Td>
        {load.next ? (
          <TicketChip ticket={load.next} />
        ) : (
          <Text span c="dimmed" size="sm">
            —
          </Text>
        )}
      </Table.Td>
    </>
  );
}

/** One agent; a drop target for tickets dragged from another agent's row, and Enter shows their queue. */
function AgentRow({
  agent,
  now,
  warning,
  active,
  onActivate,
}: {
  agent: User;
  now: number;
  warning: Warning;
  active: boolean;
  onActivate(): void;
}) {
  const { store } = useWorkspace();
  const scope = assignedAndVisible(agent);
  const load = useLoad(scope, warning.count(scope), now);
  const [over, setOver] = useState(false);
  const drop = (ids: string[]) => {
    if (ids.length === 0) return;
    void store.actions.bulkAssign(ids, agent.id).then((results) => {
      const refused = results.flatMap((r) => (r.ok ? [] : [r.error]));
      useUi
        .getState()
        .announce(
          refused.length === 0
            ? `Reassigned ${ids.length === 1 ? 'the ticket' : `${ids.length} tickets`} to ${agent.name}`
            : `Could not reassign ${refused.length} of ${ids.length} to ${agent.name}: ${refused[0]}`,
        );
    });
  };
  return (
    <Table.Tr
      data-active={active}
      data-drop-target={over || undefined}
      aria-selected={active}
      onClick={onActivate}
      onDragEnter={(e) => {
        if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
      }}
      // Leaving for one of the row's own cells is not leaving the row.
      onDragLeave={(e) => !e.currentTarget.contains(e.relatedTarget as Node | null) && setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        drop(JSON.parse(e.dataTransfer.getData(DRAG_TYPE) || '[]') as string[]);
      }}
      style={{
        cursor: 'default',
        background: over
          ? 'var(--mantine-color-indigo-light)'
          : active
            ? 'var(--mantine-color-default-hover)'
            : undefined,
        boxShadow: over
          ? 'inset 0 0 0 2px var(--mantine-color-indigo-4)'
          : active
            ? 'inset 0 0 0 2px var(--mantine-color-indigo-5)'
            : undefined,
      }}
    >
      <Table.Td>
        {agent.name}{' '}
        <Text span size="xs" c="dimmed">
          {agent.role}
        </Text>
      </Table.Td>
      <LoadCells load={load} />
    </Table.Tr>
  );
}

function QueueRow({
  queue,
  now,
  warning,
  onDistribute,
}: {
  queue: Queue;
  now: number;
  warning: Warning;
  onDistribute(): void;
}) {
  const scope = inQueue(queue.id);
  const load = useLoad(scope, warning.count(scope), now);
  const { store } = useWorkspace();
  const unassigned = useIndexedCount(store.db.tickets, unassignedOpenIn(queue.id).selector);
  return (
    <Table.Tr>
      <Table.Td>{queue.name}</Table.Td>
      <LoadCells load={load} />
      <Table.Td ta="right">{formatCount(unassigned)}</Table.Td>
      <Table.Td>
        <Button variant="default" disabled={!unassigned} onClick={onDistribute}>
          Distribute unassigned…
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

function DistributeDialog({ queue, agents, onClose }: { queue: Queue; agents: User[]; onClose(): void }) {
  const { store } = useWorkspace();
  // Only people who work the queue: anyone else would not see the tickets handed to them.
  const members = eligibleAssignees(agents, [queue.id]);
  const [chosen, setChosen] = useState<string[]>(members.map((a) => a.id));
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    const unassigned = await store.db.tickets.find(unassignedOpenIn(queue.id)).exec();
    const people = members.filter((a) => chosen.includes(a.id));
    const loads = await Promise.all(
      people.map(async (person) => ({ id: person.id, load: await openLoadOf(store.db.tickets, person) })),
    );
    const plan = distributeByLoad(
      unassigned.map((d) => plain<{ id: string }>(d).id),
      loads,
    );
    // One action (one undo) for the whole distribution.
    await store.actions.bulkPatch(
      [...plan].flatMap(([assigneeId, ids]) => ids.map((id) => ({ id, patch: { assigneeId } }))),
    );
    useUi
      .getState()
      .announce(`Distributed ${unassigned.length} tickets from ${queue.name} over ${people.length} agents`);
    onClose();
  };
  return (
    <Modal opened onClose={onClose} title={`Distribute unassigned tickets of ${queue.name}`}>
      <Stack gap="xs">
        <Text size="sm">
          {members.length > 0
            ? 'Most urgent first, each to the chosen agent with the fewest open tickets.'
            : `Nobody works in ${queue.name} yet: an admin adds people to the queue first.`}
        </Text>
        {members.map((a) => (
          <Checkbox
            key={a.id}
            label={a.name}
            checked={chosen.includes(a.id)}
            onChange={(e) => setChosen(e.currentTarget.checked ? [...chosen, a.id] : chosen.filter((x) => x !== a.id))}
          />
        ))}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void run()} loading={busy} disabled={chosen.length === 0}>
            Distribute
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** g w: load per agent and per queue; j/k pick an agent, Enter shows their tickets, drag a ticket onto an agent to reassign. */
export function Workload() {
  const { users, queues } = useWorkspace();
  const ui = useUi.getState();
  // The people who can hold tickets (shared/domain/assignment.ts); admins assign but hold none.
  const agents = users.filter((u) => u.active && ASSIGNABLE_ROLES.includes(u.role));
  const [active, setActive] = useState(0);
  const [distribute, setDistribute] = useState<Queue | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  // Breached and breaching soon move with the clock, once a minute, as the views do.
  const now = useMinute();
  const warning = useWarning(now);
  useEffect(() => registerFocusTarget('workload', () => ref.current), []);
  const showAgent = () => {
    const agent = agents[active];
    if (!agent) return;
    ui.showView({ kind: 'all' });
    ui.setFilters({ assigneeId: agent.id });
  };
  useKeyHandlers('workload', {
    'list.next': () => setActive((i) => Math.min(i + 1, agents.length - 1)),
    'list.prev': () => setActive((i) => Math.max(i - 1, 0)),
    'list.open': showAgent,
  });
  return (
    <ScrollArea h="100%" style={{ flex: 1 }}>
      <section
        ref={ref}
        tabIndex={-1}
        {...keyAreaProps('workload')}
        style={{ padding: 16, outline: 'none' }}
        aria-label="Workload"
      >
        <Title order={1} size="h4" mb="xs">
          Workload
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          j/k to pick an agent, Enter to see their tickets and reassign with Shift+A. Or drag a ticket from “Most
          urgent” onto an agent to hand it over.
        </Text>
        <Title order={2} size="h6" mb={4}>
          Agents
        </Title>
        <Table striped={false} highlightOnHover withTableBorder fz="sm" verticalSpacing={4} mb="lg">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Agent</Table.Th>
              <LoadHeaders />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {agents.map((a, i) => (
              <AgentRow
                key={a.id}
                agent={a}
                now={now}
                warning={warning}
                active={i === active}
                onActivate={() => setActive(i)}
              />
            ))}
          </Table.Tbody>
        </Table>
        <Title order={2} size="h6" mb={4}>
          Queues
        </Title>
        <Table withTableBorder fz="sm" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Queue</Table.Th>
              <LoadHeaders />
              <Table.Th ta="right">Unassigned</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {queues.map((q) => (
              <QueueRow key={q.id} queue={q} now={now} warning={warning} onDistribute={() => setDistribute(q)} />
            ))}
          </Table.Tbody>
        </Table>
      </section>
      {distribute && (
        <DistributeDialog
          queue={distribute}
          agents={agents}
          onClose={() => {
            setDistribute(null);
            restoreFocus();
          }}
        />
      )}
    </ScrollArea>
  );
}
