import {
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useRef, useState } from 'react';
import { eligibleAssignees } from '../../../shared/domain/assignment';
import type { FormData, ServiceCatalogItem } from '../../../shared/domain/catalog';
import { LEVEL_LABELS, type Level, priorityFrom } from '../../../shared/domain/priority';
import { emptySla, ticketLabel } from '../../../shared/domain/ticket';
import { TICKET_TYPE_LABELS, TICKET_TYPES, type TicketType } from '../../../shared/domain/ticket-type';
import { createsForSelf, createsInOwnQueuesOnly } from '../../../shared/sync/write-rules';
import { moveFocus, restoreFocus } from '../keyboard/focus';
import { holdKeysDuring } from '../keyboard/key-hold';
import { useRxQuery } from '../rx/hooks';
import { useWorkspace } from '../rx/StoreContext';
import { activeCatalogItems } from '../rx/store-api';
import { useUi } from '../ui-state';
import { type DraftErrors, draftErrors, namesOf } from './create-errors';
import { hintTicket } from './ticket-hint';

const LEVELS = (['1', '2', '3'] as const).map((v) => ({ value: v, label: LEVEL_LABELS[Number(v) as Level] }));

/** c: a new ticket, blank or from a service catalog item with its own fields; validated with the shared schemas. */
export function CreateTicket() {
  const open = useUi((s) => s.createOpen);
  if (!open) return null;
  return <CreateForm />;
}

