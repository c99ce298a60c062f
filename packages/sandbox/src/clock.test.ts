import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { Scheduler, VirtualClock } from './clock';

function fixedClock(start = 1_000_000) {
  let real = 0;
  const clock = new VirtualClock(start, () => real);
  return { clock, tick: (ms: number) => (real += ms) };
}

describe('VirtualClock', () => {
  it('adds real elapsed time and advanced offsets, never going back', () => {
    const { clock, tick } = fixedClock();
    tick(500);
    expect(clock.now()).toBe(1_000_500);
    clock.moveTo(2_000_000);
    expect(clock.now()).toBe(2_000_000);
    clock.moveTo(10);
    expect(clock.now()).toBe(2_000_000);
  });
});

/**
 * A scheduler on a virtual clock that follows Vitest's fake timers (from `start`), and a task
 * that notes its label and when it ran. Restores real timers after `fn`.
 */
async function inRealTime(
  start: number,
  fn: (
    clock: VirtualClock,
    scheduler: Scheduler,
    task: (label: string) => () => void,
    ran: [string, number][],
  ) => Promise<void>,
): Promise<void> {
  vi.useFakeTimers({ now: 0 });
  try {
    const clock = new VirtualClock(start, () => Date.now());
    const ran: [string, number][] = [];
    const task = (label: string) => () => {
      ran.push([label, clock.now()]);
    };
    await fn(clock, new Scheduler(clock), task, ran);
  } finally {
    vi.useRealTimers();
  }
}

