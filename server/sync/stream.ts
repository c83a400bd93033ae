/**
 * Live stream: Server-Sent Events telling each connected user which collection changed, so their replica pulls.
 *
 * - Every committed write sends a change note on the database's NOTIFY channel (changes.ts); each server process
 *   listens once and forwards the note to those of its streams whose user can see the changed document or could
 *   before it moved (they need the tombstone), once a pull would serve the change (note-gate.ts: a write numbered
 *   below it may still be in flight). With PGlite the same path runs in-process.
 * - A stream follows its session. Whenever the session cache forgets a session or a user (a sign-out, deactivation,
 *   password, role or queue change on any server process: migration 004's notifications), the streams concerned read
 *   their session again: an ended session ends its streams, a changed user gets the stream's filter at once (the
 *   user's own change note then makes the workstation pull its new scope). A timer ends each stream when its session
 *   expires or runs idle, after reading it again (it may have been used through another process meanwhile).
 * - At most `maxPerSession` streams per session across all server processes: a new one ends the oldest
 *   (stream-cap.ts).
 * - A client that stops reading is disconnected once 256 KB wait unsent (stream-writer.ts); it reconnects and pulls
 *   from its checkpoint, so the server never buffers without limit.
 * - A comment line every `heartbeatMs` keeps proxies from closing idle connections, and every stream ends cleanly
 *   when the server shuts down.
 * - If the listening connection was lost (notifications may be missing), every stream gets `resync`.
 */
import type { StreamEvent } from '../../shared/sync/protocol';
import type { SessionChange } from '../auth/session-cache';
import type { SessionLookup } from '../auth/sessions';
import type { Database } from '../db/database';
import type { Actor } from '../scope';
import { CHANGES_CHANNEL, type ChangeNote, caresAbout, parseChangeNote } from './changes';
import { NoteGate } from './note-gate';
import { changeWatermark } from './seq';
import { SessionStreamCap } from './stream-cap';

export interface LiveStream {
  /** The user as of the last check of the session: the filter for change notes. */
  actor: Actor;
  tokenHash: string;
  /** Writes raw SSE text; returns false once the connection is gone. */
  write(text: string): boolean;
  end(): void;
}

export interface StreamLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/** The sessions streams follow (auth/session-cache.ts). */
export interface StreamSessions {
  check(tokenHash: string): Promise<SessionLookup>;
  onChange(listener: (change: SessionChange) => void): () => void;
  remembers(tokenHash: string): boolean;
}

export interface StreamHubOptions {
  heartbeatMs: number;
  maxPerSession: number;
}

const eventText = (event: StreamEvent) => `data: ${JSON.stringify(event)}\n\n`;

/** setTimeout's longest delay is about 24.8 days; a longer session is checked again after this. */
const MAX_TIMER_MS = 24 * 60 * 60 * 1000;

export class StreamHub {
  /** In the order they opened. */
  private readonly streams = new Set<LiveStream>();
  private readonly endTimers = new Map<LiveStream, NodeJS.Timeout>();
  private heartbeat: NodeJS.Timeout | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private unfollow: (() => void) | null = null;
  private closing = false;
  private readonly cap: SessionStreamCap<LiveStream>;
  private gate: NoteGate | null = null;

  constructor(
    private readonly log: StreamLog,
    private readonly sessions: StreamSessions,
    private readonly options: StreamHubOptions,
  ) {
    this.cap = new SessionStreamCap(
      options.maxPerSession,
      (oldest) => {
        this.log.info({ userId: oldest.actor.id }, 'stream ended: newer streams of its session replaced it');
        this.endStream(oldest);
      },
      log,
    );
  }

  async start(db: Database): Promise<void> {
    this.gate = new NoteGate({
      // PGlite runs one transaction at a time: a write that reserved numbers below a note's has committed or rolled
      // back before that note's write began, so every note is readable when it arrives.
      readSafe: async () => (db.engine === 'pglite' ? Number.MAX_SAFE_INTEGER : (await changeWatermark(db)).safe),
      release: (notes) => {
        for (const note of notes) this.forward(note);
      },
      overflow: () => {
        this.log.warn({}, 'change notes piled up unread; asking every stream to resync');
        this.broadcast({ type: 'resync' });
      },
      warn: (details, message) => this.log.warn(details, message),
    });
    this.unlisten = await db.listen(
      CHANGES_CHANNEL,
      (payload) => this.dispatch(payload),
      () => {
        this.log.warn({}, 'change notifications may have been missed; asking every stream to resync');
        this.broadcast({ type: 'resync' });
      },
    );
    await this.cap.start(db);
    this.unfollow = this.sessions.onChange((change) => this.sessionChanged(change));
    this.heartbeat = setInterval(() => this.beat(), this.options.heartbeatMs);
    this.heartbeat.unref();
  }