function CreateForm() {
  const { store, me, queues, users } = useWorkspace();
  const ui = useUi.getState;
  const catalog = useRxQuery(store.db.catalog, activeCatalogItems()).docs;
  const [itemId, setItemId] = useState<string | null>(null);
  const item = catalog.find((c) => c.id === itemId) ?? null;
  const [type, setType] = useState<TicketType>('incident');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [requesterId, setRequesterId] = useState<string | null>(null);
  const [queueId, setQueueId] = useState<string | null>(me.queueIds[0] ?? queues[0]?.id ?? null);
  const [chosenAssignee, setAssignee] = useState<string | null>(null);
  const [impact, setImpact] = useState<Level>(2);
  const [urgency, setUrgency] = useState<Level>(2);
  const [form, setForm] = useState<FormData>({});
  const [errors, setErrors] = useState<DraftErrors>({});
  const formRef = useRef<HTMLFormElement>(null);

  const pickItem = (id: string | null) => {
    setItemId(id);
    const next = catalog.find((c) => c.id === id);
    setForm({});
    if (next) {
      setType(next.ticketType);
      setQueueId(next.defaultQueueId);
      setImpact(next.impact);
      setUrgency(next.urgency);
      if (!title) setTitle(next.name);
    }
  };
  const close = () => {
    ui().setOverlay('create', false);
    restoreFocus();
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const now = new Date().toISOString();
    const candidate = {
      id: 'draft',
      number: null,
      type,
      title,
      description,
      requesterId: requesterId ?? '',
      status: 'new' as const,
      impact,
      urgency,
      priority: priorityFrom(impact, urgency),
      queueId: queueId ?? '',
      assigneeId: '',
      catalogItemId: item?.id ?? '',
      category: item?.category ?? '',
      tags: [],
      formData: form,
      createdAt: now,
      updatedAt: now,
      firstResponseAt: null,
      resolvedAt: null,
      sla: emptySla('pending'),
      slaDueAt: 0,
    };
    const found = draftErrors(candidate, item, form);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      // Focus goes to the first field to fix; what was typed everywhere stays.
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    // Keys typed while the ticket is written act on the pane that shows it next, not on this closing form.
    const created = await holdKeysDuring(() =>
      item
        ? store.actions.createTicketFromCatalog({
            catalogItemId: item.id,
            formData: form,
            title: title.trim(),
            description,
            requesterId: requesterId ?? undefined,
            assigneeId: assigneeId ?? undefined,
          })
        : store.actions.createTicket({
            type,
            title: title.trim(),
            description,
            requesterId: requesterId ?? undefined,
            impact,
            urgency,
            queueId: queueId ?? '',
            assigneeId: assigneeId ?? undefined,
          }),
    );
    if (!created.ok) {
      setErrors({ form: { label: 'Ticket', text: `Not created: ${created.error}` } });
      return;
    }
    ui().setOverlay('create', false);
    ui().announce(`Created ${ticketLabel(created.value)}`);
    // The pane paints the new ticket at once rather than after reading it back, and takes focus: the next keys are
    // for the new ticket. Focus handed back to a list with rows would let the list's active row take the pane.
    hintTicket(created.value);
    ui().openTicket(created.value.id, 'split');
    moveFocus('detail', 'list');
  };

  // Everyone but admins creates tickets only in their own queues (the write rules; the server refuses others). A
  // catalog item's queue is fixed by the item, so it is shown even when it is not theirs, with the reason it cannot be used.
  const queueLimited = createsInOwnQueuesOnly(me.role);
  const creatable = queues.filter((q) => !queueLimited || me.queueIds.includes(q.id) || q.id === queueId);
  const notMine = queueLimited && queueId !== null && !me.queueIds.includes(queueId);
  const requesters = users.filter((u) => u.active).map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }));
  // Only people who work the chosen queue (a choice that stops fitting after a queue change falls back to nobody);
  // a technician's new ticket is always their own.
  const assignable = (queueId ? eligibleAssignees(users, [queueId]) : []).sort((a, b) => a.name.localeCompare(b.name));
  const assigneeId = assignable.some((u) => u.id === chosenAssignee) ? chosenAssignee : null;
  return (
    <Modal opened onClose={close} title="Create ticket" size="lg">
      <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="xs">
          <Select
            label="From the service catalog"
            placeholder="None: a blank ticket"
            data={catalog.map((c) => ({ value: c.id, label: `${c.name} · ${c.category}` }))}
            value={itemId}
            onChange={pickItem}
            clearable
            searchable
          />
          <SimpleGrid cols={2} spacing="xs">
            <Select
              label="Type"
              disabled={item !== null}
              data={TICKET_TYPES.map((t) => ({ value: t, label: TICKET_TYPE_LABELS[t] }))}
              value={type}
              onChange={(v) => v && setType(v as TicketType)}
              allowDeselect={false}
            />
            <Select
              label="Queue"
              disabled={item !== null}
              data={creatable.map((q) => ({ value: q.id, label: q.name }))}
              value={queueId}
              onChange={setQueueId}
              error={
                errors.queueId?.text ?? (notMine ? 'Not one of your queues: you cannot create tickets here' : undefined)
              }
              allowDeselect={false}
            />
          </SimpleGrid>
          <TextInput
            label="Title"
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={errors.title?.text}
            required
            data-autofocus
          />
          <SimpleGrid cols={createsForSelf(me.role) ? 1 : 2} spacing="xs">
            <Select
              label="Requester"
              data={requesters}
              value={requesterId}
              onChange={setRequesterId}
              searchable
              error={errors.requesterId?.text}
              required
            />
            {!createsForSelf(me.role) && (
              <Select
                label="Assignee"
                placeholder="Unassigned"
                data={assignable.map((u) => ({ value: u.id, label: u.id === me.id ? `${u.name} (me)` : u.name }))}
                value={assigneeId}
                onChange={setAssignee}
                searchable
                clearable
                nothingFoundMessage="Nobody in this queue matches"
              />
            )}
          </SimpleGrid>
          <SimpleGrid cols={3} spacing="xs">
            <Select
              label="Impact"
              disabled={item !== null}
              data={LEVELS}
              value={String(impact)}
              onChange={(v) => v && setImpact(Number(v) as Level)}
              allowDeselect={false}
            />
            <Select
              label="Urgency"
              disabled={item !== null}
              data={LEVELS}
              value={String(urgency)}
              onChange={(v) => v && setUrgency(Number(v) as Level)}
              allowDeselect={false}
            />
            <div>
              <Text size="xs" fw={500}>
                Priority
              </Text>
              <Text size="sm" mt={6}>
                {priorityFrom(impact, urgency)} (impact × urgency)
              </Text>
            </div>
          </SimpleGrid>
          {item && <CatalogFields item={item} form={form} setForm={setForm} errors={errors} />}
          <Textarea
            label="Description"
            autosize
            minRows={3}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errors.description?.text}
          />
          {Object.keys(errors).length > 0 && (
            <Text size="sm" c="red" role="alert">
              {errors.form ? errors.form.text : `Not created yet: check ${namesOf(errors)}. Nothing you typed is lost.`}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit">Create ticket</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function CatalogFields({
  item,
  form,
  setForm,
  errors,
}: {
  item: ServiceCatalogItem;
  form: FormData;
  setForm(f: FormData): void;
  errors: DraftErrors;
}) {
  const set = (key: string, value: string | number | boolean | undefined) => {
    const next = { ...form };
    if (value === undefined || value === '') delete next[key];
    else next[key] = value;
    setForm(next);
  };
  return (
    <Stack gap="xs" p="xs" style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 4 }}>
      <Text size="xs" c="dimmed">
        {item.name}: {item.description}
      </Text>
      {item.fields.map((f) => {
        const common = {
          label: f.label,
          description: f.help,
          required: f.required,
          error: errors[`form.${f.key}`]?.text,
        };
        const value = form[f.key];
        switch (f.kind) {
          case 'select':
            return (
              <Select
                key={f.key}
                {...common}
                data={f.options ?? []}
                value={typeof value === 'string' ? value : null}
                onChange={(v) => set(f.key, v ?? undefined)}
              />
            );
          case 'number':
            return (
              <NumberInput
                key={f.key}
                {...common}
                size="xs"
                value={typeof value === 'number' ? value : ''}
                min={f.min}
                max={f.max}
                onChange={(v) => set(f.key, typeof v === 'number' ? v : undefined)}
              />
            );
          case 'checkbox':
            return (
              <Checkbox
                key={f.key}
                label={f.label}
                error={common.error}
                checked={value === true}
                onChange={(e) => set(f.key, e.currentTarget.checked)}
              />
            );
          case 'textarea':
            return (
              <Textarea
                key={f.key}
                {...common}
                autosize
                minRows={2}
                value={typeof value === 'string' ? value : ''}
                onChange={(e) => set(f.key, e.currentTarget.value)}
              />
            );
          case 'date':
            return (
              <TextInput
                key={f.key}
                {...common}
                type="date"
                value={typeof value === 'string' ? value : ''}
                onChange={(e) => set(f.key, e.currentTarget.value)}
              />
            );
          default:
            return (
              <TextInput
                key={f.key}
                {...common}
                value={typeof value === 'string' ? value : ''}
                onChange={(e) => set(f.key, e.currentTarget.value)}
              />
            );
        }
      })}
    </Stack>
  );
}
