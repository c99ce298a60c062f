import type { OrderEvent } from '@ayokit/core';
import { httpUrlOf } from '@ayokit/core/snap';
import { AyoConfigError, MAX_TIMER_MS, pasteProblem } from '../options';
import type { Store } from '../store/store';
import {
  type Deliver,
  type EventDeliveryTiming,
  EventDispatcher,
  handlerTarget,
  type WebhookConfig,
  webhookTarget,
} from './delivery';
import { EVENT_TABLES, orderEventsOf } from './derive';
import { type DeliveryTarget, Outbox } from './outbox';

export type { EventDeliveryTiming, WebhookConfig };

export interface OrderEventOptions {
  /** Every order event, in-process, at least once (a throw or a timeout is retried; dedupe by `event.id`). */
  onEvent?: (event: OrderEvent) => void | Promise<void>;
  /** Every order event as a signed POST to the merchant's server, at least once. */
  webhooks?: WebhookConfig;
  eventDelivery?: Partial<EventDeliveryTiming>;
}

export interface OrderEvents {
  /** Runs one delivery pass now; resolves with how many deliveries arrived. */
  deliver: () => Promise<number>;
  outbox: Outbox;
  close: () => Promise<void>;
}

const fail = (option: string, detail: string): never => {
  throw new AyoConfigError(option, detail);
};

/** Config mistakes fail here, when the proxy is created: an AyoConfigError naming the option. */
export function validateOrderEventOptions(options: OrderEventOptions): void {
  if (options.onEvent !== undefined && typeof options.onEvent !== 'function') {
    fail('onEvent', 'must be a function (event) => void | Promise<void>');
  }
  const hooks = options.webhooks;
  if (hooks !== undefined) {
    if (typeof hooks !== 'object' || hooks === null)
      fail('webhooks', 'must be { url, secret, previousSecrets? }');
    if (!httpUrlOf(hooks.url)) {
      fail(
        'webhooks.url',
        `must be an http(s) URL such as https://shop.example/webhooks/ayokit (got ${JSON.stringify(String(hooks.url))})`,
      );
    }
    if (typeof hooks.secret !== 'string' || hooks.secret.trim() === '') {
      fail('webhooks.secret', 'must be a non-empty string (it signs every webhook)');
    }
    const pasted = pasteProblem(hooks.secret as string);
    if (pasted) fail('webhooks.secret', pasted);
    checkPreviousSecrets(hooks.secret, hooks.previousSecrets);
    if (hooks.fetch !== undefined && typeof hooks.fetch !== 'function') {
      fail('webhooks.fetch', 'must be a function (request) => Promise<Response>');
    }
  }
  const delivery: unknown = options.eventDelivery;
  if (
    delivery !== undefined &&
    (typeof delivery !== 'object' || delivery === null || Array.isArray(delivery))
  )
    fail('eventDelivery', 'must be { intervalMs?, retryBaseMs?, retryMaxMs?, timeoutMs? }');
  for (const [name, value] of Object.entries(options.eventDelivery ?? {})) {
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) {
      fail(`eventDelivery.${name}`, 'must be a number of milliseconds ≥ 0');
    }
  }
  const timeout = options.eventDelivery?.timeoutMs;
  if (timeout !== undefined && timeout <= 0) fail('eventDelivery.timeoutMs', 'must be > 0');
  for (const name of ['intervalMs', 'timeoutMs'] as const) {
    const value = options.eventDelivery?.[name];
    if (value !== undefined && value > MAX_TIMER_MS)
      fail(`eventDelivery.${name}`, `must be at most ${MAX_TIMER_MS} ms (about 24 days)`);
  }
}

/**
 * `webhooks.previousSecrets`: absent, or a list of distinct non-empty strings other than the
 * current secret. The secrets themselves never appear in a message.
 */
function checkPreviousSecrets(secret: string, previous: unknown): void {
  if (previous === undefined) return;
  const option = 'webhooks.previousSecrets';
  if (!Array.isArray(previous)) {
    fail(
      option,
      `must be a list of the secrets signed with before a rotation, e.g. ['whsec-old'] (got ${previous === null ? 'null' : typeof previous})`,
    );
  }
  const seen = new Map<string, number>();
  (previous as unknown[]).forEach((value, i) => {
    if (typeof value !== 'string')
      fail(option, `entry ${i} must be a string (got ${value === null ? 'null' : typeof value})`);
    const s = value as string;
    if (s.trim() === '') fail(option, `entry ${i} is empty: give the old secret, or leave the entry out`);
    const pasted = pasteProblem(s);
    if (pasted) fail(option, `entry ${i} ${pasted}`);
    if (s === secret)
      fail(option, `entry ${i} is webhooks.secret itself: list only the secrets from before the rotation`);
    const first = seen.get(s);
    if (first !== undefined) fail(option, `entries ${first} and ${i} are the same secret: list each once`);
    seen.set(s, i);
  });
}

/**
 * Order events: every payment, refund and instrument outcome becomes an outbox row in the
 * transaction that decided it (the store tells us before COMMIT), and a dispatcher delivers the
 * rows to `onEvent` and the webhook. Without either, nothing is recorded.
 */
export function createOrderEvents(
  store: Store,
  options: OrderEventOptions,
  env: {
    now: () => number;
    ready: Promise<unknown>;
    log: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
  },
): OrderEvents {
  validateOrderEventOptions(options);
  const outbox = new Outbox(store.db);
  const timing: EventDeliveryTiming = {
    intervalMs: options.eventDelivery?.intervalMs ?? 1_000,
    retryBaseMs: options.eventDelivery?.retryBaseMs ?? 5_000,
    retryMaxMs: options.eventDelivery?.retryMaxMs ?? 30 * 60_000,
    timeoutMs: options.eventDelivery?.timeoutMs ?? 10_000,
  };
  const targets: Partial<Record<DeliveryTarget, Deliver>> = {};
  if (options.onEvent) targets.handler = handlerTarget(options.onEvent);
  if (options.webhooks) targets.webhook = webhookTarget(options.webhooks, env.now, timing.timeoutMs);
  const dispatcher = new EventDispatcher(outbox, targets, timing, env.now, env.ready, env.log);
  const names = dispatcher.targetNames;
  if (names.length === 0) return { deliver: async () => 0, outbox, close: async () => undefined };

  store.observe({
    tables: EVENT_TABLES,
    beforeCommit: async (tx, changes) => {
      const events = await orderEventsOf(store, tx, changes, env.now());
      if (events.length) await outbox.record(tx, events, names, new Date(env.now()));
    },
    afterCommit: () => dispatcher.kick(),
  });
  dispatcher.start();
  return { deliver: () => dispatcher.deliver(), outbox, close: () => dispatcher.close() };
}