  get size(): number {
    return this.streams.size;
  }

  /**
   * Registers a connected stream whose session, as checked for its request, ends at `endsAt`. Returns false (and
   * ends it) when the server is already shutting down.
   */
  add(stream: LiveStream, endsAt: Date): boolean {
    if (this.closing) {
      stream.end();
      return false;
    }
    this.streams.add(stream);
    this.cap.opened(stream, stream.tokenHash);
    this.endAt(stream, endsAt.getTime());
    // The session changed between its check and now (the cache forgot it): check it again.
    if (!this.sessions.remembers(stream.tokenHash)) void this.recheck([stream]);
    return true;
  }

  remove(stream: LiveStream): void {
    this.streams.delete(stream);
    this.cap.closed(stream);
    clearTimeout(this.endTimers.get(stream));
    this.endTimers.delete(stream);
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.unfollow?.();
    this.gate?.close();
    for (const stream of this.streams) this.endStream(stream);
    await this.cap.close();
    await this.unlisten?.().catch(() => undefined);
    this.unlisten = null;
  }

  /** Sends a server event to the streams whose user `wants` it (e.g. an SLA escalation to a queue's supervisors). */
  sendTo(wants: (actor: Actor) => boolean, event: StreamEvent): void {
    const text = eventText(event);
    for (const stream of this.streams) if (wants(stream.actor)) this.write(stream, text);
  }

  private sessionChanged(change: SessionChange): void {
    const concerned = [...this.streams].filter(
      (stream) =>
        change === 'all' ||
        ('tokenHash' in change ? stream.tokenHash === change.tokenHash : stream.actor.id === change.userId),
    );
    if (concerned.length > 0) void this.recheck(concerned);
  }

  /** Reads the streams' sessions again: ends those whose session ended, gives the others their user as it is now. */
  private async recheck(streams: LiveStream[]): Promise<void> {
    const byToken = new Map<string, LiveStream[]>();
    for (const stream of streams) byToken.set(stream.tokenHash, [...(byToken.get(stream.tokenHash) ?? []), stream]);
    for (const [tokenHash, group] of byToken) {
      let lookup: SessionLookup | null = null;
      try {
        lookup = await this.sessions.check(tokenHash);
      } catch (error) {
        // Unknown: end them; the workstation reconnects and is checked afresh.
        this.log.warn({ err: error }, 'could not check a stream’s session; ending its streams');
      }
      for (const stream of group) {
        if (!this.streams.has(stream)) continue;
        if (lookup?.ok) {
          stream.actor = lookup.session.user;
          this.endAt(stream, lookup.session.endsAt.getTime());
        } else {
          this.log.info(
            { userId: stream.actor.id, reason: lookup?.reason ?? 'unchecked' },
            'stream ended: session ended',
          );
          this.endStream(stream);
        }
      }
    }
  }

  private endAt(stream: LiveStream, endsAt: number): void {
    clearTimeout(this.endTimers.get(stream));
    const delay = Math.min(Math.max(0, endsAt - Date.now()), MAX_TIMER_MS);
    const timer = setTimeout(() => void this.recheck([stream]), delay);
    timer.unref();
    this.endTimers.set(stream, timer);
  }

  private dispatch(payload: string): void {
    const note = parseChangeNote(payload);
    if (!note) {
      this.log.warn({ payload: payload.slice(0, 200) }, 'ignored a malformed change note');
      return;
    }
    this.gate?.add(note);
  }

  /** One event text for every stream that cares: 10 000 streams cost 10 000 writes, not 10 000 serialisations. */
  private forward(note: ChangeNote): void {
    const text = eventText({ type: 'change', collection: note.c, seq: note.s });
    for (const stream of this.streams) if (caresAbout(stream.actor, note)) this.write(stream, text);
  }

  private broadcast(event: StreamEvent): void {
    const text = eventText(event);
    for (const stream of this.streams) this.write(stream, text);
  }

  private write(stream: LiveStream, text: string): void {
    if (!stream.write(text)) this.remove(stream);
  }

  private beat(): void {
    for (const stream of this.streams) this.write(stream, ': heartbeat\n\n');
  }

  private endStream(stream: LiveStream): void {
    this.remove(stream);
    stream.end();
  }
}
