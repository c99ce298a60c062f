/**
 * Order events: what the merchant's server learns from the proxy's own records (never from the
 * browser), in-process (`onEvent`) or as signed webhooks. Each event has a stable id: a redelivery
 * carries the same id, so a receiver deduplicates by it.
 */
import * as z from 'zod/mini';
import { checkoutSchema, instrumentSchema, refundSchema } from './api';
import { staffPaymentSchema } from './staff';

export const ORDER_EVENT_TYPES = [
  'payment.succeeded',
  'payment.failed',
  'payment.authorized',
  'payment.captured',
  'payment.voided',
  'payment.expired',
  'refund.succeeded',
  'refund.failed',
  'instrument.bound',
  'instrument.unbound',
] as const;
export type OrderEventType = (typeof ORDER_EVENT_TYPES)[number];

export const orderEventSchema = z.object({
  /** Stable across redeliveries: `evt_…`. */
  id: z.string(),
  type: z.enum(ORDER_EVENT_TYPES),
  createdAt: z.iso.datetime({ offset: true }),
  /** The shopper the event is about. */
  userId: z.string(),
  data: z.object({
    payment: z.optional(staffPaymentSchema),
    checkout: z.optional(z.nullable(checkoutSchema)),
    refund: z.optional(refundSchema),
    instrument: z.optional(instrumentSchema),
  }),
});
export type OrderEvent = z.infer<typeof orderEventSchema>;

/** Header names of an outgoing webhook (signature = HMAC-SHA256 over `${timestamp}.${body}`). */
export const WEBHOOK_HEADERS = {
  id: 'Ayokit-Event-Id',
  timestamp: 'Ayokit-Timestamp',
  signature: 'Ayokit-Signature',
} as const;
