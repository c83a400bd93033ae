import { ActionIcon, Badge, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { formatCount } from '../rx/hooks';
import { useWorkspace } from '../rx/StoreContext';
import { DEFAULT_FILTERS, type SavedFilter, useUi, type ViewRef } from '../ui-state';
import { useListShown } from './list-shown';
import { useWarmFirstPage } from './use-ticket-window';
import { useViewContext, useViewCount } from './use-view-query';
import { countSelectors, viewQuery } from './view-query';

const sameView = (a: ViewRef, b: ViewRef) => JSON.stringify(a) === JSON.stringify(b);

/** What the SLA views count (shared/sla/status.ts): only clocks that run, so waiting tickets are in neither. */
const COUNT_TITLES: Partial<Record<ViewRef['kind'], string>> = {
  breaching: 'Open tickets whose SLA clock is in warning',
  breached: 'Open tickets whose running SLA clock is past its target',
};

/**
 * One view with its live count. Built-in views count their open tickets (paused ones too) through an index; a saved
 * view shows a count only when its filters are ones an index can count, never a guess.
 */
function ViewLink({ view, label, saved }: { view: ViewRef; label: string; saved?: SavedFilter }) {
  const { store } = useWorkspace();
  const current = useUi((s) => s.view);
  const screen = useUi((s) => s.screen);
  const showView = useUi((s) => s.showView);
  const ctx = useViewContext();
  const query = saved ? viewQuery(view, saved.filters, saved.sort, ctx) : null;
  const counted = query ? (query.exact ? { count: query.bound, less: query.less } : null) : countSelectors(view, ctx);
  const count = useViewCount(useListShown() ? counted : null);
  // A built-in view's first rows are kept ready once the replica is (g u, g b… paint without waiting for a read).
  const sort = useUi((s) => s.sort);
  const warm = useUi((s) => s.replicaReady) && !saved;
  useWarmFirstPage(store.db.tickets, warm ? viewQuery(view, DEFAULT_FILTERS, sort, ctx, count).list : null);
  const active = screen === 'queue' && sameView(view, current);
  return (
    <NavLink
      component="button"
      label={label}
      active={active}
      aria-current={active ? 'page' : undefined}
      onClick={() => showView(view)}
      rightSection={
        counted && (
          <Badge
            variant={active ? 'filled' : 'light'}
            color={active ? 'indigo' : 'gray'}
            aria-label={saved ? `${formatCount(count)} tickets` : `${formatCount(count)} open`}
            title={saved ? undefined : (COUNT_TITLES[view.kind] ?? 'Tickets not yet resolved, waiting ones included')}
          >
            {formatCount(count)}
          </Badge>
        )
      }
      py={4}
    />
  );
}

function SavedLink({ saved }: { saved: SavedFilter }) {
  const deleteFilter = useUi((s) => s.deleteFilter);
  return (
    <div style={{ position: 'relative' }}>
      <ViewLink view={{ kind: 'saved', id: saved.id }} label={saved.name} saved={saved} />
      <ActionIcon
        size="xs"
        variant="subtle"
        color="gray"
        aria-label={`Delete saved view ${saved.name}`}
        onClick={() => deleteFilter(saved.id)}
        style={{ position: 'absolute', right: 52, top: 8 }}
      >
        ×
      </ActionIcon>
    </div>
  );
}

/** Views with live counts: the built-in ones, one per queue, and the user's saved filters. */
export function Sidebar() {
  const { queues, me } = useWorkspace();
  const saved = useUi((s) => s.savedFilters);
  const screen = useUi((s) => s.screen);
  const showScreen = useUi((s) => s.showScreen);
  const supervisor = me.role === 'supervisor' || me.role === 'admin';
  return (
    <ScrollArea h="100%" type="auto">
      <Stack gap={0} component="nav" aria-label="Views" p={6}>
        <ViewLink view={{ kind: 'mine' }} label="My open tickets" />
        <ViewLink view={{ kind: 'unassigned' }} label="Unassigned" />
        <ViewLink view={{ kind: 'breaching' }} label="Breaching soon" />
        <ViewLink view={{ kind: 'breached' }} label="Breached" />
        <ViewLink view={{ kind: 'all' }} label="All open tickets" />
        <Text size="xs" fw={600} c="dimmed" mt="sm" mb={2} px="sm">
          Queues
        </Text>
        {queues.map((q) => (
          <ViewLink key={q.id} view={{ kind: 'queue', queueId: q.id }} label={q.name} />
        ))}
        <Text size="xs" fw={600} c="dimmed" mt="sm" mb={2} px="sm">
          Saved views
        </Text>
        {saved.length === 0 ? (
          <Text size="xs" c="dimmed" px="sm">
            Filter the list, then choose “Save view” to keep it here.
          </Text>
        ) : (
          saved.map((f) => <SavedLink key={f.id} saved={f} />)
        )}
        {supervisor && (
          <>
            <Text size="xs" fw={600} c="dimmed" mt="sm" mb={2} px="sm">
              Supervisor
            </Text>
            <NavLink
              component="button"
              label="Workload"
              active={screen === 'workload'}
              aria-current={screen === 'workload' ? 'page' : undefined}
              onClick={() => showScreen('workload')}
              py={4}
            />
          </>
        )}
      </Stack>
    </ScrollArea>
  );
}
