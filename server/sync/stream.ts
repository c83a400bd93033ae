/**
 * Live stream: Server-Sent Events telling each connected user which collection changed, so their replica pulls.
 *
 * - Every committed write sends a change note on the database's NOTIFY channel (changes.ts); each server process
 *   listens once and forwards the note to those of its streams whose user can see the changed document or could
 *   before it moved (they need the tombstone). With PGlite the same path runs in-process.
 * - A comment line every `heartbeatMs` keeps proxies from closing idle connections; a stream ends when its session
 *   expires or is signed out, and every stream ends cleanly when the server shuts down.
 * - If the listening connection was lost (notifications may be missing), every stream gets `resync`.
 */
import type { StreamEvent } from '../../shared/sync/protocol';
import type { Database } from '../db/database';
import type { Actor } from '../scope';
import { CHANGES_CHANNEL, caresAbout, parseChangeNote } from './changes';

export interface LiveStream {
  actor: Actor;
  tokenHash: string;
  expiresAt: number;
  /** Writes raw SSE text; returns false once the connection is gone. */
  write(text: string): boolean;
  end(): void;
}

export interface StreamLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export class StreamHub {
  private readonly streams = new Set<LiveStream>();
  private heartbeat: NodeJS.Timeout | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private closing = false;

  constructor(
    private readonly log: StreamLog,
    private readonly heartbeatMs: number,
  ) {}

  async start(db: Database): Promise<void> {
    this.unlisten = await db.listen(
      CHANGES_CHANNEL,
      (payload) => this.dispatch(payload),
      () => {
        this.log.warn({}, 'change notifications may have been missed; asking every stream to resync');
        this.broadcast({ type: 'resync' });
      },
    );
    this.heartbeat = setInterval(() => this.beat(), this.heartbeatMs);
    this.heartbeat.unref();
  }

  get size(): number {
    return this.streams.size;
  }

  /** Registers a connected stream; returns false (and ends it) when the server is already shutting down. */
  add(stream: LiveStream): boolean {
    if (this.closing) {
      stream.end();
      return false;
    }
    this.streams.add(stream);
    return true;
  }

  remove(stream: LiveStream): void {
    this.streams.delete(stream);
  }

  /** Ends the streams of one session (sign-out). */
  endSession(tokenHash: string): void {
    for (const stream of this.streams) if (stream.tokenHash === tokenHash) this.endStream(stream);
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const stream of this.streams) this.endStream(stream);
    await this.unlisten?.().catch(() => undefined);
    this.unlisten = null;
  }

  /** Sends a server event to the streams whose user `wants` it (e.g. an SLA escalation to a queue's supervisors). */
  sendTo(wants: (actor: Actor) => boolean, event: StreamEvent): void {
    for (const stream of this.streams) if (wants(stream.actor)) this.send(stream, event);
  }

  private dispatch(payload: string): void {
    const note = parseChangeNote(payload);
    if (!note) {
      this.log.warn({ payload: payload.slice(0, 200) }, 'ignored a malformed change note');
      return;
    }
    const event: StreamEvent = { type: 'change', collection: note.c, seq: note.s };
    for (const stream of this.streams) if (caresAbout(stream.actor, note)) this.send(stream, event);
  }

  private broadcast(event: StreamEvent): void {
    for (const stream of this.streams) this.send(stream, event);
  }

  private send(stream: LiveStream, event: StreamEvent): void {
    if (!stream.write(`data: ${JSON.stringify(event)}\n\n`)) this.remove(stream);
  }

  private beat(): void {
    const now = Date.now();
    for (const stream of this.streams) {
      if (stream.expiresAt <= now) {
        this.log.info({ userId: stream.actor.id }, 'stream ended: session expired');
        this.endStream(stream);
      } else if (!stream.write(': heartbeat\n\n')) {
        this.remove(stream);
      }
    }
  }

  private endStream(stream: LiveStream): void {
    this.streams.delete(stream);
    stream.end();
  }
}
