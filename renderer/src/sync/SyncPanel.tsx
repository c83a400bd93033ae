import { Alert, Badge, Button, Drawer, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { ticketLabel, UNASSIGNED } from '../../../shared/domain/ticket';
import { isStaff } from '../../../shared/domain/user';
import { restoreFocus } from '../keyboard/focus';
import { useRxQuery } from '../rx/hooks';
import { useWorkspace } from '../rx/StoreContext';
import { type OutboxEntry, outboxInOrder, type RejectionView, ticketsWithIds } from '../rx/store-api';
import { useUi } from '../ui-state';
import { ConflictResolution } from './ConflictResolution';
import { type ConflictGroup, groupConflicts } from './conflict-groups';
import { applyEdits, changedFields, fieldName, refusedChangeText, showValue } from './records';
import { useNames } from './use-names';
import {
  connectionDetail,
  connectionText,
  lastSyncText,
  STORAGE_PROBLEM_TEXT,
  STORAGE_TITLE,
  useSyncState,
} from './use-sync-state';

function useTicketLabels(ids: string[]) {
  const { store } = useWorkspace();
  const { docs } = useRxQuery(store.db.tickets, ids.length > 0 ? ticketsWithIds(ids.slice(0, 200)) : null);
  const byId = new Map(docs.map((t) => [t.id, `${ticketLabel(t)} · ${t.title}`]));
  return (id: string) => byId.get(id) ?? id;
}

/** People and queues are picked by name when a refused change is edited; other fields are typed. */
function useChoices(): Partial<Record<string, { value: string; label: string }[]>> {
  const { users, queues } = useWorkspace();
  return {
    queueId: queues.map((q) => ({ value: q.id, label: q.name })),
    assigneeId: [
      { value: UNASSIGNED, label: 'Unassigned' },
      ...users.filter((u) => isStaff(u.role) && u.active).map((u) => ({ value: u.id, label: u.name })),
    ],
  };
}

function Pending({ entries }: { entries: OutboxEntry[] }) {
  const label = useTicketLabels(entries.filter((e) => e.collectionName === 'tickets').map((e) => e.docId));
  if (entries.length === 0)
    return (
      <Text size="sm" c="dimmed">
        Nothing waiting: every change you made has reached the server.
      </Text>
    );
  return (
    <Stack gap={2} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {entries.map((e) => (
        <Text key={e.id} size="sm" component="li" truncate="end" title={label(e.docId)}>
          {e.collectionName === 'comments' ? 'Comment' : e.collectionName === 'presets' ? 'Saved view' : label(e.docId)}{' '}
          <Text span size="xs" c="dimmed">
            changed {new Date(e.at.split('~')[0] ?? '').toLocaleTimeString()}
          </Text>
        </Text>
      ))}
    </Stack>
  );
}

function Conflict({ group }: { group: ConflictGroup }) {
  const label = useTicketLabels([group.docId]);
  return (
    <Paper withBorder p="xs" data-testid="conflict">
      <Text size="sm" fw={600}>
        {group.collection === 'presets' ? 'Saved view' : label(group.docId)}
      </Text>
      <ConflictResolution group={group} />
    </Paper>
  );
}

function Rejection({ record }: { record: RejectionView }) {
  const { store } = useWorkspace();
  const label = useTicketLabels([record.docId]);
  const names = useNames();
  const choices = useChoices();
  const fields = changedFields(record.local, record.master);
  const local = record.local as unknown as Record<string, unknown>;
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const retry = () => {
    const edited = editing ? applyEdits(record.local, edits) : undefined;
    void store.rejections.retry(record.id, edited).then((r) => !r.ok && setError(r.error));
  };
  return (
    <Paper withBorder p="xs" data-testid="rejection">
      <Text size="sm" fw={600}>
        {record.collection === 'presets'
          ? `Saved view “${(record.local as { name?: string }).name ?? ''}”`
          : record.collection === 'comments'
            ? 'Comment'
            : record.kind === 'create'
              ? 'New ticket'
              : label(record.docId)}
      </Text>
      <Alert color="red" variant="light" p={6} mt={4} title="The server refused this change">
        {record.message}
      </Alert>
      {fields.length > 0 && (
        <Text size="xs" c="dimmed" mt={4}>
          Your change: {refusedChangeText(record, names)}
        </Text>
      )}
      {editing &&
        fields.map((f) => {
          const options = choices[f];
          return options ? (
            <Select
              key={f}
              label={fieldName(f)}
              mt={4}
              data={options}
              allowDeselect={false}
              searchable
              value={edits[f] ?? String(local[f] ?? '')}
              onChange={(value) => value !== null && setEdits({ ...edits, [f]: value })}
            />
          ) : (
            <TextInput
              key={f}
              label={fieldName(f)}
              mt={4}
              value={edits[f] ?? showValue(local[f])}
              onChange={(e) => setEdits({ ...edits, [f]: e.currentTarget.value })}
            />
          );
        })}
      {error && (
        <Text size="xs" c="red" mt={4}>
          {error}
        </Text>
      )}
      <Group gap={6} mt={6}>
        {fields.length > 0 && !editing && (
          <Button variant="default" onClick={() => setEditing(true)}>
            Edit
          </Button>
        )}
        <Button onClick={retry}>{editing ? 'Retry with edits' : 'Retry'}</Button>
        <Button variant="default" color="red" onClick={() => void store.rejections.discard(record.id)}>
          Discard
        </Button>
      </Group>
    </Paper>
  );
}

/** g y: pending changes, conflicts (kept local text, re-apply or dismiss) and refused changes with the server's reason. */
export function SyncPanel() {
  const { store } = useWorkspace();
  const open = useUi((s) => s.syncOpen);
  const setOverlay = useUi((s) => s.setOverlay);
  const sync = useSyncState();
  const outbox = useRxQuery(store.db.outbox, open ? outboxInOrder(200) : null).docs;
  const { rejections } = sync;
  const conflicts = groupConflicts(sync.conflicts);
  const offline = sync.status === 'offline' || sync.status === 'unauthorized';
  return (
    <Drawer
      opened={open}
      onClose={() => {
        setOverlay('sync', false);
        restoreFocus();
      }}
      position="right"
      size={460}
      closeButtonProps={{ 'aria-label': 'Close sync panel' }}
      title={
        <Title order={2} size="h4">
          Sync
        </Title>
      }
    >
      <Stack gap="md">
        {sync.storageFailure && (
          <Alert color="red" title={STORAGE_TITLE[sync.storageFailure]} data-testid="storage-problem">
            <Text size="sm">{STORAGE_PROBLEM_TEXT[sync.storageFailure]}</Text>
            <Button mt={8} color="red" variant="light" onClick={() => window.location.reload()}>
              Restart workstation
            </Button>
          </Alert>
        )}
        <Paper withBorder p="sm">
          <Group justify="space-between">
            <div>
              <Group gap={6}>
                <Badge
                  color={sync.status === 'online' ? 'teal' : sync.status === 'unauthorized' ? 'red' : 'gray'}
                  variant="light"
                  data-testid="sync-panel-state"
                >
                  {connectionText(sync)}
                </Badge>
                <Text size="xs" c="dimmed">
                  {/* Idle is not in sync when the replica could not take what it received. */}
                  {sync.storageFailure ? 'Download incomplete' : lastSyncText(sync.lastSyncedAt)}
                </Text>
              </Group>
              <Text size="sm" mt={6} data-testid="connection-detail">
                {connectionDetail(sync)}
              </Text>
              <Text size="sm" mt={4} data-testid="sync-summary">
                {sync.pendingCount === 0
                  ? 'Everything you changed is on the server.'
                  : offline
                    ? `${sync.pendingCount} change${sync.pendingCount === 1 ? ' is' : 's are'} saved on this device and will be sent when you are back online.`
                    : `Sending ${sync.pendingCount} change${sync.pendingCount === 1 ? '' : 's'}…`}
              </Text>
            </div>
            <Button variant="default" onClick={() => store.sync.resync()} disabled={offline}>
              Sync now
            </Button>
          </Group>
        </Paper>
        <section aria-labelledby="sync-pending">
          <Title order={3} size="h6" id="sync-pending" mb={4}>
            Pending changes ({sync.pendingCount})
          </Title>
          <Pending entries={outbox} />
        </section>
        <section aria-labelledby="sync-conflicts">
          <Title order={3} size="h6" id="sync-conflicts" mb={4}>
            Conflicts ({conflicts.length})
          </Title>
          {conflicts.length === 0 ? (
            <Text size="sm" c="dimmed">
              No conflicts. When someone changes the same field as you at the same time, your value is kept here to
              re-apply.
            </Text>
          ) : (
            <Stack gap="xs">
              {conflicts.map((g) => (
                <Conflict key={g.key} group={g} />
              ))}
            </Stack>
          )}
        </section>
        <section aria-labelledby="sync-refused">
          <Title order={3} size="h6" id="sync-refused" mb={4}>
            Refused changes ({rejections.length})
          </Title>
          {rejections.length === 0 ? (
            <Text size="sm" c="dimmed">
              The server accepted everything you sent.
            </Text>
          ) : (
            <Stack gap="xs">
              {rejections.map((r) => (
                <Rejection key={r.id} record={r} />
              ))}
            </Stack>
          )}
        </section>
      </Stack>
    </Drawer>
  );
}
