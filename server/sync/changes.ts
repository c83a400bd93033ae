/**
 * Change notes: after each committed write, a small NOTIFY payload tells every server process (and, through them,
 * every live stream) which collection changed at which sequence, and the scope keys needed to decide who cares —
 * without reading the database per stream. Old keys are included so users who just lost a document hear about it
 * (their next pull brings the tombstone).
 */
import type { Visibility } from '../../shared/domain/comment';
import { isStaff } from '../../shared/domain/user';
import { type SyncCollection, SyncCollectionSchema } from '../../shared/sync/protocol';
import type { Database, Queryable } from '../db/database';
import { type Actor, canPull, canSeeTicket, type TicketKeys, ticketScope } from '../scope';

export const CHANGES_CHANNEL = 'itsm_changes';

export interface ChangeNote {
  /** Collection. */
  c: SyncCollection;
  /** Highest sequence number written. */
  s: number;
  /** Tickets and comments: the ticket's keys now and, after a move, before. Absent: a bulk change (seeding) that
   *  concerns everyone who reads the collection. */
  k?: TicketKeys[];
  /** Comments: visibility, or absent when several comments of mixed visibility moved. */
  v?: Visibility;
  /** Comments: author. Users: the changed user. Presets: their owner. */
  u?: string;
}

export function publishChange(db: Database, tx: Queryable, note: ChangeNote): Promise<void> {
  return db.notify(CHANGES_CHANNEL, JSON.stringify(note), tx);
}

/** NOTIFY payloads must stay under 8000 bytes: 25 keys of 64-character ids at most is about 5 kB. */
const KEYS_PER_NOTE = 25;

/**
 * Publishes the changes of a batch: one note per collection carrying the highest sequence and every distinct key
 * (split into several notes when there are many), rather than one NOTIFY per row.
 */
export async function publishChanges(db: Database, tx: Queryable, notes: readonly ChangeNote[]): Promise<void> {
  for (const note of batchNotes(notes)) await publishChange(db, tx, note);
}

/** A batch's notes grouped per collection and split to fit NOTIFY (see publishChanges). */
function batchNotes(notes: readonly ChangeNote[]): ChangeNote[] {
  const byCollection = new Map<SyncCollection, ChangeNote[]>();
  for (const note of notes) byCollection.set(note.c, [...(byCollection.get(note.c) ?? []), note]);
  return [...byCollection].flatMap(([collection, group]) => {
    const s = Math.max(...group.map((note) => note.s));
    const same = <K extends 'v' | 'u'>(field: K) => {
      const values = new Set(group.map((note) => note[field]));
      const [only] = values;
      return values.size === 1 && only !== undefined ? { [field]: only } : {};
    };
    const base: ChangeNote = { c: collection, s, ...same('v'), ...same('u') };
    if (group.some((note) => note.k === undefined)) return [base];
    const keys = [...new Map(group.flatMap((note) => note.k ?? []).map((k) => [JSON.stringify(k), k])).values()];
    const split: ChangeNote[] = [];
    for (let i = 0; i < keys.length; i += KEYS_PER_NOTE) split.push({ ...base, k: keys.slice(i, i + KEYS_PER_NOTE) });
    return split;
  });
}

/**
 * Change notes sent by the statement that reserves their change numbers (store.ts), so a push costs no round trip
 * more for them: the notes' texts without `s`, and `notesSql`, which sends them with `s` set to an SQL expression. Delivered, like any NOTIFY in a transaction, only if and when it commits.
 */
export interface StatementNotes {
  channel: string;
  texts: string[];
}

export function statementNotes(db: Database, notes: readonly Omit<ChangeNote, 's'>[]): StatementNotes {
  return {
    channel: db.notifyChannel(CHANGES_CHANNEL),
    texts: batchNotes(notes.map((note) => ({ ...note, s: 0 }))).map(({ s: _, ...rest }) => JSON.stringify(rest)),
  };
}

/** SQL sending the notes held by parameters `channel` and `texts` (a text[]), each with `"s": <lastSeq>` added. */
export function notesSql(channel: string, texts: string, lastSeq: string): string {
  return `(SELECT count(pg_notify(${channel}, '{"s":' || (${lastSeq}) || ',' || substr(p, 2))) FROM unnest(${texts}::text[]) AS p)`;
}

export function parseChangeNote(payload: string): ChangeNote | null {
  try {
    const value: unknown = JSON.parse(payload);
    if (typeof value !== 'object' || value === null) return null;
    const note = value as Partial<ChangeNote>;
    if (!SyncCollectionSchema.safeParse(note.c).success || typeof note.s !== 'number') return null;
    return note as ChangeNote;
  } catch {
    return null;
  }
}

/** Whether a change may concern `actor`: they can see the document now, or could before it moved. */
export function caresAbout(actor: Actor, note: ChangeNote): boolean {
  if (!canPull(actor.role)) return false;
  switch (note.c) {
    case 'tickets':
    case 'comments': {
      if (note.c === 'comments' && note.u === actor.id) return true;
      if (note.c === 'comments' && note.v === 'internal' && !isStaff(actor.role)) return false;
      if (note.k === undefined) return true;
      const scope = ticketScope(actor);
      return note.k.some((keys) => canSeeTicket(scope, keys));
    }
    case 'users':
      return isStaff(actor.role) || note.u === actor.id;
    case 'presets':
      return note.u === actor.id;
    default:
      return true;
  }
}
