/**
 * Business time of the simulated environment: real time plus whatever tests advanced it by.
 * Scheduled work (expiries, settlements, callback retries) runs in virtual-time order.
 */
export class VirtualClock {
  private offsetMs = 0;
  private readonly realStart: number;

  constructor(
    private readonly startMs: number,
    private readonly realNow: () => number = Date.now,
  ) {
    this.realStart = realNow();
  }

  now(): number {
    return this.startMs + (this.realNow() - this.realStart) + this.offsetMs;
  }

  /** Virtual minus real time now: what a restored clock adds to real time to carry on from here. */
  offsetFromReal(): number {
    return this.now() - this.realNow();
  }

  /** Moves forward to `ms`; never backwards, so nothing that already happened un-happens. */
  moveTo(ms: number): void {
    const current = this.now();
    if (ms > current) this.offsetMs += ms - current;
  }
}

export interface ScheduleOptions {
  /** Never starts a drain itself: work already due waits for the next drain (restored work). */
  defer?: boolean;
}

interface Task {
  at: number;
  seq: number;
  label: string;
  run: () => Promise<void> | void;
}

export class Scheduler {
  private tasks: Task[] = [];
  private seq = 0;
  private draining: Promise<void> | null = null;
  private generation = 0;

  constructor(
    private readonly clock: VirtualClock,
    private readonly onError: (label: string, error: unknown) => void = () => {},
    /** Called after each task ran (or failed): the state may have changed. */
    private readonly afterRun: () => void = () => {},
  ) {}

  /** Runs `run` once the virtual clock reaches `at`; work due now starts at once in the background. */
  schedule(at: number, label: string, run: () => Promise<void> | void, options: ScheduleOptions = {}): void {
    this.tasks.push({ at, seq: this.seq++, label, run });
    if (!options.defer && at <= this.clock.now()) void this.drain();
  }

  pending(): { at: number; label: string }[] {
    return this.sorted().map(({ at, label }) => ({ at, label }));
  }

  /**
   * Runs every due task, one at a time in time order, including tasks they schedule for now.
   * Resolves once nothing is due.
   */
  drain(): Promise<void> {
    if (!this.draining) {
      // Clear only our own promise, and only after it is stored: a pass with nothing due ends at once.
      const run: Promise<void> = this.runDue().finally(() => {
        if (this.draining === run) this.draining = null;
      });
      this.draining = run;
    }
    // Work scheduled between the pass's last look and its end is picked up by another pass.
    return this.draining.then(() => (this.hasDue() ? this.drain() : undefined));
  }

  private async runDue(): Promise<void> {
    // Start on a later tick, so that `draining` is set before any task runs: a task that schedules
    // work for now then joins this pass instead of starting a second, unawaited one.
    await Promise.resolve();
    for (let task = this.takeDue(); task; task = this.takeDue()) {
      const generation = this.generation;
      try {
        await task.run();
      } catch (error) {
        if (generation === this.generation) this.onError(task.label, error);
      }
      this.afterRun();
    }
  }

  private hasDue(): boolean {
    const now = this.clock.now();
    return this.tasks.some((t) => t.at <= now);
  }

  /** Advances virtual time, stopping at each task's due time so that work happens when it would have. */
  async advance(seconds: number): Promise<void> {
    const target = this.clock.now() + seconds * 1000;
    await this.drain();
    for (;;) {
      const next = this.sorted()[0];
      if (!next || next.at > target) break;
      this.clock.moveTo(next.at);
      await this.drain();
    }
    this.clock.moveTo(target);
    await this.drain();
  }

  clear(): void {
    this.tasks = [];
    this.generation++;
  }

  private sorted(): Task[] {
    return [...this.tasks].sort((a, b) => a.at - b.at || a.seq - b.seq);
  }

  private takeDue(): Task | undefined {
    const now = this.clock.now();
    const next = this.sorted()[0];
    if (!next || next.at > now) return undefined;
    this.tasks = this.tasks.filter((t) => t !== next);
    return next;
  }
}
