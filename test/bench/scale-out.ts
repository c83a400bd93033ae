/**
 * Push throughput as server processes are added (PostgreSQL only: PGlite is one process by nature). One run starts
 * three server processes on one fresh schema (the first seeds a small demo desk; writes do not depend on the desk's
 * size) and measures, for one, two and three of them side by side: 32 workstations pushing one row at a time, and 8
 * pushing 100 rows at a time, the workstations spread evenly over the processes (as a load balancer would).
 *
 * Up to migration 011 every write waited for the one change counter's lock, so added processes added nothing
 * (291 single-row pushes/s with 32 writers on one or three processes); migration 012 numbers changes from a sequence
 * and lets writers commit side by side (server/sync/seq.ts).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { BenchContext, Benchmark } from './lib/context';
import { dropSchema, signInApi } from './lib/engines';
import { atLeast, errorText, type Figure, failed, figure, type Target } from './lib/figures';
import { describeLoad, runPushLoad, ticketsToEdit } from './lib/push-load';
import { type ServerProcess, spawnServer } from './lib/server-process';

const PROCESSES = 3;
const SINGLE = { workstations: 32, rowsPerPush: 1, target: atLeast(1000) };
const BATCHED = { workstations: 8, rowsPerPush: 100, target: atLeast(10_000) };

export const scaleOut: Benchmark = {
  name: 'scale-out',
  title: 'push throughput on 1, 2 and 3 server processes sharing one PostgreSQL',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const names = [1, 2, 3].flatMap((n) => [single(n), batched(n)]);
    if (!ctx.engines.includes('postgres')) {
      return names.map((name) => failed(name, 'changes/s', null, 'PostgreSQL is not reachable'));
    }
    const schema = `bench_${randomBytes(4).toString('hex')}`;
    const servers: ServerProcess[] = [];
    try {
      const storage = { databaseUrl: ctx.databaseUrl, schema };
      const common = { slaIntervalMs: 0, loginAttemptsPerMinute: 1_000_000, pushesPerMinute: 1_000_000 };
      for (let i = 0; i < PROCESSES; i += 1) {
        const demo = i === 0 ? { demo: { tickets: 3000 } } : {};
        ctx.log(`starting server process ${i + 1} of ${PROCESSES} on schema ${schema}`);
        servers.push(
          await spawnServer(
            { ...common, ...storage, ...demo },
            { timeoutMs: 10 * 60_000, logFile: join(ctx.workDir, `scale-out-${i + 1}.log`) },
          ),
        );
      }
      const { token } = await signInApi(servers[0]?.url ?? '', 'supervisor@demo.local');
      const seconds = ctx.quick ? 5 : 12;
      const figures: Figure[] = [];
      for (let n = 1; n <= PROCESSES; n += 1) {
        const urls = servers.slice(0, n).map((server) => server.url);
        for (const [name, load] of [
          [single(n), SINGLE],
          [batched(n), BATCHED],
        ] as const) {
          const pool = await ticketsToEdit(urls[0] ?? '', token, 2500);
          const totals = await runPushLoad({ urls, token, pool, ...load, seconds });
          const target: Target | null = n === PROCESSES ? load.target : null;
          figures.push(figure(name, totals.problem ? null : totals.rate, 'changes/s', target, describeLoad(totals)));
        }
      }
      return figures;
    } catch (error) {
      return names.map((name) => failed(name, 'changes/s', null, errorText(error)));
    } finally {
      await Promise.all(servers.map((server) => server.stop().catch(() => undefined)));
      await dropSchema(ctx.databaseUrl, schema).catch(() => undefined);
    }
  },
};

const plural = (n: number) => (n === 1 ? '1 process' : `${n} processes`);
const single = (n: number) =>
  `push, ${SINGLE.workstations} workstations × ${SINGLE.rowsPerPush} row, ${plural(n)} (PostgreSQL)`;
const batched = (n: number) =>
  `push, ${BATCHED.workstations} workstations × ${BATCHED.rowsPerPush} rows, ${plural(n)} (PostgreSQL)`;
