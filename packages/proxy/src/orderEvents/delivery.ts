import type { OrderEvent } from '@ayokit/core';
import { randomAlphanumeric } from '@ayokit/core/snap';
import { webhookHeaders } from '../webhooks/signature';
import type { DeliveryTarget, Leased, Outbox } from './outbox';

export interface WebhookConfig {
  /** Where events are POSTed (http or https). */
  url: string;
  /** Signs every delivery (HMAC-SHA256); give the same to `verifyWebhook`. */
  secret: string;
  /**
   * During a secret rotation, the secrets from before it: every delivery is signed with `secret`
   * and with each of these (several signatures in `Ayokit-Signature`), so the merchant's server
   * may switch to the new secret whenever it likes. Remove them once it has.
   */
  previousSecrets?: readonly string[];
  /** The fetch to send with (default: the global one). */
  fetch?: (request: Request) => Promise<Response>;
}

export interface EventDeliveryTiming {
  /** Look for due deliveries every this many ms (0 = never; call `deliverEvents()` yourself). */
  intervalMs: number;
  /** A failed delivery is tried again after this… (ms) */
  retryBaseMs: number;
  /** …doubling up to this (ms). */
  retryMaxMs: number;
  /** A handler or webhook that takes longer has failed (ms). */
  timeoutMs: number;
}

/** Sends one event to one target; throws (or times out) when it did not arrive. */
export type Deliver = (event: OrderEvent, payload: string) => Promise<void>;

const BATCH = 20;
/** A lease outlives the timeout by this much, so one attempt never overlaps another. */
const LEASE_MARGIN_MS = 30_000;
/** Delivered rows are kept this long (the record of what was sent), then pruned. */
const RETAIN_DELIVERED_MS = 30 * 24 * 3_600_000;
const PRUNE_EVERY_MS = 3_600_000;

export function handlerTarget(onEvent: (event: OrderEvent) => void | Promise<void>): Deliver {
  return async (event) => {
    await onEvent(event);
  };
}

export function webhookTarget(config: WebhookConfig, now: () => number, timeoutMs: number): Deliver {
  const send = config.fetch ?? ((request: Request) => fetch(request));
  const secrets = [config.secret, ...(config.previousSecrets ?? [])];
  return async (event, payload) => {
    // Signed at each attempt: a retry carries the secrets configured when it is sent.
    const headers = await webhookHeaders(secrets, event, payload, Math.floor(now() / 1000));
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const res = await send(
        new Request(config.url, {
          method: 'POST',
          headers,
          body: payload,
          redirect: 'manual',
          signal: controller.signal,
        }),
      );
      await res.body?.cancel().catch(() => undefined);
      if (res.status < 200 || res.status > 299) throw new Error(`the webhook answered HTTP ${res.status}`);
    } finally {
      clearTimeout(timer);
    }
  };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Takes due events from the outbox and delivers them, at least once: a delivery that throws,
 * answers non-2xx or times out is retried with exponential backoff (state in the database, so a
 * restart or another instance carries on). Passes of one process run one after another.
 */
export class EventDispatcher {
  private chain: Promise<unknown> = Promise.resolve();
  private queued: Promise<number> | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private lastPrune = Number.NEGATIVE_INFINITY;
  private closed = false;

  constructor(
    private readonly outbox: Outbox,
    private readonly targets: Partial<Record<DeliveryTarget, Deliver>>,
    private readonly timing: EventDeliveryTiming,
    private readonly now: () => number,
    private readonly ready: Promise<unknown>,
    private readonly log: (
      level: 'info' | 'warn' | 'error',
      message: string,
      fields?: Record<string, unknown>,
    ) => void,
  ) {}

  get targetNames(): DeliveryTarget[] {
    return (Object.keys(this.targets) as DeliveryTarget[]).filter((t) => this.targets[t]);
  }

  /** Delivers everything deliverable now; resolves with how many deliveries arrived. */
  deliver(): Promise<number> {
    if (this.queued) return this.queued; // a pass not yet started sees everything committed so far
    const pass = this.chain.then(() => {
      this.queued = null;
      return this.closed ? 0 : this.pass();
    });
    this.queued = pass;
    this.chain = pass.catch(() => undefined);
    return pass;
  }

  /** Starts the timer (unless intervalMs is 0). */
  start(): void {
    if (this.timing.intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => this.kick(), this.timing.intervalMs);
    (this.timer as { unref?: () => void }).unref?.();
  }

  /** Delivers soon, in the background (after a commit with events); only when running on a timer. */
  kick(): void {
    if (this.timing.intervalMs <= 0 || this.closed) return;
    this.deliver().catch((err) => this.log('error', 'event delivery pass failed', { error: String(err) }));
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.chain;
  }

  private async pass(): Promise<number> {
    await this.ready;
    const targets = this.targetNames;
    let delivered = 0;
    // Each round takes the head of every user's queue; a success may free the next one.
    for (;;) {
      const now = this.now();
      const token = randomAlphanumeric(24);
      const leaseUntil = new Date(now + this.timing.timeoutMs + LEASE_MARGIN_MS);
      const leased = await this.outbox.lease(targets, new Date(now), leaseUntil, token, BATCH);
      if (!leased.length) break;
      const results = await Promise.all(leased.map((row) => this.attempt(row, token)));
      const arrived = results.filter(Boolean).length;
      delivered += arrived;
      if (arrived === 0 || this.closed) break;
    }
    await this.prune();
    return delivered;
  }

  private async attempt(row: Leased, token: string): Promise<boolean> {
    const deliver = this.targets[row.target];
    try {
      if (!deliver) throw new Error(`no ${row.target} configured`);
      const event = JSON.parse(row.payload) as OrderEvent;
      await withTimeout(deliver(event, row.payload), this.timing.timeoutMs);
    } catch (err) {
      const delay = Math.min(this.timing.retryMaxMs, this.timing.retryBaseMs * 2 ** (row.attempts - 1));
      const error = err instanceof Error ? err.message : String(err);
      this.log('warn', 'order event not delivered; will retry', {
        eventId: row.eventId,
        target: row.target,
        attempt: row.attempts,
        retryInMs: delay,
        error,
      });
      await this.outbox
        .failed(row.seq, token, new Date(this.now() + delay), error)
        .catch((e) => this.log('error', 'could not record a failed delivery', { error: String(e) }));
      return false;
    }
    await this.outbox
      .delivered(row.seq, token, new Date(this.now()))
      .catch((e) => this.log('error', 'could not record a delivery', { error: String(e) }));
    return true;
  }

  private async prune(): Promise<void> {
    const now = this.now();
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    await this.outbox
      .prune(new Date(now - RETAIN_DELIVERED_MS))
      .catch((e) => this.log('warn', 'outbox prune failed', { error: String(e) }));
  }
}
