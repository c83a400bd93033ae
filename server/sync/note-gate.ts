/**
 * Holds each change note until a pull would serve its change. Writers number their changes before they commit, not
 * in commit order (seq.ts), so a note can arrive while a write with a lower number is still in flight; a pull then
 * stops below it, and if that write is rolled back no note of its own ever comes to trigger the pull again. A note
 * passes once the watermark has reached its number: at once when an earlier reading already covers it, otherwise
 * after one reading (one at a time per process, however many notes wait); while an in-flight write holds the
 * watermark back, readings follow each new note and otherwise a growing interval.
 */
import type { ChangeNote } from './changes';

export interface NoteGateOptions {
  /** Reads the watermark (seq.ts changeWatermark().safe). */
  readSafe(): Promise<number>;
  /** Gets the notes that passed, in arrival order. */
  release(notes: ChangeNote[]): void;
  /** Too many notes waited (the database cannot be read): they are dropped and every stream should resync. */
  overflow(): void;
  warn(details: object, message: string): void;
}

const FIRST_RETRY_MS = 20;
const LONGEST_RETRY_MS = 1_000;
/** A note is a few hundred bytes; this many waiting means the database has been unreadable for a while. */
const MOST_WAITING = 10_000;

export class NoteGate {
  private waiting: ChangeNote[] = [];
  /** The highest watermark read: every change numbered at or below it is committed or abandoned for good. */
  private safe = 0;
  private reading = false;
  private arrivedWhileReading = false;
  private retry: NodeJS.Timeout | null = null;
  private retryMs = FIRST_RETRY_MS;
  private closed = false;

  constructor(private readonly options: NoteGateOptions) {}

  add(note: ChangeNote): void {
    if (this.closed) return;
    if (note.s <= this.safe) {
      this.options.release([note]);
      return;
    }
    this.waiting.push(note);
    if (this.waiting.length > MOST_WAITING) {
      this.waiting = [];
      this.options.overflow();
      return;
    }
    if (this.reading) {
      this.arrivedWhileReading = true;
      return;
    }
    // A write just committed: a good moment to read, sooner than a pending retry.
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    void this.read();
  }

  close(): void {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.waiting = [];
  }

  private async read(): Promise<void> {
    this.reading = true;
    this.arrivedWhileReading = false;
    try {
      this.safe = Math.max(this.safe, await this.options.readSafe());
    } catch (error) {
      this.options.warn({ err: error }, 'could not read the change watermark; change notes wait');
    }
    this.reading = false;
    if (this.closed) return;
    const ready = this.waiting.filter((note) => note.s <= this.safe);
    if (ready.length > 0) {
      this.waiting = this.waiting.filter((note) => note.s > this.safe);
      this.options.release(ready);
    }
    if (this.waiting.length === 0) {
      this.retryMs = FIRST_RETRY_MS;
    } else if (this.arrivedWhileReading) {
      // The reading may have begun before those notes' writes committed: read again at once.
      void this.read();
    } else {
      // A write below the waiting notes is still in flight: look again a little later, then less often.
      this.retry = setTimeout(() => {
        this.retry = null;
        void this.read();
      }, this.retryMs);
      this.retry.unref();
      this.retryMs = Math.min(this.retryMs * 2, LONGEST_RETRY_MS);
    }
  }
}
