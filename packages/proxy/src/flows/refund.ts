import {
  AyoError,
  type CreateRefundRequest,
  ERROR_MESSAGES,
  type Failure,
  fromSnapAmount,
  toSnapAmount,
} from '@ayokit/core';
import {
  CARD_ADDITIONAL_INFO,
  type CardPaymentView,
  type CardRefundRequest,
  type CardRefundResponse,
  type CardStatusResponse,
  type RefundRequest,
} from '@ayokit/core/snap';
import { capabilityMissing } from '../capabilities';
import { type FlowContext, nextCheck } from '../context';
import type { Queryable } from '../db/types';
import { newId, newReference } from '../ids';
import { GATEWAY_ACTOR, recordAudit } from '../merchant/actions';
import type { SnapResult } from '../snap/client';
import { failureFromResponse } from '../snap/failures';
import type { BankAccountRow, CardRow, PaymentRow, RefundRow } from '../store/rows';
import { capturedAmount } from '../views';
import { orderOf, statusQuery, viewOf } from './cardPayment';
import { methodOf, PAYMENT_METHODS } from './methods';
import { readStatusRefunds, statusRequest } from './payment';
import { emit, idempotent, isConflict, isUnknownOutcome, moveRow, readString, scheduleRow } from './shared';

const LEASE_MS = 60_000;

export async function createRefund(
  ctx: FlowContext,
  payment: PaymentRow,
  input: CreateRefundRequest,
  key: string,
): Promise<RefundRow> {
  // No refund API for this method in the profile (cards, by default: Ayoconnect's operations
  // refund them): refused before any row or call.
  if (!PAYMENT_METHODS[payment.instrumentType].refunds(ctx.profile)) throw refundUnavailable();
  if (payment.status !== 'succeeded') {
    throw new AyoError(
      'INVALID_STATE',
      `Only a succeeded payment can be refunded; this one is ${payment.status}.`,
    );
  }
  const at = new Date(ctx.now());
  const id = newId('refund');
  const { row } = await idempotent(
    ctx,
    { table: 'refunds', userId: payment.userId, key, scope: `refund:${payment.id}`, body: input, newId: id },
    async (tx) => {
      // Lock the payment so two refunds cannot both fit in what is left.
      const [locked] = await tx.query<{
        amount: number;
        refunded_amount: number;
        captured_amount: number;
        mode: string;
      }>('SELECT amount, refunded_amount, captured_amount, mode FROM payments WHERE id = $1 FOR UPDATE', [
        payment.id,
      ]);
      const pending = await pendingRefunds(tx, payment.id);
      // What was taken: a capture may differ from the amount authorised.
      const taken = locked!.mode === 'authorize' ? locked!.captured_amount : locked!.amount;
      const left = taken - locked!.refunded_amount - pending;
      const amount = input.amount ?? left;
      if (left <= 0 || amount <= 0 || amount > left) {
        throw new AyoError(
          'REFUND_EXCEEDS_PAYMENT',
          left <= 0 ? 'This payment has been refunded in full.' : `At most ${left} can still be refunded.`,
        );
      }
      // The card gateway refunds in full only [seed 001]: refused here, before any call.
      if (!PAYMENT_METHODS[payment.instrumentType].partialRefunds && amount !== left) {
        throw new AyoError(
          'PARTIAL_REFUND_NOT_ALLOWED',
          `${ERROR_MESSAGES.PARTIAL_REFUND_NOT_ALLOWED} Refund ${left}, or leave the amount out.`,
        );
      }
      return ctx.store.insert(
        'refunds',
        {
          id,
          userId: payment.userId,
          paymentId: payment.id,
          amount,
          reason: input.reason ?? null,
          status: 'created',
          partnerRefundNo: newReference(),
          externalId: newReference(),
          refundNo: null,
          failure: null,
          upstreamLeaseUntil: null,
          origin: 'merchant',
          nextCheckAt: new Date(at.getTime() + ctx.timing.callbackGraceMs),
          checkAttempts: 0,
          createdAt: at,
          updatedAt: at,
        },
        tx,
      );
    },
  );
  if (row.status !== 'created') return row;
  return sendRefund(ctx, row);
}

