import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { eligibleAssignees } from '../../../shared/domain/assignment';
import { allowedNextStatuses, STATUS_LABELS } from '../../../shared/domain/lifecycle';
import { PRIORITIES, PRIORITY_LABELS } from '../../../shared/domain/priority';
import { type Ticket, UNASSIGNED } from '../../../shared/domain/ticket';
import type { Result } from '../../../shared/result';
import { restoreFocus } from '../keyboard/focus';
import { useRxDocRead, useRxQuery } from '../rx/hooks';
import { useWorkspace } from '../rx/StoreContext';
import { firstError } from '../rx/settle';
import { type BreachAtOnce, type TicketPatch, ticketsWithIds } from '../rx/store-api';
import { useUi } from '../ui-state';
import { ConfirmBreach } from './ConfirmBreach';
import { OptionPicker, type PickerOption } from './OptionPicker';

/** The picker the `s`, `p`, `m`, `Shift+A` and `t` keys open, applied to one ticket or to the selection. */
export function Pickers() {
  const picker = useUi((s) => s.picker);
  if (!picker) return null;
  return (
    <ActivePicker key={`${picker.kind}:${picker.ticketIds.join(',')}`} kind={picker.kind} ids={picker.ticketIds} />
  );
}

function ActivePicker({
  kind,
  ids,
}: {
  kind: NonNullable<ReturnType<typeof useUi.getState>['picker']>['kind'];
  ids: string[];
}) {
  const { store, me, users, queues } = useWorkspace();
  const read = useRxDocRead(store.db.tickets, ids[0] ?? null);
  const first = read.id === ids[0] ? read.doc : null;
  // The whole selection, for who may have all of it (its tickets may be in several queues).
  const selection = useRxQuery(store.db.tickets, ids.length > 1 ? ticketsWithIds(ids) : null);
  const closePicker = useUi((s) => s.closePicker);
  const announce = useUi((s) => s.announce);
  // The ticket is not in the replica (it left the user's scope): say so rather than wait with nothing on screen.
  const gone = read.id === ids[0] && read.doc === null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the ticket is known to be gone
  useEffect(() => {
    if (!gone) return;
    closePicker();
    restoreFocus();
    announce('That ticket is no longer on this workstation');
  }, [gone]);
  const many = ids.length > 1;
  const suffix = many ? ` (${ids.length} tickets)` : '';
  const [confirm, setConfirm] = useState<{ change: string; breaches: BreachAtOnce[]; run(): void } | null>(null);
  const checking = useRef(false);

  const close = () => {
    closePicker();
    restoreFocus();
  };
  const apply = (work: Promise<Result<unknown> | Result<unknown>[]>, done: string) => {
    close();
    void firstError(work).then((error) => announce(error ? `Not saved: ${error}` : done));
  };
  /** A change that may re-target SLA clocks: made at once, unless it breaches one, which the user confirms first. */
  const guarded = (patch: TicketPatch, change: string, run: () => void) => {
    if (checking.current) return;
    checking.current = true;
    void store.preview.breachesAtOnce(ids, patch).then((breaches) => {
      checking.current = false;
      if (breaches.length === 0) run();
      else setConfirm({ change, breaches, run });
    });
  };
  if (!first || (many && selection.loading)) return null;
  if (confirm)
    return (
      <ConfirmBreach change={confirm.change} breaches={confirm.breaches} onConfirm={confirm.run} onCancel={close} />
    );

  if (kind === 'tags')
    return (
      <TagsEditor
        ticket={first}
        onClose={close}
        onSave={(tags) => apply(store.actions.updateTicket(first.id, { tags }), 'Tags saved')}
      />
    );

  let title = '';
  let options: PickerOption[] = [];
  let current: string | undefined;
  let pick: (value: string) => void = () => {};
  if (kind === 'assign') {
    title = `Assign to${suffix}`;
    // Only people who work the tickets' queues: anyone else would not see a ticket handed to them.
    const queueIds = many ? selection.docs.map((t) => t.queueId) : [first.queueId];
    const eligible = eligibleAssignees(users, queueIds).sort((a, b) =>
      a.id === me.id ? -1 : b.id === me.id ? 1 : a.name.localeCompare(b.name),
    );
    options = [
      ...eligible.map((u) => ({ value: u.id, label: u.id === me.id ? `${u.name} (me)` : u.name, hint: u.role })),
      {
        value: UNASSIGNED || '__none',
        label: 'Unassigned',
        hint: eligible.length === 0 ? 'nobody works in all of these queues' : undefined,
      },
    ];
    current = many ? undefined : first.assigneeId || '__none';
    pick = (v) => {
      const id = v === '__none' ? UNASSIGNED : v;
      const name = users.find((u) => u.id === id)?.name ?? 'nobody';
      apply(many ? store.actions.bulkAssign(ids, id) : store.actions.assign(first.id, id), `Assigned to ${name}`);
    };
  } else if (kind === 'status') {
    title = `Set status${suffix}`;
    options = [first.status, ...allowedNextStatuses(first.status, me.role)].map((s) => ({
      value: s,
      label: STATUS_LABELS[s],
    }));
    current = first.status;
    pick = (v) => {
      const status = v as Ticket['status'];
      apply(
        many ? store.actions.bulkSetStatus(ids, status) : store.actions.setStatus(first.id, status),
        `Status set to ${STATUS_LABELS[status]}`,
      );
    };
  } else if (kind === 'priority') {
    title = `Set priority${suffix}`;
    options = PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABELS[p] }));
    current = many ? undefined : first.priority;
    pick = (v) => {
      const p = v as Ticket['priority'];
      guarded({ priority: p }, `Setting priority ${p}${many ? ` on ${ids.length} tickets` : ''}`, () =>
        apply(
          many ? store.actions.bulkUpdate(ids, { priority: p }) : store.actions.setPriority(first.id, p),
          `Priority set to ${p}`,
        ),
      );
    };
  } else {
    title = `Move to queue${suffix}`;
    options = queues.map((q) => ({ value: q.id, label: q.name }));
    current = many ? undefined : first.queueId;
    pick = (v) => {
      const name = queues.find((q) => q.id === v)?.name ?? v;
      guarded({ queueId: v }, `Moving ${many ? `${ids.length} tickets ` : ''}to ${name}`, () =>
        apply(many ? store.actions.bulkMoveQueue(ids, v) : store.actions.moveQueue(first.id, v), `Moved to ${name}`),
      );
    };
  }
  return <OptionPicker title={title} options={options} current={current} onPick={pick} onClose={close} />;
}

function TagsEditor({ ticket, onClose, onSave }: { ticket: Ticket; onClose(): void; onSave(tags: string[]): void }) {
  const [text, setText] = useState(ticket.tags.join(' '));
  const tags = [...new Set(text.split(/[\s,]+/).filter(Boolean))];
  const bad = tags.find((t) => t.length > 40);
  return (
    <Modal opened onClose={onClose} title="Edit tags" size="sm">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!bad) onSave(tags);
        }}
      >
        <Stack gap="xs">
          <TextInput
            data-autofocus
            label="Tags, separated by spaces"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={
              bad
                ? `“${bad.slice(0, 20)}…” is longer than 40 characters`
                : tags.length > 20
                  ? 'At most 20 tags'
                  : undefined
            }
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={Boolean(bad) || tags.length > 20}>
              Save tags
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
