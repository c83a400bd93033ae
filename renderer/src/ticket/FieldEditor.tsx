import { useState } from 'react';
import type { Ticket } from '../../../shared/domain/ticket';
import { TICKET_TYPE_LABELS, type TicketType } from '../../../shared/domain/ticket-type';
import { ok, type Result } from '../../../shared/result';
import { holdKeysDuring } from '../keyboard/key-hold';
import { useRxQuery } from '../rx/hooks';
import { useWorkspace } from '../rx/StoreContext';
import { everything } from '../rx/store-api';
import { useUi } from '../ui-state';
import {
  categoryOptions,
  categoryPatch,
  checkText,
  currentCategory,
  type EditableField,
  type FieldPatch,
  requesterOptions,
  typedCategory,
  typeOptions,
} from './field-edit';
import { InlineText } from './InlineText';
import { OptionList } from './OptionPicker';

/**
 * The open editor of one field of the open ticket. Writes go through the store's one edit path (updateTicket:
 * validation, outbox, conflict merge on push); a refusal keeps the editor open with what was typed or chosen.
 */
export function FieldEditor({ field, ticket, onClose }: { field: EditableField; ticket: Ticket; onClose(): void }) {
  const { store, users } = useWorkspace();
  const announce = useUi((s) => s.announce);
  const { docs: catalog, loading: catalogLoading } = useRxQuery(store.db.catalog, everything());
  const [error, setError] = useState<string | null>(null);

  const write = async (patch: FieldPatch, done: string): Promise<string | null> => {
    const result = await holdKeysDuring(() => store.actions.updateTicket(ticket.id, patch));
    if (!result.ok) {
      announce(`Not saved: ${result.error}`);
      return `Not saved: ${result.error}`;
    }
    onClose();
    announce(done);
    return null;
  };
  const choose = (patch: Result<FieldPatch>, done: string) => {
    if (!patch.ok) setError(patch.error);
    else void write(patch.value, done).then(setError);
  };

  if (field === 'title' || field === 'description') {
    const label = field === 'title' ? 'Title' : 'Description';
    return (
      <InlineText
        label={label}
        initial={ticket[field]}
        multiline={field === 'description'}
        onCancel={onClose}
        onSave={async (text) => {
          const checked = checkText(field, text);
          return checked.ok ? write({ [field]: checked.value }, `${label} saved`) : checked.error;
        }}
      />
    );
  }
  const list = { autoFocus: true, onCancel: onClose, error };
  if (field === 'type')
    return (
      <OptionList
        {...list}
        title="Change type"
        options={typeOptions()}
        current={ticket.type}
        onPick={(v) => choose(ok({ type: v as TicketType }), `Type set to ${TICKET_TYPE_LABELS[v as TicketType]}`)}
      />
    );
  if (field === 'category')
    return (
      <OptionList
        {...list}
        title="Change category or catalog item"
        options={categoryOptions(catalog, ticket)}
        current={currentCategory(ticket)}
        // Until the catalog is read, a typed name may yet match an item: offer it as a new category only then.
        typed={catalogLoading ? undefined : typedCategory}
        onPick={(v) => choose(categoryPatch(v, catalog), 'Category saved')}
      />
    );
  return (
    <OptionList
      {...list}
      title="Change requester"
      options={requesterOptions(users, ticket.requesterId)}
      current={ticket.requesterId}
      onPick={(v) => choose(ok({ requesterId: v }), `Requester set to ${users.find((u) => u.id === v)?.name ?? v}`)}
    />
  );
}
