/** A minimal Server-Sent Events reader over fetch streaming, as the workstation reads the live stream. */
import { createParser } from 'eventsource-parser';
import type { StreamEvent } from '../../shared/sync/protocol';
import type { Api } from './harness';

export class EventStream {
  readonly events: StreamEvent[] = [];
  readonly comments: string[] = [];
  ended = false;
  private waiters: (() => void)[] = [];
  private readonly controller = new AbortController();

  private constructor(readonly status: number) {}

  static async open(api: Api): Promise<EventStream> {
    const probe = new AbortController();
    const response = await fetch(`${api.url}/api/sync/stream`, { headers: api.headers(), signal: probe.signal });
    const stream = new EventStream(response.status);
    stream.controller.signal.addEventListener('abort', () => probe.abort());
    if (!response.body) return stream;
    void stream.read(response.body);
    return stream;
  }

  /** Resolves with the first event (already received or arriving later) that matches. */
  async waitFor(match: (event: StreamEvent) => boolean): Promise<StreamEvent> {
    for (;;) {
      const found = this.events.find(match);
      if (found) return found;
      if (this.ended) throw new Error(`stream ended before a matching event; got ${JSON.stringify(this.events)}`);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  async waitForComment(text: string): Promise<void> {
    while (!this.comments.includes(text)) {
      if (this.ended) throw new Error(`stream ended before comment "${text}"`);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  async waitForEnd(): Promise<void> {
    while (!this.ended) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  close(): void {
    this.controller.abort();
  }

  private async read(body: NonNullable<Response['body']>): Promise<void> {
    const parser = createParser({
      onEvent: ({ data }) => {
        this.events.push(JSON.parse(data) as StreamEvent);
        this.wake();
      },
      onComment: (comment) => {
        this.comments.push(comment);
        this.wake();
      },
    });
    try {
      for await (const text of body.pipeThrough(new TextDecoderStream())) parser.feed(text);
    } catch {
      // Aborted by close(): the stream simply ends.
    } finally {
      this.ended = true;
      this.wake();
    }
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
