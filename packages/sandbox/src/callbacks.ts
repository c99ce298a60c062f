/**
 * Callback delivery to the merchant: signed, first try at once, retried on a non-2xx or a network
 * error after CALLBACK_RETRY_DELAYS_SECONDS (each delay counted from the failed try), with the
 * callback faults (drop, delay, duplicate, reorder) applied when a callback is sent.
 */
import {
  CALLBACK_RETRY_DELAYS_SECONDS,
  type CallbackType,
  HEADERS,
  nodeHttp,
  nodeSend,
  type SignatureEncoding,
  signCallback,
  snapTimestamp,
} from '@ayokit/core/snap';
import type { Scheduler, VirtualClock } from './clock';
import { DEFAULT_CALLBACK_DELAY_SECONDS, type Faults } from './faults';

/** A reordered callback waits for the next one; if none comes it goes out after this long. */
export const REORDER_MAX_HOLD_SECONDS = 600;

/**
 * Callbacks on the wire at once, at most: a sender's pool of workers. More wait their turn, in
 * order. (One at a time let a merchant slow to answer hold up every other callback; no limit
 * opened thousands of connections to a busy merchant at once, and timed most of them out.)
 */
export const CALLBACK_CONCURRENCY = 8;

export interface CallbackOptions {
  merchantId: string;
  callbackUrl?: string;
  callbackSecret?: string;
  /** The header naming each callback's type (the profile's `dd.callbackTypeHeader`); null: none. */
  typeHeader: string | null;
  signatureEncoding: SignatureEncoding;
  /** Sends each callback when given; else Node's own HTTP client on Node, else `globalThis.fetch`. */
  fetch?: typeof fetch;
  timeoutMs: number;
}

interface Outgoing {
  type: CallbackType;
  body: string;
}

export class Callbacks {
  private held: Outgoing[] = [];
  /** Deliveries on the wire, and those waiting for one of them to end. */
  private sending = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    private readonly options: CallbackOptions,
    private readonly clock: VirtualClock,
    private readonly scheduler: Scheduler,
    private readonly faults: Faults,
  ) {}

  send(type: CallbackType, body: object): void {
    if (!this.options.callbackUrl) return;
    const out: Outgoing = { type, body: JSON.stringify(body) };
    const fault = this.faults.takeCallback(type);
    const now = this.clock.now();
    if (fault?.action === 'drop') return;
    if (fault?.action === 'reorder') {
      this.held.push(out);
      this.scheduler.schedule(now + REORDER_MAX_HOLD_SECONDS * 1000, `release held ${type} callback`, () => {
        if (!this.held.includes(out)) return;
        this.held = this.held.filter((h) => h !== out);
        this.scheduleAttempt(out, 0, this.clock.now());
      });
      return;
    }
    const at =
      fault?.action === 'delay' ? now + (fault.delaySeconds ?? DEFAULT_CALLBACK_DELAY_SECONDS) * 1000 : now;
    const released = this.held;
    this.held = [];
    // The callbacks held back go out once this one has been answered: after it, as reordered.
    this.scheduleAttempt(out, 0, at, released);
    if (fault?.action === 'duplicate') this.scheduleAttempt(out, 0, at);
  }

  reset(): void {
    this.held = [];
  }

  /**
   * A try of `out` at `at`, then of each of `then`, one after the other. On the wire, a callback
   * does not hold up the bank: the sandbox's other work goes on while the merchant answers.
   */
  private scheduleAttempt(out: Outgoing, attempt: number, at: number, then: Outgoing[] = []): void {
    const label = `${out.type} callback, try ${attempt + 1}`;
    this.scheduler.schedule(at, label, () => {
      this.scheduler.background(
        label,
        (async () => {
          await this.deliver(out, attempt);
          for (const next of then) await this.deliver(next, 0);
        })(),
      );
    });
  }

  private async deliver(out: Outgoing, attempt: number): Promise<void> {
    // Callbacks sent before a reset (the scheduler cleared) do not come back as retries after it.
    const epoch = this.scheduler.epoch;
    // A callback still waiting for its turn when the sandbox was reset is not sent.
    const ok = await this.withSlot(() =>
      epoch === this.scheduler.epoch ? this.post(out) : Promise.resolve(true),
    );
    if (ok || epoch !== this.scheduler.epoch) return;
    const delay = CALLBACK_RETRY_DELAYS_SECONDS[attempt];
    if (delay === undefined) return; // retries spent: Ayoconnect gives up
    this.scheduleAttempt(out, attempt + 1, this.clock.now() + delay * 1000);
  }

  private async withSlot<T>(send: () => Promise<T>): Promise<T> {
    if (this.sending >= CALLBACK_CONCURRENCY) await new Promise<void>((resolve) => this.queue.push(resolve));
    else this.sending++;
    try {
      return await send();
    } finally {
      // The slot passes to the next in line, or is freed.
      const next = this.queue.shift();
      if (next) next();
      else this.sending--;
    }
  }

  private async post(out: Outgoing): Promise<boolean> {
    const url = this.options.callbackUrl;
    if (!url) return false;
    // X-TIMESTAMP is transport time (real), like the freshness check of incoming requests.
    const timestamp = snapTimestamp(Date.now());
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      [HEADERS.timestamp]: timestamp,
      [HEADERS.partnerId]: this.options.merchantId,
      ...(this.options.typeHeader ? { [this.options.typeHeader]: out.type } : {}),
    };
    if (this.options.callbackSecret) {
      headers[HEADERS.signature] = await signCallback(
        { path: new URL(url).pathname, body: out.body, timestamp, secret: this.options.callbackSecret },
        this.options.signatureEncoding,
      );
    }
    const node = this.options.fetch ? undefined : nodeHttp(new URL(url).protocol);
    if (node) {
      try {
        const { status } = await nodeSend(
          node,
          new URL(url),
          { method: 'POST', headers, body: out.body },
          this.options.timeoutMs,
        );
        return status >= 200 && status < 300;
      } catch {
        return false;
      }
    }
    const send = this.options.fetch ?? ((request: Request) => globalThis.fetch(request));
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => {
        controller.abort();
        resolve(null);
      }, this.options.timeoutMs);
      timer.unref?.();
    });
    try {
      const request = new Request(url, {
        method: 'POST',
        headers,
        body: out.body,
        signal: controller.signal,
      });
      const res = await Promise.race([send(request), timeout]);
      if (!res) return false;
      await res.body?.cancel().catch(() => {});
      return res.ok;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}
