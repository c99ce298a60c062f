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

const before = (a: Task, b: Task) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

/**
 * Tasks in a binary min-heap on (due time, order of scheduling): the next one is found and taken
 * in O(log n). A sandbox under load holds thousands (every payment's settlement, every binding's
 * expiry), and sorting them all for each task run made the simulator's own cost grow with them.
 */
class TaskHeap {
  private items: Task[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): Task | undefined {
    return this.items[0];
  }

  push(task: Task): void {
    const items = this.items;
    let i = items.push(task) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(task, items[parent]!)) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = task;
  }

  pop(): Task | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && before(items[right]!, items[left]!) ? right : left;
      if (!before(items[child]!, last)) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = last;
    return top;
  }

  /** Every task in due order (a copy; the heap is left as it is). */
  sorted(): Task[] {
    return [...this.items].sort((a, b) => (before(a, b) ? -1 : 1));
  }
}

export class Scheduler {
  private tasks = new TaskHeap();
  private seq = 0;
  private draining: Promise<void> | null = null;
  private generation = 0;
  /** Counts the clears: work begun before one (a callback on the wire) can tell that it is stale. */
  get epoch(): number {
    return this.generation;
  }
  /** Work tasks started and left running (callbacks on the wire): `drain()` waits for it, tasks do not. */
  private readonly inFlight = new Set<Promise<void>>();
  /** Resolved when the last of that work ends: one promise, however many wait for it. */
  private quiet: { promise: Promise<void>; resolve: () => void } | null = null;
  /** Real-time running (`run`): its waits, its timer and when that fires, when it last ran. */
  private running: {
    maxWaitMs: number;
    minGapMs: number;
    armed: { timer: ReturnType<typeof setTimeout>; at: number } | null;
    last: number;
  } | null = null;

  constructor(
    private readonly clock: VirtualClock,
    private readonly onError: (label: string, error: unknown) => void = () => {},
    /** Called after each task ran (or failed): the state may have changed. */
    private readonly afterRun: () => void = () => {},
  ) {}

  /** Runs `run` once the virtual clock reaches `at`; work due now starts at once in the background. */
  schedule(at: number, label: string, run: () => Promise<void> | void, options: ScheduleOptions = {}): void {
    this.tasks.push({ at, seq: this.seq++, label, run });
    if (!options.defer && at <= this.clock.now()) void this.tick();
    else this.arm();
  }

  /**
   * Runs the tasks in real time (a server's sandbox): each at its due time, or with those due
   * within `minGapMs` after the last run (a busy sandbox wakes at most every `minGapMs`: a timer
   * per task cost a saturated bench 6–7 % of its throughput); and it looks again at least every
   * `maxWaitMs`, for virtual time moved meanwhile. A 100 ms ticker did before: a busy sandbox then
   * sent ten callbacks at once, a burst no bank sends, which a payment behind it waited out.
   * The timer is unref'd.
   */
  run(maxWaitMs: number, minGapMs = 0): void {
    if (this.running) return;
    this.running = { maxWaitMs, minGapMs, armed: null, last: Number.NEGATIVE_INFINITY };
    this.arm();
  }

  stop(): void {
    if (this.running?.armed) clearTimeout(this.running.armed.timer);
    this.running = null;
  }

  /**
   * When running in real time, sets the timer for the next due task (or the longest wait), unless
   * it is set for earlier already.
   */
  private arm(): void {
    const running = this.running;
    if (!running) return;
    const now = this.clock.now();
    const at = Math.max(
      Math.min(this.tasks.peek()?.at ?? Number.POSITIVE_INFINITY, now + running.maxWaitMs),
      running.last + running.minGapMs,
    );
    if (running.armed) {
      if (running.armed.at <= at) return;
      clearTimeout(running.armed.timer);
    }
    const timer = setTimeout(
      () => {
        running.armed = null;
        running.last = this.clock.now();
        void this.tick().finally(() => this.arm());
      },
      Math.max(0, at - now),
    );
    (timer as { unref?: () => void }).unref?.();
    running.armed = { timer, at };
  }

  pending(): { at: number; label: string }[] {
    return this.tasks.sorted().map(({ at, label }) => ({ at, label }));
  }

  /**
   * Work a task started and does not wait for, such as a callback on its way to the merchant: the
   * next tasks run meanwhile (a merchant that answers slowly holds up its own callback, not the
   * bank), and `drain()` resolves only once it ended. Its failure is reported as a task's.
   */
  background(label: string, work: Promise<void>): void {
    const generation = this.generation;
    const tracked: Promise<void> = work
      .catch((error: unknown) => {
        if (generation === this.generation) this.onError(label, error);
      })
      .finally(() => {
        this.inFlight.delete(tracked);
        this.afterRun();
        if (this.inFlight.size === 0 && this.quiet) {
          this.quiet.resolve();
          this.quiet = null;
        }
      });
    this.inFlight.add(tracked);
  }

  /** Resolves once no work a task left running is under way. */
  private whenQuiet(): Promise<void> {
    if (this.inFlight.size === 0) return Promise.resolve();
    if (!this.quiet) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => {
        resolve = r;
      });
      this.quiet = { promise, resolve };
    }
    return this.quiet.promise;
  }

  /**
   * Runs every due task, one at a time in time order, including tasks they schedule for now.
   * Resolves once nothing is due, without waiting for the work they left running (a server's ticker).
   */
  tick(): Promise<void> {
    if (!this.draining) {
      // Clear only our own promise, and only after it is stored: a pass with nothing due ends at once.
      const run: Promise<void> = this.runDue().finally(() => {
        if (this.draining === run) this.draining = null;
      });
      this.draining = run;
    }
    // Work scheduled between the pass's last look and its end is picked up by another pass.
    return this.draining.then(() => (this.hasDue() ? this.tick() : undefined));
  }

  /**
   * Runs every due task, as `tick()`, and resolves once nothing is due and the work they left
   * running has ended (that work may schedule more: a callback's retry).
   */
  async drain(): Promise<void> {
    await this.tick();
    while (this.inFlight.size > 0) {
      await this.whenQuiet();
      await this.tick();
    }
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
    const next = this.tasks.peek();
    return next !== undefined && next.at <= this.clock.now();
  }

  /** Advances virtual time, stopping at each task's due time so that work happens when it would have. */
  async advance(seconds: number): Promise<void> {
    const target = this.clock.now() + seconds * 1000;
    await this.drain();
    for (;;) {
      const next = this.tasks.peek();
      if (!next || next.at > target) break;
      this.clock.moveTo(next.at);
      await this.drain();
    }
    this.clock.moveTo(target);
    await this.drain();
  }

  clear(): void {
    this.tasks = new TaskHeap();
    this.generation++;
  }

  private takeDue(): Task | undefined {
    return this.hasDue() ? this.tasks.pop() : undefined;
  }
}
