import type { LiveEvent } from '@ayokit/core';
import type { AyoApi } from './api';

type Listener = (event: LiveEvent) => void;

/**
 * One live connection per provider, shared by every hook. Opens on the first listener, closes
 * with the last; `connected` tells flows whether they must poll instead.
 */
export class LiveHub {
  readonly #listeners = new Set<Listener>();
  readonly #stateListeners = new Set<(connected: boolean) => void>();
  #close: (() => void) | null = null;
  connected = false;

  readonly #api: AyoApi;
  readonly #enabled: boolean;

  /**
   * @param waitLimitMs How long a flow waits for the bank's answer before it settles on an honest
   *   "still processing" (null: each flow's own default, 2–5 minutes).
   * @param now The provider's clock: flows measure their deadlines and resend rules on it.
   */
  constructor(
    api: AyoApi,
    readonly waitLimitMs: number | null = null,
    readonly now: () => number = Date.now,
    /** False for staff (no live stream): never connects, so every wait polls. */
    enabled: boolean = true,
  ) {
    this.#api = api;
    this.#enabled = enabled;
  }

  on(listener: Listener): () => void {
    this.#listeners.add(listener);
    if (!this.#close && this.#enabled) {
      this.#close = this.#api.subscribe(
        (e) => {
          for (const l of [...this.#listeners]) l(e);
        },
        (connected) => {
          this.connected = connected;
          for (const l of [...this.#stateListeners]) l(connected);
        },
      );
    }
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0 && this.#close) {
        this.#close();
        this.#close = null;
        this.connected = false;
      }
    };
  }

  onConnection(listener: (connected: boolean) => void): () => void {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }
}

export interface WatchOptions<T> {
  live: LiveHub;
  type: LiveEvent['type'];
  id: string;
  read: () => Promise<T>;
  fromEvent: (event: LiveEvent) => T | null;
  settled: (value: T) => boolean;
  onUpdate: (value: T) => void;
  /** The wait outlasted its bound: the flow shows an honest "still processing". */
  onGiveUp: () => void;
  /** When to stop waiting (epoch ms, on `now`). */
  deadline: number;
  /** Default: the hub's clock. */
  now?: () => number;
}

/** Polling backoff while the live stream is down: 1 s, 2 s, 4 s … up to 10 s. */
export const POLL_BASE_MS = 1_000;
export const POLL_MAX_MS = 10_000;
/** Even with the stream up, look once in a while: a missed event must not strand the flow. */
export const SAFETY_POLL_MS = 15_000;

/**
 * Waits for a resource to settle: live events when the stream is up, bounded polling with
 * backoff when it is not. Timers keep running in a background tab (the shopper is in the bank's
 * app). Returns a function that stops watching.
 */
export function watch<T>(o: WatchOptions<T>): () => void {
  const now = o.now ?? o.live.now;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;

  const finish = (value: T) => {
    o.onUpdate(value);
    if (o.settled(value)) stop();
  };
  const offEvent = o.live.on((event) => {
    if (stopped || event.type !== o.type || (event.data as { id: string }).id !== o.id) return;
    const value = o.fromEvent(event);
    if (value) finish(value);
  });
  const offState = o.live.onConnection(() => schedule());

  const tick = async () => {
    timer = null;
    if (stopped) return;
    if (now() >= o.deadline) {
      stop();
      o.onGiveUp();
      return;
    }
    try {
      const value = await o.read();
      if (!stopped) finish(value);
    } catch {
      // a failed poll is retried with backoff
    }
    attempt++;
    schedule();
  };
  function schedule() {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    const delay = o.live.connected ? SAFETY_POLL_MS : Math.min(POLL_MAX_MS, POLL_BASE_MS * 2 ** attempt);
    timer = setTimeout(tick, Math.max(0, Math.min(delay, o.deadline - now())));
  }
  function stop() {
    if (stopped) return;
    stopped = true;
    if (timer) clearTimeout(timer);
    offEvent();
    offState();
  }
  schedule();
  return stop;
}