/**
 * The card API has no refund [docs: /docs/important-terminologies] unless the profile says so
 * (`capabilities.cardRefund`): Ayoconnect's team refunds card payments on request.
 */
export function refundUnavailable(): AyoError {
  return capabilityMissing('cardRefund');
}

export async function sendRefund(ctx: FlowContext, row: RefundRow): Promise<RefundRow> {
  const leased = await ctx.store.db.query(
    `UPDATE refunds SET upstream_lease_until = $2, updated_at = $3
     WHERE id = $1 AND status = 'created' AND (upstream_lease_until IS NULL OR upstream_lease_until < $3) RETURNING id`,
    [row.id, new Date(ctx.now() + LEASE_MS), new Date(ctx.now())],
  );
  if (!leased.length) return (await ctx.store.get('refunds', row.id)) ?? row;
  const payment = await ctx.store.get('payments', row.paymentId);
  const instrument = payment && (await ctx.store.get('instruments', payment.instrumentId));
  if (!payment || !instrument) return schedule(ctx, row);
  return methodOf(instrument).refund(ctx, row, payment, instrument);
}

/**
 * The X-EXTERNAL-ID of a refund's calls: its payment's (`profile.externalId.refund` 'payment', the
 * reference: partial refunds of one payment share it and differ by partnerRefundNo), or the
 * refund's own, persisted at its creation and reused on every retry ('new', seed 000).
 */
export function refundExternalId(ctx: FlowContext, row: RefundRow, payment: PaymentRow): string {
  return ctx.profile.externalId.refund === 'payment' ? payment.externalId : row.externalId;
}

/** Direct Debit refund (SNAP service 58), with its partnerRefundNo; the reason stays with us. */
export async function sendBankRefund(
  ctx: FlowContext,
  row: RefundRow,
  payment: PaymentRow,
  instrument: BankAccountRow,
): Promise<RefundRow> {
  // The refund names the payment by the bank's referenceNo (required): not known yet, so not sent
  // yet; asked again later, backing off (its status check waits for it too).
  if (!payment.referenceNo) return schedule(ctx, row);
  const body: RefundRequest = {
    originalPartnerReferenceNo: payment.partnerReferenceNo,
    originalReferenceNo: payment.referenceNo,
    merchantId: ctx.merchantId,
    partnerRefundNo: row.partnerRefundNo,
    refundAmount: toSnapAmount(row.amount),
  };
  const res = await ctx.client.call('refund', body, {
    externalId: refundExternalId(ctx, row, payment),
    authCode: instrument.authCode,
  });
  await ctx.store.update('refunds', row.id, { upstreamLeaseUntil: null });
  return applyRefundAnswer(ctx, row, res);
}

async function applyRefundAnswer(ctx: FlowContext, row: RefundRow, res: SnapResult): Promise<RefundRow> {
  if (res.kind !== 'response') return schedule(ctx, row);
  if (res.code?.case === 'success') {
    return succeed(ctx, row, readString(res.body, ctx.profile.dd.responseFields.refundNo) ?? null);
  }
  // Accepted and still processing: 2025800 in progress [ref: /reference/get_response-codes], or
  // 50058xx [seed 000]. The callback or the status API settles it.
  if (res.code?.case === 'inProgress' || (res.code?.serviceCode === '58' && res.code.httpStatus === 500)) {
    return move(ctx, row, 'processing', { nextCheckAt: nextCheck(ctx, 0), checkAttempts: 0 });
  }
  // Any other 5xx or 504: unknown, check later.
  if (res.httpStatus >= 500 || !res.code) return schedule(ctx, row);
  if (isConflict(res)) return checkRefund(ctx, row, { afterConflict: true });
  // 4xx: the refund failed and may be retried with a new request [seed 000].
  const f = refundFailure(res.body.responseCode, res.body.responseMessage);
  return move(ctx, row, 'failed', { failure: f, nextCheckAt: null });
}

function refundFailure(responseCode: string, message?: string): Failure {
  const f = failureFromResponse(responseCode, 'REFUND_NOT_ALLOWED', message);
  if (f.code === 'INVALID_AMOUNT')
    return { ...f, code: 'REFUND_EXCEEDS_PAYMENT', message: ERROR_MESSAGES.REFUND_EXCEEDS_PAYMENT };
  return f;
}

