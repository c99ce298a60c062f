import type { LiveEvent } from '@ayokit/core';
import type { WireProfile } from '@ayokit/core/snap';
import type { CardClient } from './card/client';
import type { Queryable } from './db/types';
import type { SnapClient } from './snap/client';
import type { Store } from './store/store';

export interface ReconcileTiming {
  /** Wait this long for a callback before asking the inquiry/status API (ms). */
  callbackGraceMs: number;
  /** Further checks back off from this… (ms) */
  retryBaseMs: number;
  /** …up to this (ms). */
  retryMaxMs: number;
}

/** What every flow needs: the store, the SNAP client, time, and a way to tell the browser. */
export interface FlowContext {
  store: Store;
  client: SnapClient;
  /** Card Acceptance (a separate API with its own credentials). */
  card: CardClient;
  merchantId: string;
  /** The wire profile both clients speak (names and behaviours the reference leaves open). */
  profile: WireProfile;
  now: () => number;
  timing: ReconcileTiming;
  /** Where the bank's page returns the shopper when the browser gave no returnUrl. */
  defaultReturnUrl: string;
  /**
   * Appends a live event (and announces it when it commits). With `q`, a store transaction, the
   * event commits with what that transaction changed, or not at all.
   */
  publish: (userId: string, event: LiveEvent, q?: Queryable) => Promise<void>;
  log: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
}

/** When to check a pending row next: grace first, then exponential backoff. */
export function nextCheck(ctx: FlowContext, attempts: number): Date {
  const { callbackGraceMs, retryBaseMs, retryMaxMs } = ctx.timing;
  const delay = attempts === 0 ? callbackGraceMs : Math.min(retryMaxMs, retryBaseMs * 2 ** (attempts - 1));
  return new Date(ctx.now() + delay);
}
