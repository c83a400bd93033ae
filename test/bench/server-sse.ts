/**
 * Live stream under load, on each engine: 500 Server-Sent-Events clients (supervisors and admins, so every change
 * concerns every stream) held open; one workstation pushes ticket edits one after another, and each stream's
 * arrival of the matching change event is timed from the moment the push was sent (loopback, bounded in time).
 */
import { type ClientRequest, request } from 'node:http';
import type { BenchContext, Benchmark } from './lib/context';
import { ENGINE_LABELS, signInApi } from './lib/engines';
import { atLeast, atMost, errorText, type Figure, failed, figure, percentile } from './lib/figures';

export const SSE_CLIENTS = 500;
const TARGET_P95_MS = 300;

interface Stream {
  connected: boolean;
  changes: number[];
  request: ClientRequest;
}

function openStream(url: string, token: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const stream: Stream = { connected: false, changes: [], request: undefined as unknown as ClientRequest };
    let buffer = '';
    const req = request(
      `${url}/api/sync/stream`,
      { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, agent: false },
      (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`stream answered ${res.statusCode}`));
          res.resume();
          return;
        }
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          const at = performance.now();
          buffer += chunk;
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            const event = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (event.includes(': connected') && !stream.connected) {
              stream.connected = true;
              resolve(stream);
            }
            if (event.includes('"type":"change"') && event.includes('"collection":"tickets"')) stream.changes.push(at);
            end = buffer.indexOf('\n\n');
          }
        });
        res.on('error', () => undefined);
      },
    );
    req.on('error', (error) => {
      if (!stream.connected) reject(error);
    });
    stream.request = req;
    req.end();
  });
}

export const serverSse: Benchmark = {
  name: 'server-sse',
  title: `${SSE_CLIENTS} live-stream clients held; push → stream event latency`,
  async run(ctx: BenchContext): Promise<Figure[]> {
    const figures: Figure[] = [];
    for (const engine of ctx.engines) {
      const label = ENGINE_LABELS[engine];
      const streams: Stream[] = [];
      try {
        const server = await ctx.server(engine);
        const tokens = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            signInApi(server.url, i % 2 === 0 ? 'supervisor@demo.local' : 'admin@demo.local').then((s) => s.token),
          ),
        );
        for (let i = 0; i < SSE_CLIENTS; i += 50) {
          const batch = await Promise.allSettled(
            Array.from({ length: Math.min(50, SSE_CLIENTS - i) }, (_, j) =>
              openStream(server.url, tokens[(i + j) % tokens.length] ?? ''),
            ),
          );
          for (const result of batch) if (result.status === 'fulfilled') streams.push(result.value);
        }
        figures.push(
          figure(`SSE clients held (${label})`, streams.length, 'clients', atLeast(SSE_CLIENTS), 'streams connected'),
        );

        const writer = await signInApi(server.url, 'supervisor@demo.local');
        const headers = { authorization: `Bearer ${writer.token}`, 'content-type': 'application/json' };
        const pulled = await fetch(`${server.url}/api/sync/tickets/pull?limit=20`, { headers });
        const docs = ((await pulled.json()) as { documents: Record<string, unknown>[] }).documents.map((doc) => {
          const { _deleted, ...rest } = doc;
          return rest;
        });
        const edits = ctx.quick ? 10 : 40;
        const sentAt: number[] = [];
        for (let i = 0; i < edits; i++) {
          const index = i % docs.length;
          const before = docs[index];
          if (!before) throw new Error('the server gave no tickets to edit');
          const after = { ...before, title: `${String(before.title).replace(/ \(bench \d+\)$/, '')} (bench ${i})` };
          sentAt.push(performance.now());
          const response = await fetch(`${server.url}/api/sync/tickets/push`, {
            method: 'POST',
            headers,
            body: JSON.stringify([{ assumedMasterState: before, newDocumentState: after }]),
          });
          const body = (await response.json()) as { conflicts: unknown[]; rejected: unknown[] };
          if (!response.ok || body.conflicts.length > 0 || body.rejected.length > 0) {
            throw new Error(`push refused: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
          }
          docs[index] = after;
          // Let every stream hear of it before the next edit, so each event maps to one edit.
          await new Promise((resolve) => setTimeout(resolve, 400));
        }
        await new Promise((resolve) => setTimeout(resolve, 1500));
        const latencies: number[] = [];
        let missing = 0;
        for (const stream of streams) {
          for (let i = 0; i < edits; i++) {
            const from = sentAt[i] ?? 0;
            const to = sentAt[i + 1] ?? Number.POSITIVE_INFINITY;
            const arrival = stream.changes.find((at) => at >= from && at < to);
            if (arrival === undefined) missing += 1;
            else latencies.push(arrival - from);
          }
        }
        const note = `${edits} single-ticket edits pushed one at a time to ${streams.length} streams: ${latencies.length} events timed${missing ? `, ${missing} not received before the next edit` : ''}`;
        const all = [...latencies, ...Array.from({ length: missing }, () => Number.POSITIVE_INFINITY)];
        figures.push(figure(`SSE propagation p50 (${label})`, percentile(all, 50), 'ms', null, note));
        figures.push(figure(`SSE propagation p95 (${label})`, percentile(all, 95), 'ms', atMost(TARGET_P95_MS), note));
      } catch (error) {
        figures.push(failed(`SSE propagation p95 (${label})`, 'ms', atMost(TARGET_P95_MS), errorText(error)));
      } finally {
        for (const stream of streams) stream.request.destroy();
      }
    }
    return figures;
  },
};
