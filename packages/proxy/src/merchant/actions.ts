import {
  AyoError,
  type CapturePaymentRequest,
  type CreateRefundRequest,
  ID_PREFIXES,
  type StaffListPaymentsQuery,
  type VoidPaymentRequest,
} from '@ayokit/core';
import { randomAlphanumeric } from '@ayokit/core/snap';
import type { FlowContext } from '../context';
import type { Queryable } from '../db/types';
import { capturePayment, voidPayment } from '../flows/cardPayment';
import { createRefund } from '../flows/refund';
import type { AuditRow, PaymentRow, RefundRow } from '../store/rows';

/**
 * Who moves money back or settles a hold: a member of staff, the merchant's own server code, or
 * the gateway itself (a card refund Ayoconnect's operations made, learnt from the payment).
 */
export type Actor =
  | { type: 'staff'; id: string; name: string | null }
  | { type: 'server'; id: 'server'; name: null }
  | { type: 'gateway'; id: 'ayoconnect'; name: null };
export const SERVER_ACTOR: Actor = { type: 'server', id: 'server', name: null };
export const GATEWAY_ACTOR: Actor = { type: 'gateway', id: 'ayoconnect', name: null };

type Action = AuditRow['action'];

type AuditEntryInput = { action: Action; paymentId: string; amount: number | null; reason: string | null };

/** Writes one line of the audit trail: who tried what on which payment, when, and how it ended. */
export async function recordAudit(
  ctx: FlowContext,
  actor: Actor,
  entry: AuditEntryInput,
  outcome: { result: AuditRow['result']; errorCode: string | null; refundId: string | null },
  q?: Queryable,
): Promise<void> {
  await ctx.store.insert(
    'audit_log',
    {
      id: `${ID_PREFIXES.audit}_${randomAlphanumeric(24)}`,
      at: new Date(ctx.now()),
      actorType: actor.type,
      actorId: actor.id,
      actorName: actor.name,
      ...entry,
      ...outcome,
    },
    q,
  );
}

async function audited<T>(
  ctx: FlowContext,
  actor: Actor,
  entry: AuditEntryInput,
  run: () => Promise<T>,
  refundIdOf: (result: T) => string | null = () => null,
): Promise<T> {
  let result: T;
  try {
    result = await run();
  } catch (error) {
    const errorCode = error instanceof AyoError ? error.code : 'INTERNAL';
    await recordAudit(ctx, actor, entry, { result: 'refused', errorCode, refundId: null });
    throw error;
  }
  await recordAudit(ctx, actor, entry, { result: 'accepted', errorCode: null, refundId: refundIdOf(result) });
  return result;
}

async function paymentOrNotFound(ctx: FlowContext, id: string): Promise<PaymentRow> {
  const payment = await ctx.store.get('payments', id);
  if (!payment) throw new AyoError('NOT_FOUND', 'No such payment.');
  return payment;
}

/** A refund by staff or the merchant's server: full or partial (cards: full only), audited. */
export async function refundPayment(
  ctx: FlowContext,
  actor: Actor,
  paymentId: string,
  input: CreateRefundRequest,
  key: string,
): Promise<RefundRow> {
  const payment = await paymentOrNotFound(ctx, paymentId);
  return audited(
    ctx,
    actor,
    { action: 'refund', paymentId, amount: input.amount ?? null, reason: input.reason ?? null },
    () => createRefund(ctx, payment, input, key),
    (refund) => refund.id,
  );
}

/** A capture of an authorised card payment (at most 120 %), audited. */
export async function capturePaymentAs(
  ctx: FlowContext,
  actor: Actor,
  paymentId: string,
  input: CapturePaymentRequest,
  key: string,
): Promise<PaymentRow> {
  const payment = await paymentOrNotFound(ctx, paymentId);
  return audited(
    ctx,
    actor,
    { action: 'capture', paymentId, amount: input.amount ?? null, reason: null },
    () => capturePayment(ctx, payment, input, key),
  );
}

/** A void of an authorised card payment (the hold is released), audited. */
export async function voidPaymentAs(
  ctx: FlowContext,
  actor: Actor,
  paymentId: string,
  input: VoidPaymentRequest,
  key: string,
): Promise<PaymentRow> {
  const payment = await paymentOrNotFound(ctx, paymentId);
  return audited(ctx, actor, { action: 'void', paymentId, amount: null, reason: input.reason ?? null }, () =>
    voidPayment(ctx, payment, input, key),
  );
}

/** Payments of every shopper, newest first, filtered as staff and the merchant's server search. */
export async function searchPayments(ctx: FlowContext, query: StaffListPaymentsQuery): Promise<PaymentRow[]> {
  // `processing` is what the browser sees of the internal `created` too.
  const status =
    query.status === 'processing' ? ['created', 'processing'] : query.status ? [query.status] : undefined;
  return ctx.store.list(
    'payments',
    { userId: query.userId, orderId: query.orderId, checkoutId: query.checkoutId, status },
    'created_at DESC',
    query.limit ?? 50,
  );
}

export async function auditTrail(
  ctx: FlowContext,
  query: { paymentId?: string | undefined; limit?: number | undefined },
) {
  return ctx.store.list(
    'audit_log',
    query.paymentId ? { paymentId: query.paymentId } : {},
    'at DESC, seq DESC',
    query.limit ?? 100,
  );
}
