import { describe, expect, it } from 'vitest';
import { SseParser } from './sse';

describe('SseParser', () => {
  it('delivers data lines per event, skips heartbeat comments, and copes with chunks split anywhere', () => {
    const events: string[] = [];
    const parser = new SseParser((data) => events.push(data));
    const stream =
      ': heartbeat\n\ndata: {"type":"change","collection":"tickets","seq":4}\n\n:hb\r\n\r\nevent: x\ndata: {"type":"resync"}\n\n';
    for (let i = 0; i < stream.length; i += 7) parser.push(stream.slice(i, i + 7));
    expect(events).toEqual(['{"type":"change","collection":"tickets","seq":4}', '{"type":"resync"}']);
  });
  it('joins multi-line data with newlines', () => {
    const events: string[] = [];
    const parser = new SseParser((data) => events.push(data));
    parser.push('data: a\ndata: b\n\n');
    expect(events).toEqual(['a\nb']);
  });
});
