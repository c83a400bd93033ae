/**
 * The cap on live streams per session, across every server process on the database: a stream ends once `max` newer
 * streams of its session are open, wherever they are. The newest win because the oldest is most likely a connection
 * that died without a word (a laptop that changed networks).
 *
 * Processes tell each other through NOTIFY, in batches: `open` and `close` for each stream, `gone` for all of a
 * process's streams when it shuts down. Every process hears the notices in the same order (commit order), so "newer"
 * means the same thing everywhere. Nothing is stored, so nothing needs cleaning up; a process that dies without a word
 * leaves its streams counted as newer elsewhere until they are pushed out by newer ones, which can end a live stream
 * early once (its workstation reconnects and pulls from its checkpoint; nothing is lost). Streams in this process are
 * counted at once, without waiting for their notice, so the cap holds here even when a notice is lost.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/database';

export const STREAMS_CHANNEL = 'itsm_streams';

/** NOTIFY payloads must stay under 8000 bytes. */
const MAX_PAYLOAD = 7_000;
/** How long a shutting-down process waits for its `gone` notice to be sent. */
const GONE_WAIT_MS = 1_000;

type Notice = { o: 'open' | 'close'; k: string; i: string } | { o: 'gone'; p: string };

interface Counted {
  id: string;
  key: string;
  /** Its own `open` notice came back: notices after it are about newer streams. */
  heard: boolean;
  /** Open streams of the same session that opened after it, here or elsewhere. */
  newer: Set<string>;
}

export interface StreamCapLog {
  warn(details: object, message: string): void;
}

export class SessionStreamCap<S> {
  private readonly process = randomBytes(6).toString('base64url');
  private serial = 0;
  private readonly counted = new Map<S, Counted>();
  private readonly byKey = new Map<string, Set<S>>();
  private readonly byId = new Map<string, S>();
  private outbox: Notice[] = [];
  private db: Database | null = null;
  private unlisten: (() => Promise<void>) | null = null;

  constructor(
    private readonly max: number,
    /** Ends a stream the cap pushed out. */
    private readonly evict: (stream: S) => void,
    private readonly log: StreamCapLog,
  ) {}

  async start(db: Database): Promise<void> {
    this.db = db;
    this.unlisten = await db.listen(STREAMS_CHANNEL, (payload) => this.heard(payload));
  }

  /** Counts a new stream of the session `tokenHash`; ends the streams it pushes over the cap. */
  opened(stream: S, tokenHash: string): void {
    const key = sessionKey(tokenHash);
    this.serial += 1;
    const id = `${this.process}.${this.serial.toString(36)}`;
    const same = [...(this.byKey.get(key) ?? [])];
    this.counted.set(stream, { id, key, heard: false, newer: new Set() });
    this.byKey.set(key, new Set([...same, stream]));
    this.byId.set(id, stream);
    for (const older of same) this.addNewer(older, id);
    this.send({ o: 'open', k: key, i: id });
  }

  /** Forgets a stream that ended (here, for any reason). */
  closed(stream: S): void {
    const entry = this.counted.get(stream);
    if (!entry) return;
    this.forget(stream, entry);
    for (const other of this.byKey.get(entry.key) ?? []) this.counted.get(other)?.newer.delete(entry.id);
    this.send({ o: 'close', k: entry.key, i: entry.id });
  }

  /** Tells the other processes that this one's streams are gone, and stops listening. */
  async close(): Promise<void> {
    this.counted.clear();
    this.byKey.clear();
    this.byId.clear();
    this.outbox = [{ o: 'gone', p: this.process }];
    const sent = this.flush();
    await Promise.race([sent, new Promise((resolve) => setTimeout(resolve, GONE_WAIT_MS).unref())]);
    await this.unlisten?.().catch(() => undefined);
    this.unlisten = null;
    this.db = null;
  }

  private forget(stream: S, entry: Counted): void {
    this.counted.delete(stream);
    this.byId.delete(entry.id);
    const same = this.byKey.get(entry.key);
    same?.delete(stream);
    if (same?.size === 0) this.byKey.delete(entry.key);
  }

  private addNewer(stream: S, id: string): void {
    const entry = this.counted.get(stream);
    if (!entry) return;
    entry.newer.add(id);
    if (entry.newer.size >= this.max) {
      this.closed(stream);
      this.evict(stream);
    }
  }

  private heard(payload: string): void {
    let notices: Notice[];
    try {
      const parsed: unknown = JSON.parse(payload);
      if (!Array.isArray(parsed) || !parsed.every(isNotice)) throw new Error('not a list of notices');
      notices = parsed;
    } catch {
      this.log.warn({ payload: payload.slice(0, 200) }, 'ignored a malformed stream notice');
      return;
    }
    for (const notice of notices) this.apply(notice);
  }

  private apply(notice: Notice): void {
    if (notice.o === 'gone') {
      if (notice.p === this.process) return;
      for (const entry of this.counted.values()) {
        for (const id of entry.newer) if (id.startsWith(`${notice.p}.`)) entry.newer.delete(id);
      }
      return;
    }
    const own = this.byId.get(notice.i);
    if (own !== undefined) {
      if (notice.o === 'open') {
        const entry = this.counted.get(own);
        if (entry) entry.heard = true;
      }
      return;
    }
    if (notice.i.startsWith(`${this.process}.`)) return; // one of ours that has ended since
    for (const stream of [...(this.byKey.get(notice.k) ?? [])]) {
      const entry = this.counted.get(stream);
      if (!entry?.heard) continue; // opened after this notice was sent: the other stream is the older one
      if (notice.o === 'open') this.addNewer(stream, notice.i);
      else entry.newer.delete(notice.i);
    }
  }

  private send(notice: Notice): void {
    this.outbox.push(notice);
    if (this.outbox.length === 1) setImmediate(() => void this.flush());
  }

  /** Sends the notices waiting, in as few NOTIFYs as fit. */
  private async flush(): Promise<void> {
    const db = this.db;
    const notices = this.outbox.splice(0);
    if (!db || notices.length === 0) return;
    try {
      for (const payload of batches(notices)) await db.notify(STREAMS_CHANNEL, payload);
    } catch (error) {
      // The other processes may count a stream too many or too few until the next notices; this process still caps.
      this.log.warn({ err: error }, 'could not tell the other server processes about live streams');
    }
  }
}

function isNotice(value: unknown): value is Notice {
  if (typeof value !== 'object' || value === null) return false;
  const notice = value as Record<string, unknown>;
  if (notice.o === 'gone') return typeof notice.p === 'string';
  return (notice.o === 'open' || notice.o === 'close') && typeof notice.k === 'string' && typeof notice.i === 'string';
}

/** The session's name in notices: not the token hash itself, which finds the session in the database. */
function sessionKey(tokenHash: string): string {
  return createHash('sha256').update(`stream-cap:${tokenHash}`).digest('base64url').slice(0, 22);
}

function batches(notices: Notice[]): string[] {
  const payloads: string[] = [];
  let current: string[] = [];
  let size = 2;
  for (const notice of notices) {
    const text = JSON.stringify(notice);
    if (current.length > 0 && size + text.length + 1 > MAX_PAYLOAD) {
      payloads.push(`[${current.join(',')}]`);
      current = [];
      size = 2;
    }
    current.push(text);
    size += text.length + 1;
  }
  if (current.length > 0) payloads.push(`[${current.join(',')}]`);
  return payloads;
}