describe('Scheduler', () => {
  it('runs each task at its due time in real time, not at the next look of a poll, until stopped', () =>
    inRealTime(1_000_000, async (clock, scheduler, task, ran) => {
      scheduler.run(100);
      scheduler.schedule(clock.now() + 250, 'later', task('later'));
      // Due before the timer set for `later`: it is set again for this one.
      scheduler.schedule(clock.now() + 30, 'sooner', task('sooner'));
      await vi.advanceTimersByTimeAsync(29);
      expect(ran).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      expect(ran).toEqual([['sooner', 1_000_030]]);
      await vi.advanceTimersByTimeAsync(219);
      expect(ran).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(ran).toEqual([
        ['sooner', 1_000_030],
        ['later', 1_000_250],
      ]);
      // Virtual time moved forward (a test's advance): the next look, at most 100 ms on, runs what is due.
      scheduler.schedule(clock.now() + 60_000, 'a minute on', task('a minute on'));
      clock.moveTo(clock.now() + 60_000);
      await vi.advanceTimersByTimeAsync(100);
      expect(ran.map(([label]) => label)).toEqual(['sooner', 'later', 'a minute on']);
      scheduler.stop();
      scheduler.schedule(clock.now() + 10, 'after stop', task('after stop'));
      await vi.advanceTimersByTimeAsync(1_000);
      expect(ran).toHaveLength(3);
      expect(vi.getTimerCount()).toBe(0);
    }));

  it('in real time, runs the tasks due within the shortest gap after a run together, at its end', () =>
    inRealTime(0, async (_clock, scheduler, task, ran) => {
      scheduler.run(100, 10);
      for (const [label, at] of [
        ['a', 30],
        ['b', 33],
        ['c', 38],
        ['d', 55],
      ] as const)
        scheduler.schedule(at, label, task(label));
      await vi.advanceTimersByTimeAsync(100);
      expect(ran).toEqual([
        ['a', 30],
        ['b', 40],
        ['c', 40],
        ['d', 55],
      ]);
      scheduler.stop();
    }));

  it('runs the next tasks while work a task left running is under way; drain waits for that work', async () => {
    const { clock } = fixedClock(0);
    const errors: string[] = [];
    const scheduler = new Scheduler(clock, (label) => errors.push(label));
    const seen: string[] = [];
    let answer!: () => void;
    const wire = new Promise<void>((resolve) => {
      answer = resolve;
    });
    scheduler.schedule(0, 'send', () => {
      seen.push('send');
      scheduler.background(
        'send',
        wire.then(() => {
          seen.push('answered');
          // what the work schedules when it ends (a retry) runs in the same drain
          scheduler.schedule(clock.now(), 'retry', () => void seen.push('retry'));
        }),
      );
    });
    scheduler.schedule(0, 'settle', () => void seen.push('settle'));
    scheduler.schedule(0, 'fails', () => {
      scheduler.background('fails', Promise.reject(new Error('refused')));
    });
    let drained = false;
    const drain = scheduler.drain().then(() => {
      drained = true;
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual(['send', 'settle']);
    expect(drained).toBe(false);
    expect(errors).toEqual(['fails']);
    answer();
    await drain;
    expect(seen).toEqual(['send', 'settle', 'answered', 'retry']);
  });

  it('runs tasks in time order at their own virtual time during advance', async () => {
    const { clock } = fixedClock(0);
    const scheduler = new Scheduler(clock);
    const seen: [string, number][] = [];
    scheduler.schedule(3000, 'c', () => void seen.push(['c', clock.now()]));
    scheduler.schedule(1000, 'a', () => {
      seen.push(['a', clock.now()]);
      // scheduled by a task: still runs within the same advance, in order
      scheduler.schedule(clock.now() + 1000, 'b', () => void seen.push(['b', clock.now()]));
    });
    scheduler.schedule(10_000, 'late', () => void seen.push(['late', clock.now()]));
    await scheduler.advance(5);
    expect(seen).toEqual([
      ['a', 1000],
      ['b', 2000],
      ['c', 3000],
    ]);
    expect(clock.now()).toBe(5000);
    expect(scheduler.pending().map((t) => t.label)).toEqual(['late']);
  });

  it('runs any set of tasks in due order, ties in the order they were scheduled, and lists the rest in that order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 60 }),
        fc.integer({ min: 0, max: 40 }),
        async (dues, until) => {
          const { clock } = fixedClock(0);
          const scheduler = new Scheduler(clock);
          const ran: number[] = [];
          for (const [i, at] of dues.entries())
            scheduler.schedule(at * 1000, String(i), () => void ran.push(i), { defer: true });
          await scheduler.advance(until);
          const order = dues.map((at, i) => ({ at, i })).sort((a, b) => a.at - b.at || a.i - b.i);
          expect(ran).toEqual(order.filter((t) => t.at <= until).map((t) => t.i));
          expect(scheduler.pending().map((t) => Number(t.label))).toEqual(
            order.filter((t) => t.at > until).map((t) => t.i),
          );
        },
      ),
    );
  });

  it('runs work due now without an advance, and drain awaits it', async () => {
    const { clock } = fixedClock(0);
    const scheduler = new Scheduler(clock);
    let done = false;
    scheduler.schedule(0, 'now', async () => {
      await new Promise((r) => setTimeout(r, 5));
      done = true;
    });
    await scheduler.drain();
    expect(done).toBe(true);
  });

  it('keeps going when a task throws, and reports it', async () => {
    const { clock } = fixedClock(0);
    const errors: string[] = [];
    const scheduler = new Scheduler(clock, (label) => errors.push(label));
    let ran = false;
    scheduler.schedule(0, 'boom', () => {
      throw new Error('boom');
    });
    scheduler.schedule(0, 'next', () => {
      ran = true;
    });
    await scheduler.drain();
    expect(errors).toEqual(['boom']);
    expect(ran).toBe(true);
  });

  it('clear forgets pending work', async () => {
    const { clock } = fixedClock(0);
    const scheduler = new Scheduler(clock);
    let ran = false;
    scheduler.schedule(1000, 'x', () => {
      ran = true;
    });
    scheduler.clear();
    await scheduler.advance(2);
    expect(ran).toBe(false);
  });
});
