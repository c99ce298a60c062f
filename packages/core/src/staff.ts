/**
 * The back office's contract (`/ayokit/staff/v1`), for the merchant's staff: refund, capture,
 * void and search payments. Every route is authorised by the merchant's own
 * `authorizeStaff(request)`, never by a shopper's session, and every action is audited.
 *
 * Routes (POSTs need an Idempotency-Key header):
 *   GET  /me                             → staffMeResponse (who is signed in, with which roles)
 *   GET  /capabilities                   → capabilitiesSchema (card refund and void by API or not)
 *   GET  /payments                       staffListPaymentsQuery → staffPaymentsResponse (role read)
 *   GET  /payments/:id                   → staffPaymentResponse (role read)
 *   GET  /payments/:id/refunds           → refundsResponse (role read)
 *   POST /payments/:id/refunds           createRefundRequest → refundResponse (201, role refund;
 *                                          a card's: NOT_SUPPORTED, 422, when capabilities.cardRefund is off)
 *   POST /payments/:id/capture           capturePaymentRequest → staffPaymentResponse (role capture)
 *   POST /payments/:id/void              voidPaymentRequest → staffPaymentResponse (role void;
 *                                          NOT_SUPPORTED, 422, when capabilities.cardVoid is off)
 *   GET  /audit                          auditQuery → auditResponse (role read)
 */
import * as z from 'zod/mini';
import {
  checkoutIdSchema,
  orderIdSchema,
  PUBLIC_PAYMENT_STATUSES,
  paymentIdSchema,
  paymentSchema,
  userIdSchema,
} from './api';

/** What a member of staff may do; the merchant maps its own roles onto these. */
export const STAFF_ROLES = ['read', 'refund', 'capture', 'void'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const staffIdentitySchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  name: z.optional(z.string().check(z.maxLength(200))),
  roles: z.array(z.enum(STAFF_ROLES)),
});
export type StaffIdentity = z.infer<typeof staffIdentitySchema>;

/** A payment as staff see it: whose it is, too. */
export const staffPaymentSchema = z.extend(paymentSchema, { userId: z.string() });
export type StaffPayment = z.infer<typeof staffPaymentSchema>;

export const staffListPaymentsQuery = z.strictObject({
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200))),
  status: z.optional(z.enum(PUBLIC_PAYMENT_STATUSES)),
  userId: z.optional(userIdSchema),
  orderId: z.optional(orderIdSchema),
  checkoutId: z.optional(checkoutIdSchema),
});
export type StaffListPaymentsQuery = z.infer<typeof staffListPaymentsQuery>;

export const AUDIT_ACTIONS = ['refund', 'capture', 'void'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * One money-moving action by staff (or by the merchant's server code, `actor.type: 'server'`, or
 * by Ayoconnect itself, `actor.type: 'gateway'`: a card refund its operations made, which the
 * proxy learnt of from the gateway): who, what, when, and how it ended. A refused action is
 * recorded too, with its error code.
 */
export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.iso.datetime({ offset: true }),
  actor: z.object({
    type: z.enum(['staff', 'server', 'gateway']),
    id: z.string(),
    name: z.nullable(z.string()),
  }),
  action: z.enum(AUDIT_ACTIONS),
  paymentId: paymentIdSchema,
  /** The amount asked for (refund, capture), if any. */
  amount: z.nullable(z.int()),
  reason: z.nullable(z.string()),
  /** `accepted`: the bank took it (or is processing it); `refused`: nothing moved. */
  result: z.enum(['accepted', 'refused']),
  /** Why it was refused (an error code), or null. */
  errorCode: z.nullable(z.string()),
  /** The refund it created, for a refund. */
  refundId: z.nullable(z.string()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditQuery = z.strictObject({
  paymentId: z.optional(paymentIdSchema),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200))),
});

export const staffMeResponse = z.object({ staff: staffIdentitySchema });
export const staffPaymentResponse = z.object({ payment: staffPaymentSchema });
export const staffPaymentsResponse = z.object({ payments: z.array(staffPaymentSchema) });
export const auditResponse = z.object({ entries: z.array(auditEntrySchema) });