/** Reads the refund's fate from the payment status API (its `refunds` list). */
export async function checkRefund(
  ctx: FlowContext,
  row: RefundRow,
  options: { afterConflict?: boolean } = {},
): Promise<RefundRow> {
  const payment = await ctx.store.get('payments', row.paymentId);
  if (!payment) return row;
  return PAYMENT_METHODS[payment.instrumentType].checkRefund(ctx, row, payment, options);
}

/** How long a sent refund the status API does not list is still asked about before it fails. */
const UNTRACED_REFUND_MS = 24 * 60 * 60 * 1000;

export async function checkBankRefund(
  ctx: FlowContext,
  row: RefundRow,
  payment: PaymentRow,
  options: { afterConflict?: boolean } = {},
): Promise<RefundRow> {
  // A refunded payment has its referenceNo; the status call is part of the refund's flow.
  const body = statusRequest(ctx, payment);
  if (!body) return schedule(ctx, row);
  const res = await ctx.client.call('paymentStatus', body, {
    externalId: refundExternalId(ctx, row, payment),
  });
  if (res.kind !== 'response' || isUnknownOutcome(res) || res.code?.case !== 'success')
    return schedule(ctx, row);
  const found = readStatusRefunds(ctx, res.body).find((r) => r.partnerRefundNo === row.partnerRefundNo);
  if (!found) {
    if (row.status !== 'created') {
      // Sent, answered with an error that recorded nothing, and still unknown to the status API a
      // day later: the bank holds no such refund. It fails, and its amount is free again (it
      // stayed `processing`, asked about forever, and held back from every later refund).
      if (ctx.now() - row.createdAt.getTime() < UNTRACED_REFUND_MS) return schedule(ctx, row);
      ctx.log('warn', 'a refund the bank never listed in a day: failed', { refundId: row.id });
      return move(ctx, row, 'failed', {
        failure: {
          code: 'UPSTREAM_UNAVAILABLE',
          message:
            'The bank holds no record of this refund a day after it was asked for: nothing was refunded.',
        },
        nextCheckAt: null,
      });
    }
    if (!options.afterConflict) return sendRefund(ctx, row);
    // The bank saw our request (409) but holds no such refund: it refused it.
    return move(ctx, row, 'failed', {
      failure: { code: 'REFUND_NOT_ALLOWED', message: ERROR_MESSAGES.REFUND_NOT_ALLOWED },
      nextCheckAt: null,
    });
  }
  return applyRefundStatus(ctx, row, found.status, found.refundNo || null);
}

export async function applyRefundStatus(
  ctx: FlowContext,
  row: RefundRow,
  status: 'PROCESSING' | 'SUCCESS' | 'FAILED',
  refundNo: string | null,
): Promise<RefundRow> {
  switch (status) {
    case 'SUCCESS':
      return succeed(ctx, row, refundNo);
    case 'FAILED':
      return move(ctx, row, 'failed', {
        failure: { code: 'REFUND_NOT_ALLOWED', message: ERROR_MESSAGES.REFUND_NOT_ALLOWED },
        nextCheckAt: null,
      });
    default:
      return row.status === 'created'
        ? move(ctx, row, 'processing', { refundNo, nextCheckAt: nextCheck(ctx, 0), checkAttempts: 0 })
        : schedule(ctx, row, { refundNo });
  }
}

/** Marks the refund succeeded and adds it to the payment's refunded amount, once. */
async function succeed(ctx: FlowContext, row: RefundRow, refundNo: string | null): Promise<RefundRow> {
  const result = await ctx.store.transaction(async (tx) => {
    const refund = await ctx.store.update(
      'refunds',
      row.id,
      { refundNo, nextCheckAt: null },
      { to: 'succeeded' },
      tx,
    );
    if (!refund) return null;
    const [p] = await tx.query(
      'UPDATE payments SET refunded_amount = refunded_amount + $2, updated_at = $3 WHERE id = $1 RETURNING id',
      [row.paymentId, row.amount, new Date(ctx.now())],
    );
    return { refund, paymentId: p ? row.paymentId : null };
  });
  if (!result) return (await ctx.store.get('refunds', row.id)) ?? row;
  await emit(ctx, 'refunds', result.refund);
  if (result.paymentId) await emit(ctx, 'payments', await ctx.store.get('payments', result.paymentId));
  return result.refund;
}

