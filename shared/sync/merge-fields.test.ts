import { describe, expect, it } from 'vitest';
import type { SavedView } from '../domain/preset';
import { makeSavedView } from '../testing/fixtures';
import { mergeFields } from './merge';

type State = SavedView & { _deleted?: boolean };
const base: State = { ...makeSavedView(), _deleted: false };
const TEXT = new Set(['name']);
const sortedBy = (sort: SavedView['definition']['sort']) => ({ ...base.definition, sort });

describe('merging a saved view changed on two workstations', () => {
  it('takes each side’s change when they changed different fields', () => {
    const local = { ...base, name: 'Printers, mine' };
    const master = { ...base, definition: sortedBy('updated') };
    expect(mergeFields(base, local, master, TEXT)).toEqual({
      merged: { ...base, name: 'Printers, mine', definition: sortedBy('updated') },
      keptAside: [],
    });
  });

  it('keeps the server’s name when both renamed it, and keeps the local name aside to re-apply', () => {
    const local = { ...base, name: 'Printer jams' };
    const master = { ...base, name: 'Printers (floor 3)' };
    expect(mergeFields(base, local, master, TEXT)).toEqual({
      merged: master,
      keptAside: [
        {
          field: 'name',
          rule: 'text-master-wins',
          base: 'Printers',
          local: 'Printer jams',
          master: 'Printers (floor 3)',
        },
      ],
    });
  });

  it('keeps the view when it was deleted here but changed there since: the other side’s change stays', () => {
    const local = { ...base, _deleted: true };
    const master = { ...base, name: 'Renamed elsewhere' };
    expect(mergeFields(base, local, master, TEXT)).toEqual({ merged: master, keptAside: [] });
  });

  it('lets a deletion elsewhere win, keeping the local rename aside', () => {
    const local = { ...base, name: 'Renamed here' };
    const master = { ...base, _deleted: true };
    expect(mergeFields(base, local, master, TEXT)).toEqual({
      merged: master,
      keptAside: [
        { field: 'name', rule: 'master-deleted', base: 'Printers', local: 'Renamed here', master: 'Printers' },
      ],
    });
  });
});
