/**
 * The demo's "shop backend log": the webhooks the proxy sent to the shop's own server
 * (`POST /demo/webhooks`), newest first, in memory. This is what a merchant's order service
 * would do with them: verify the signature, deduplicate by event id, fulfil the order.
 */

export interface WebhookLogEntry {
  /** This log's own running number (a stable key for the row). */
  seq: number;
  /** The event's id (`evt_…`), or null when an unverified body did not carry one. */
  eventId: string | null;
  type: string | null;
  orderId: string | null;
  /** The amount the event is about (the refund's for refunds, the capture's for captures). */
  amount: number | null;
  /** The shopper the event is about. */
  userId: string | null;
  /** When the proxy says it happened. */
  createdAt: string | null;
  /** When the shop's server received it (the last delivery). */
  receivedAt: string;
  /** Whether the signature matched the shared secret; an unverified webhook is logged, never acted on. */
  verified: boolean;
  /** How many times this event was delivered (redeliveries carry the same id). */
  deliveries: number;
}

const MAX_ENTRIES = 200;

// biome-ignore lint/suspicious/noExplicitAny: an event's body is read loosely, field by field
type Loose = Record<string, any>;

const str = (v: unknown): string | null => (typeof v === 'string' && v.length <= 300 ? v : null);
const int = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) ? v : null);

/** The fields the log shows, from an event (verified or not: nothing here is trusted for money). */
export function summarize(
  event: unknown,
): Omit<WebhookLogEntry, 'seq' | 'receivedAt' | 'verified' | 'deliveries'> {
  const e = (typeof event === 'object' && event !== null ? event : {}) as Loose;
  const data = (typeof e.data === 'object' && e.data !== null ? e.data : {}) as Loose;
  const payment = (data.payment ?? {}) as Loose;
  const refund = (data.refund ?? {}) as Loose;
  const checkout = (data.checkout ?? {}) as Loose;
  const type = str(e.type);
  const amount = type?.startsWith('refund.')
    ? int(refund.amount)
    : type === 'payment.captured'
      ? int(payment.capturedAmount)
      : (int(payment.amount) ?? int(checkout.amount));
  return {
    eventId: str(e.id),
    type,
    orderId: str(payment.orderId) ?? str(checkout.orderId),
    amount,
    userId: str(e.userId),
    createdAt: str(e.createdAt),
  };
}

export class WebhookLog {
  private entries: WebhookLogEntry[] = [];
  private seq = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Records a delivery; a verified redelivery of a known event counts, it adds no row. */
  add(event: unknown, verified: boolean): WebhookLogEntry {
    const summary = summarize(event);
    const receivedAt = new Date(this.now()).toISOString();
    const known =
      verified && summary.eventId
        ? this.entries.find((e) => e.verified && e.eventId === summary.eventId)
        : undefined;
    if (known) {
      known.deliveries += 1;
      known.receivedAt = receivedAt;
      return known;
    }
    const entry: WebhookLogEntry = { seq: ++this.seq, ...summary, receivedAt, verified, deliveries: 1 };
    this.entries.unshift(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.length = MAX_ENTRIES;
    return entry;
  }

  /** Newest first. */
  list(limit = 50): WebhookLogEntry[] {
    return this.entries.slice(0, limit).map((e) => ({ ...e }));
  }
}
