import { z } from 'zod';
import { IdSchema, InstantSchema, nonBlank } from './common';
import { StatusSchema } from './lifecycle';
import { PrioritySchema } from './priority';
import { TagSchema } from './ticket';

/**
 * Presets: small things a user sets up once and reuses, kept on the server and replicated only to their owner.
 * Today one kind, the saved view (a list view with its filters and sort, `kind: 'view'`); macros and the like are
 * meant to join as further kinds of the same collection (docs/architecture-notes.md, "Collection budget").
 */

/** The views a saved view can start from: the built-in ones and a queue. */
export const PLAIN_VIEW_KINDS = ['mine', 'unassigned', 'breaching', 'breached', 'all'] as const;
export const BaseViewSchema = z.union([
  z.object({ kind: z.enum(PLAIN_VIEW_KINDS) }),
  z.object({ kind: z.literal('queue'), queueId: IdSchema }),
]);
export type BaseView = z.infer<typeof BaseViewSchema>;

export const SORT_KEYS = ['sla', 'priority', 'updated'] as const;
export const SortKeySchema = z.enum(SORT_KEYS);
export type SortKey = z.infer<typeof SortKeySchema>;

const distinct = <T>(items: readonly T[]) => new Set(items).size === items.length;

/** The list's filters, as the filter bar sets them. */
export const ViewFiltersSchema = z.object({
  /** Words of a title, or a ticket number. */
  text: z.string().max(200, 'must be at most 200 characters'),
  statuses: z.array(StatusSchema).refine(distinct, 'must not list a status twice'),
  priorities: z.array(PrioritySchema).refine(distinct, 'must not list a priority twice'),
  /** A user id, '' for unassigned tickets, or null for anyone. */
  assigneeId: z.string().max(64, 'must be at most 64 characters').nullable(),
  tag: TagSchema.nullable(),
});
export type ViewFilters = z.infer<typeof ViewFiltersSchema>;

export const ViewDefinitionSchema = z.object({
  base: BaseViewSchema,
  filters: ViewFiltersSchema,
  sort: SortKeySchema,
});
export type ViewDefinition = z.infer<typeof ViewDefinitionSchema>;

export const PRESET_KINDS = ['view'] as const;
export const PresetKindSchema = z.enum(PRESET_KINDS);
export type PresetKind = z.infer<typeof PresetKindSchema>;

export const PRESET_NAME_MAX = 60;

export const PresetSchema = z.object({
  id: IdSchema,
  kind: PresetKindSchema,
  /** The user it belongs to: only they receive it and only they may change it. */
  ownerId: IdSchema,
  name: nonBlank(PRESET_NAME_MAX),
  /** Set where it was made (possibly offline); it orders the sidebar, so it never changes. */
  createdAt: InstantSchema,
  definition: ViewDefinitionSchema,
});
export type Preset = z.infer<typeof PresetSchema>;
/** A saved view: the one kind of preset so far. */
export type SavedView = Preset & { kind: 'view' };

/** Fields fixed when a preset is made: a change to any of them is refused (`immutable`). */
export const FIXED_PRESET_FIELDS = ['kind', 'ownerId', 'createdAt'] as const satisfies readonly (keyof Preset)[];
