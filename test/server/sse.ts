/** A minimal Server-Sent Events reader over fetch streaming, as the workstation reads the live stream. */
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
    void stream.read(response.body.getReader());
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

  private async read(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          this.handle(buffer.slice(0, cut));
          buffer = buffer.slice(cut + 2);
          cut = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // Aborted by close(): the stream simply ends.
    } finally {
      this.ended = true;
      this.wake();
    }
  }

  private handle(message: string): void {
    for (const line of message.split('\n')) {
      if (line.startsWith('data: ')) this.events.push(JSON.parse(line.slice(6)) as StreamEvent);
      else if (line.startsWith(': ')) this.comments.push(line.slice(2));
    }
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
