/**
 * A background job's rhythm in one process: it runs once started, again `intervalMs` after each run ends, and soon
 * after a `poke` (something changed that it should see). Runs never overlap: a poke during a run makes one more run
 * follow it, however many pokes came. `stop` waits for the run in progress. What keeps processes apart (a lease, a
 * row lock) is the job's own business.
 */
export interface PeriodicRunOptions {
  intervalMs: number;
  /** How soon a poke starts a run when none is in progress (coalesces a burst of pokes). */
  pokeDelayMs: number;
  /** A run that failed; the next one comes at the usual time. */
  onError(error: unknown): void;
}

export class PeriodicRun {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;

  constructor(
    private readonly run: () => Promise<unknown>,
    private readonly options: PeriodicRunOptions,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  poke(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(this.options.pokeDelayMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.timer = null;
    if (this.stopped || this.running) return;
    this.running = this.run().then(
      () => undefined,
      (error: unknown) => this.options.onError(error),
    );
    await this.running;
    this.running = null;
    if (this.stopped) return;
    const rerun = this.again;
    this.again = false;
    this.schedule(rerun ? this.options.pokeDelayMs : this.options.intervalMs);
  }
}
