import { ActionIcon, Badge, Menu, NavLink, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { sameJson } from '../../../shared/canonical';
import { mayUse } from '../../../shared/domain/access';
import { PRESET_NAME_MAX, type SavedView } from '../../../shared/domain/preset';
import { SAVED_VIEW_SLOTS } from '../../../shared/keymap';
import { moveFocus } from '../keyboard/focus';
import { formatCount } from '../rx/hooks';
import { useWorkspace } from '../rx/StoreContext';
import { DEFAULT_FILTERS, useUi, type ViewRef } from '../ui-state';
import { useListShown } from './list-shown';
import { useWarmFirstPage } from './use-ticket-window';
import { BUILT_IN_VIEW_NAMES, useViewContext, useViewCount } from './use-view-query';
import { countSelectors, viewQuery } from './view-query';

const sameView = (a: ViewRef, b: ViewRef) => sameJson(a, b);

/** What the SLA views count (shared/sla/status.ts): only clocks that run, so waiting tickets are in neither. */
const COUNT_TITLES: Partial<Record<ViewRef['kind'], string>> = {
  breaching: 'Open tickets whose SLA clock is in warning',
  breached: 'Open tickets whose running SLA clock is past its target',
};

/**
 * One view with its live count. Built-in views count their open tickets (paused ones too) through an index; a saved
 * view shows a count only when its filters are ones an index can count, never a guess.
 */
function ViewLink({
  view,
  label,
  saved,
  slot,
}: {
  view: ViewRef;
  label: string;
  saved?: SavedView;
  /** Its place among the saved views (1–9 have a key, g then the digit). */
  slot?: number;
}) {
  const { store } = useWorkspace();
  const current = useUi((s) => s.view);
  const screen = useUi((s) => s.screen);
  const ctx = useViewContext();
  const query = saved ? viewQuery(view, saved.definition.filters, saved.definition.sort, ctx) : null;
  const counted = query ? (query.exact ? { count: query.bound, less: query.less } : null) : countSelectors(view, ctx);
  const count = useViewCount(useListShown() ? counted : null);
  // A built-in view's first rows are kept ready once the replica is (g u, g b… paint without waiting for a read).
  const sort = useUi((s) => s.sort);
  const warm = useUi((s) => s.replicaReady) && !saved;
  useWarmFirstPage(store.db.tickets, warm ? viewQuery(view, DEFAULT_FILTERS, sort, ctx, count).list : null);
  const active = screen === 'queue' && sameView(view, current);
  const show = () => {
    const ui = useUi.getState();
    if (saved) ui.showSaved(saved);
    else if (view.kind !== 'saved') ui.showView(view);
  };
  const key = slot !== undefined && slot <= SAVED_VIEW_SLOTS.length ? String(slot) : null;
  return (
    <NavLink
      component="button"
      label={label}
      active={active}
      aria-current={active ? 'page' : undefined}
      onClick={() => {
        show();
        // The view's tickets are what the next keys are for.
        moveFocus('list');
      }}
      noWrap
      title={saved ? (key ? `${label} (g then ${key})` : label) : undefined}
      leftSection={
        saved && (
          <kbd className="key slot" aria-hidden>
            {key ?? ''}
          </kbd>
        )
      }
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

/** A saved view: its link, and a menu to rename it in place or delete it (both sync like any change). */
function SavedLink({ saved, slot }: { saved: SavedView; slot: number }) {
  const { store } = useWorkspace();
  const announce = useUi((s) => s.announce);
  const [renaming, setRenaming] = useState(false);
  const remove = () =>
    void store.savedViews
      .remove(saved.id)
      .then((r) => announce(r.ok ? `Deleted saved view “${saved.name}”` : `Not deleted: ${r.error}`));
  if (renaming) return <RenameField saved={saved} onDone={() => setRenaming(false)} />;
  return (
    <div className="saved-view-link">
      <ViewLink view={{ kind: 'saved', id: saved.id }} label={saved.name} saved={saved} slot={slot} />
      <Menu position="right-start" shadow="md" withinPortal>
        <Menu.Target>
          <ActionIcon
            className="saved-view-menu"
            size="xs"
            variant="subtle"
            color="gray"
            aria-label={`Rename or delete saved view ${saved.name}`}
          >
            ⋯
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown data-owns-keys>
          <Menu.Item onClick={() => setRenaming(true)}>Rename…</Menu.Item>
          <Menu.Item color="red" onClick={remove}>
            Delete
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </div>
  );
}

/** Renaming in place: Enter keeps the new name (a refused one stays, with the reason), Esc leaves it as it was. */
function RenameField({ saved, onDone }: { saved: SavedView; onDone(): void }) {
  const { store } = useWorkspace();
  const announce = useUi((s) => s.announce);
  const [name, setName] = useState(saved.name);
  const [error, setError] = useState<string | null>(null);
  const rename = async () => {
    const result = await store.savedViews.update(saved.id, { name });
    if (!result.ok) return setError(result.error);
    announce(`Renamed saved view to “${result.value.name}”`);
    onDone();
  };
  return (
    <TextInput
      data-owns-keys
      aria-label={`New name for saved view ${saved.name}`}
      value={name}
      onChange={(e) => {
        setName(e.currentTarget.value);
        setError(null);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') void rename();
        else if (e.key === 'Escape') onDone();
        else return;
        e.preventDefault();
        e.stopPropagation();
      }}
      onBlur={onDone}
      error={error}
      maxLength={PRESET_NAME_MAX}
      autoFocus
      size="xs"
      px="xs"
      py={4}
    />
  );
}

/** When the saved view on screen is deleted (here or on another workstation), the list goes to My open tickets. */
function useLeaveDeletedView() {
  const { store } = useWorkspace();
  useEffect(() => {
    const sub = store.savedViews.list$.subscribe((views) => {
      const { view, showView } = useUi.getState();
      if (view.kind === 'saved' && !views.some((v) => v.id === view.id)) showView({ kind: 'mine' });
    });
    return () => sub.unsubscribe();
  }, [store]);
}

/** Views with live counts: the built-in ones, one per queue, and the user's saved views. */
export function Sidebar() {
  const { queues, me, savedViews } = useWorkspace();
  const screen = useUi((s) => s.screen);
  const showScreen = useUi((s) => s.showScreen);
  const supervisor = mayUse(me.role, 'workload');
  useLeaveDeletedView();
  return (
    <ScrollArea h="100%" type="auto">
      <Stack gap={0} component="nav" aria-label="Views" p={6}>
        <ViewLink view={{ kind: 'mine' }} label={BUILT_IN_VIEW_NAMES.mine} />
        <ViewLink view={{ kind: 'unassigned' }} label={BUILT_IN_VIEW_NAMES.unassigned} />
        <ViewLink view={{ kind: 'breaching' }} label={BUILT_IN_VIEW_NAMES.breaching} />
        <ViewLink view={{ kind: 'breached' }} label={BUILT_IN_VIEW_NAMES.breached} />
        <ViewLink view={{ kind: 'all' }} label={BUILT_IN_VIEW_NAMES.all} />
        <Text size="xs" fw={600} c="dimmed" mt="sm" mb={2} px="sm">
          Queues
        </Text>
        {queues.map((q) => (
          <ViewLink key={q.id} view={{ kind: 'queue', queueId: q.id }} label={q.name} />
        ))}
        <Text size="xs" fw={600} c="dimmed" mt="sm" mb={2} px="sm">
          Saved views
        </Text>
        {savedViews.length === 0 ? (
          <Text size="xs" c="dimmed" px="sm">
            “Save view” (Shift+S) keeps the list as filtered here, on every workstation you use.
          </Text>
        ) : (
          savedViews.map((v, index) => <SavedLink key={v.id} saved={v} slot={index + 1} />)
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
              onClick={() => {
                showScreen('workload');
                moveFocus('workload');
              }}
              py={4}
            />
          </>
        )}
      </Stack>
    </ScrollArea>
  );
}