// ---- cards ------------------------------------------------------------------------------------

export async function sendCardRefund(
  ctx: FlowContext,
  row: RefundRow,
  payment: PaymentRow,
  card: CardRow,
): Promise<RefundRow> {
  // A refund row made before the profile lost its refund API: failed, never sent anywhere.
  if (!ctx.profile.capabilities.cardRefund) {
    const { code, message } = refundUnavailable();
    return move(ctx, row, 'failed', { failure: { code, message }, nextCheckAt: null });
  }
  const body: CardRefundRequest = {
    partnerReferenceNo: row.partnerRefundNo,
    customerId: card.cardCustomerId,
    order: orderOf(payment, row.amount),
    ...(row.reason ? { additionalInfo: { [CARD_ADDITIONAL_INFO.reason]: row.reason.slice(0, 100) } } : {}),
  };
  const res = await ctx.card.call<CardRefundResponse>('refund', body, {
    correlationId: payment.correlationId ?? payment.externalId,
  });
  await ctx.store.update('refunds', row.id, { upstreamLeaseUntil: null });
  if (res.kind !== 'response' || res.httpStatus >= 500 || !res.code) return schedule(ctx, row);
  if (res.code.httpStatus === 409) return checkCardRefund(ctx, row, payment, { afterConflict: true });
  if (res.code.case === 'success' && (res.body.transactionStatus ?? 'REFUNDED') === 'REFUNDED') {
    return succeed(ctx, row, res.body.refundNo ?? null);
  }
  if (res.code.case === 'success' || res.code.case === 'inProgress') {
    return move(ctx, row, 'processing', {
      refundNo: res.body.refundNo ?? null,
      nextCheckAt: nextCheck(ctx, 0),
      checkAttempts: 0,
    });
  }
  return move(ctx, row, 'failed', {
    failure: refundFailure(res.body.responseCode, res.body.responseMessage),
    nextCheckAt: null,
  });
}

/** The card status API shows the payment REFUNDED (full refunds only) once the refund went through. */
export async function checkCardRefund(
  ctx: FlowContext,
  row: RefundRow,
  payment: PaymentRow,
  options: { afterConflict?: boolean } = {},
): Promise<RefundRow> {
  const card = await ctx.store.get('instruments', payment.instrumentId);
  if (card?.type !== 'card') return schedule(ctx, row);
  const res = await ctx.card.call<CardStatusResponse>('status', statusQuery(ctx, payment, card), {
    correlationId: payment.correlationId ?? payment.externalId,
  });
  if (res.kind !== 'response' || res.httpStatus >= 500 || res.code?.case !== 'success') {
    return schedule(ctx, row);
  }
  const view = viewOf(ctx, res.body);
  const refunded = fromSnapAmount(view.refundedAmount?.value) ?? 0;
  if (view.transactionStatus === 'REFUNDED' || refunded >= payment.refundedAmount + row.amount) {
    return succeed(ctx, row, row.refundNo);
  }
  if (row.status !== 'created') return schedule(ctx, row);
  if (!options.afterConflict) return sendRefund(ctx, row);
  return move(ctx, row, 'failed', {
    failure: { code: 'REFUND_NOT_ALLOWED', message: ERROR_MESSAGES.REFUND_NOT_ALLOWED },
    nextCheckAt: null,
  });
}

/** Why a refund the gateway made is in our records (its `reason`, and the audit line's). */
export const GATEWAY_REFUND_REASON = 'Refunded by Ayoconnect (reported by the card gateway)';

