/**
 * Server push throughput over real HTTP (loopback), on each engine: 8 workstations push at once, 10 rows a request,
 * for a bounded time. Each works on its own tickets (as a supervisor): 80 % edits of existing tickets (title, tags),
 * 15 % new tickets, 5 % edits made against a stale master, which the server answers as conflicts (the realistic
 * conflict rate). The figure counts every row the server decided (written or conflict) per second.
 */

import type { BenchContext, Benchmark } from './lib/context';
import { ENGINE_LABELS, signInApi } from './lib/engines';
import { atLeast, errorText, type Figure, failed, figure } from './lib/figures';
import { CONFLICT_PERCENT, describeLoad, runPushLoad, ticketsToEdit } from './lib/push-load';

const TARGET = 2000;
const CLIENTS = 8;
const ROWS_PER_PUSH = 10;

export const serverPush: Benchmark = {
  name: 'server-push',
  title: `server push throughput: ${CLIENTS} workstations, ${ROWS_PER_PUSH} rows a push, ${CONFLICT_PERCENT} % conflicts`,
  async run(ctx: BenchContext): Promise<Figure[]> {
    const figures: Figure[] = [];
    for (const engine of ctx.engines) {
      const label = ENGINE_LABELS[engine];
      try {
        const server = await ctx.server(engine);
        const { token } = await signInApi(server.url, 'supervisor@demo.local');
        const totals = await runPushLoad({
          urls: [server.url],
          token,
          pool: await ticketsToEdit(server.url, token, 5000),
          workstations: CLIENTS,
          rowsPerPush: ROWS_PER_PUSH,
          seconds: ctx.quick ? 6 : 20,
        });
        const rate = totals.problem ? null : totals.rate;
        figures.push(figure(`push (${label})`, rate, 'changes/s', atLeast(TARGET), describeLoad(totals)));
      } catch (error) {
        figures.push(failed(`push (${label})`, 'changes/s', atLeast(TARGET), errorText(error)));
      }
    }
    return figures;
  },
};
