import { map, type Observable, shareReplay } from 'rxjs';
import { newId as randomId } from '../../../shared/domain/common';
import { type Preset, PresetSchema, type SavedView, type ViewDefinition } from '../../../shared/domain/preset';
import type { User } from '../../../shared/domain/user';
import { err, ok, type Result } from '../../../shared/result';
import { checkPresetWrite } from '../../../shared/sync/preset-rules';
import { describeIssues } from '../../../shared/validation';
import type { StoreDatabase } from './database';
import { docContent } from './doc-state';
import { NothingChanged } from './no-op-writes';
import { messageOf } from './storage-failure';

/**
 * The user's saved views: presets of kind `view` in the replica, synced like tickets. They are made, renamed and
 * deleted offline and pushed later (a deletion travels as a deleted state); the server sends each user only their
 * own, so this replica never holds anyone else's. Every write checks the shared schema and write rule first (the
 * server's own reasons), records the outbox entry before and after writing (the pending count), then writes.
 */
export interface SavedViewsApi {
  /** In sidebar order, the same on every workstation: oldest first. */
  list$: Observable<SavedView[]>;
  create(input: NewSavedView): Promise<Result<SavedView>>;
  /** Renames it, or gives it a new definition (re-applying a value a merge kept aside). */
  update(id: string, patch: Partial<Pick<SavedView, 'name' | 'definition'>>): Promise<Result<SavedView>>;
  remove(id: string): Promise<Result<void>>;
}

export interface NewSavedView {
  name: string;
  definition: ViewDefinition;
  /** Views brought over from an older workstation keep their id and order. */
  id?: string;
  createdAt?: string;
}

export interface SavedViewsDeps {
  db: StoreDatabase;
  user: Pick<User, 'id' | 'role'>;
  now: () => Date;
  markPending(collection: 'presets', docId: string): Promise<void>;
}

const GONE = 'This saved view was deleted (here or on another workstation); the change was not made.';

export function createSavedViews({ db, user, now, markPending }: SavedViewsDeps): SavedViewsApi {
  const list$ = db.presets.find({ selector: { kind: 'view' }, sort: [{ createdAt: 'asc' }, { id: 'asc' }] }).$.pipe(
    map((docs) => docs.map((doc) => docContent(doc.toMutableJSON()) as SavedView)),
    shareReplay({ bufferSize: 1, refCount: true }),
  );

  /** The preset as the schema and the write rule accept it, or the reason they do not. */
  function valid(before: Preset | null, candidate: Preset): Result<SavedView> {
    const parsed = PresetSchema.safeParse(candidate);
    if (!parsed.success) return err(describeIssues(parsed.error));
    const refusal = checkPresetWrite(user, before, parsed.data);
    return refusal ? err(`${refusal.message}.`) : ok(parsed.data as SavedView);
  }

  return {
    list$,

    async create(input) {
      const checked = valid(null, {
        id: input.id ?? randomId(),
        kind: 'view',
        ownerId: user.id,
        name: input.name,
        createdAt: input.createdAt ?? now().toISOString(),
        definition: input.definition,
      });
      if (!checked.ok) return checked;
      try {
        await markPending('presets', checked.value.id);
        await db.presets.insert(checked.value);
        await markPending('presets', checked.value.id);
        return checked;
      } catch (error) {
        return err(messageOf(error));
      }
    },

    async update(id, patch) {
      const doc = await db.presets.findOne(id).exec();
      if (!doc) return err(GONE);
      try {
        await markPending('presets', id);
        const written = await doc.incrementalModify((data) => {
          if ((data as { _deleted?: boolean })._deleted) throw new Error(GONE);
          const before = docContent(data) as Preset;
          const checked = valid(before, { ...before, ...patch });
          if (!checked.ok) throw new Error(checked.error);
          return { ...data, ...checked.value };
        });
        if (written.deleted) return err(GONE);
        await markPending('presets', id);
        return ok(docContent(written.toMutableJSON()) as SavedView);
      } catch (error) {
        if (error instanceof NothingChanged) return ok(docContent(doc.getLatest().toMutableJSON()) as SavedView);
        return err(messageOf(error));
      }
    },

    async remove(id) {
      const doc = await db.presets.findOne(id).exec();
      if (!doc) return ok(undefined);
      try {
        await markPending('presets', id);
        await doc.getLatest().remove();
        await markPending('presets', id);
        return ok(undefined);
      } catch (error) {
        return err(messageOf(error));
      }
    },
  };
}