/**
 * A refund Ayoconnect made itself: its operations refund card payments on request, with no API of
 * ours involved [docs: /docs/important-terminologies], and the proxy learns of it only from the
 * payment's refunded amount (or REFUNDED) in a callback or status answer. What the gateway reports
 * beyond what we know of (refunds that succeeded, and those still waiting, which settle on their
 * own) is recorded as one succeeded refund made by the gateway, with its refundNo if named: the
 * payment's refunded amount, live and order events and an audit line, as any refund. Counted under
 * the payment's lock, so the same news twice (a repeated callback, a later status read) adds
 * nothing and no refund is ever counted twice.
 */
/** The amount of a payment's refunds still under way (asked for, not settled). */
async function pendingRefunds(tx: Queryable, paymentId: string): Promise<number> {
  const [row] = await tx.query<{ pending: number }>(
    "SELECT coalesce(sum(amount), 0)::bigint AS pending FROM refunds WHERE payment_id = $1 AND status IN ('created', 'processing')",
    [paymentId],
  );
  return Number(row?.pending ?? 0);
}

export async function recordGatewayRefund(
  ctx: FlowContext,
  payment: PaymentRow,
  view: Partial<CardPaymentView>,
): Promise<PaymentRow> {
  if (payment.status !== 'succeeded') return payment;
  const named = fromSnapAmount(view.refundedAmount?.value);
  // Card refunds are whole [seed 001]: REFUNDED without an amount is all that was taken.
  if (named === null && view.transactionStatus !== 'REFUNDED') return payment;
  if (named !== null && named <= payment.refundedAmount) return payment;
  const at = new Date(ctx.now());
  const result = await ctx.store.transaction(async (tx) => {
    const locked = await ctx.store.get('payments', payment.id, tx, { forUpdate: true });
    if (locked?.status !== 'succeeded') return null;
    const taken = capturedAmount(locked);
    const pending = await pendingRefunds(tx, payment.id);
    if (named !== null && named > taken) {
      ctx.log('warn', 'the gateway reports more refunded than was taken: counted up to what was taken', {
        paymentId: payment.id,
      });
    }
    const amount = Math.min(named ?? taken, taken) - locked.refundedAmount - pending;
    if (amount <= 0) return null;
    const inserted = await ctx.store.insert(
      'refunds',
      {
        id: newId('refund'),
        userId: locked.userId,
        paymentId: locked.id,
        amount,
        reason: GATEWAY_REFUND_REASON,
        status: 'created',
        // Ours only in name: never sent (the row is settled in this very transaction).
        partnerRefundNo: newReference(),
        externalId: newReference(),
        refundNo: view.refundNo ?? null,
        failure: null,
        upstreamLeaseUntil: null,
        origin: 'gateway',
        nextCheckAt: null,
        checkAttempts: 0,
        createdAt: at,
        updatedAt: at,
      },
      tx,
    );
    const updated = await ctx.store.update(
      'payments',
      locked.id,
      { refundedAmount: locked.refundedAmount + amount },
      { ifStatus: ['succeeded'] },
      tx,
    );
    // Settled as a refund settles (created → succeeded): the order event `refund.succeeded`.
    const refund = await ctx.store.update('refunds', inserted.id, {}, { to: 'succeeded' }, tx);
    await recordAudit(
      ctx,
      GATEWAY_ACTOR,
      { action: 'refund', paymentId: locked.id, amount, reason: GATEWAY_REFUND_REASON },
      { result: 'accepted', errorCode: null, refundId: inserted.id },
      tx,
    );
    return { refund, payment: updated };
  });
  if (!result) return (await ctx.store.get('payments', payment.id)) ?? payment;
  ctx.log('info', 'a refund made by the gateway was recorded', {
    paymentId: payment.id,
    refundId: result.refund?.id ?? null,
  });
  await emit(ctx, 'refunds', result.refund);
  await emit(ctx, 'payments', result.payment);
  return result.payment ?? payment;
}

const move = (ctx: FlowContext, row: RefundRow, to: RefundRow['status'], patch: Partial<RefundRow>) =>
  moveRow(ctx, 'refunds', row, to, { upstreamLeaseUntil: null, ...patch });
const schedule = (ctx: FlowContext, row: RefundRow, patch: Partial<RefundRow> = {}) =>
  scheduleRow(ctx, 'refunds', row, { upstreamLeaseUntil: null, ...patch });
