import { firstValueFrom } from 'rxjs';
import { z } from 'zod';
import { IdSchema } from '../../../shared/domain/common';
import {
  BaseViewSchema,
  PRESET_NAME_MAX,
  SortKeySchema,
  type ViewDefinition,
  ViewFiltersSchema,
} from '../../../shared/domain/preset';
import type { WorkstationStore } from '../rx/store-api';
import type { NewSavedView } from '../store/saved-views';
import { DEFAULT_FILTERS } from '../ui-state';

/**
 * Upgrading a workstation that kept saved views in the browser's localStorage (before 2026-12-07: one list for
 * everyone who signed in on that browser, never cleared) and its view last shown under one key for everyone. The
 * first user to open a session there after the upgrade receives both: the views become their own synced saved views
 * (same ids and order), and the old keys are removed once that succeeded, so nobody after them sees them. That user
 * is usually the person who made them (the session that was open before the upgrade resumes), the best guess there
 * is; see docs/architecture-notes.md.
 */
export const LEGACY_SAVED_KEY = 'workstation.savedFilters';
export const LEGACY_VIEW_KEY = 'workstation.view';

const LegacyEntrySchema = z.object({
  id: z.unknown(),
  name: z.unknown(),
  view: z.unknown(),
  filters: z.unknown(),
  sort: z.unknown(),
});

const readJson = (storage: Storage, key: string): unknown => {
  try {
    return JSON.parse(storage.getItem(key) ?? 'null');
  } catch {
    return null;
  }
};

/** Each old entry as a new saved view; what no longer validates falls back to the defaults field by field. */
function legacyViews(storage: Storage, now: Date): NewSavedView[] {
  const list = z.array(LegacyEntrySchema).safeParse(readJson(storage, LEGACY_SAVED_KEY));
  if (!list.success) return [];
  return list.data.map((entry, index) => {
    const id = IdSchema.safeParse(entry.id);
    const name = typeof entry.name === 'string' ? entry.name.trim().slice(0, PRESET_NAME_MAX) : '';
    return {
      ...(id.success ? { id: id.data } : {}),
      name: name || `Saved view ${index + 1}`,
      // A millisecond apart, so they keep their order in the sidebar.
      createdAt: new Date(now.getTime() + index).toISOString(),
      definition: definitionOf(entry),
    };
  });
}

function definitionOf(entry: z.infer<typeof LegacyEntrySchema>): ViewDefinition {
  const pick = <T>(schema: z.ZodType<T>, value: unknown, fallback: T): T => {
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : fallback;
  };
  const filters = (entry.filters ?? {}) as Record<string, unknown>;
  const shape = ViewFiltersSchema.shape;
  return {
    base: pick(BaseViewSchema, entry.view, { kind: 'all' }),
    filters: {
      text: pick(shape.text, typeof filters.text === 'string' ? filters.text.slice(0, 200) : '', ''),
      statuses: pick(shape.statuses, filters.statuses, [...DEFAULT_FILTERS.statuses]),
      priorities: pick(shape.priorities, filters.priorities, []),
      assigneeId: pick(shape.assigneeId, filters.assigneeId, null),
      tag: pick(shape.tag, filters.tag, null),
    },
    sort: pick(SortKeySchema, entry.sort, 'sla'),
  };
}

/** The view the old workstation showed last (a saved one with its definition), taken out of storage; or null. */
export function takeLegacyLastView(
  storage: Storage = localStorage,
  now = new Date(),
): { view: z.infer<typeof BaseViewSchema> } | { saved: { id: string; definition: ViewDefinition } } | null {
  const stored = readJson(storage, LEGACY_VIEW_KEY);
  storage.removeItem(LEGACY_VIEW_KEY);
  const base = BaseViewSchema.safeParse(stored);
  if (base.success) return { view: base.data };
  const saved = z.object({ kind: z.literal('saved'), id: IdSchema }).safeParse(stored);
  const view = saved.success ? legacyViews(storage, now).find((v) => v.id === saved.data.id) : undefined;
  return view?.id ? { saved: { id: view.id, definition: view.definition } } : null;
}

/**
 * Makes the old saved views the signed-in user's own (skipping any already adopted, so a restart halfway through
 * adds nothing twice), then removes them from localStorage. A view the store could not write keeps them there for
 * the next start: nothing is lost.
 */
export async function adoptLegacySavedViews(
  store: Pick<WorkstationStore, 'savedViews'>,
  storage: Storage = localStorage,
  now = new Date(),
): Promise<void> {
  if (storage.getItem(LEGACY_SAVED_KEY) === null) return;
  const have = new Set((await firstValueFrom(store.savedViews.list$)).map((v) => v.id));
  let failed = false;
  for (const view of legacyViews(storage, now)) {
    if (view.id && have.has(view.id)) continue;
    const result = await store.savedViews.create(view);
    if (!result.ok) failed = true;
  }
  if (!failed) storage.removeItem(LEGACY_SAVED_KEY);
}
