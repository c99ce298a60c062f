import {
  AyoError,
  type CapturePaymentRequest,
  ERROR_MESSAGES,
  type Failure,
  fromSnapAmount,
  maxCaptureAmount,
  toSnapAmount,
  type VoidPaymentRequest,
} from '@ayokit/core';
import {
  AUTHORIZATION_WINDOW_SECONDS,
  CARD_ADDITIONAL_INFO,
  CARD_STATUS_QUERY,
  type CardAdditionalInfo,
  type CardChargeRequest,
  type CardChargeResponse,
  type CardOrder,
  type CardPaymentView,
  type CardStatusQuery,
  type CardStatusResponse,
  type CardVoidRequest,
  type CardVoidResponse,
} from '@ayokit/core/snap';
import { capabilityMissing, requireCapability } from '../capabilities';
import type { CardResult } from '../card/client';
import { readCardView } from '../card/read';
import { type FlowContext, nextCheck } from '../context';
import type { Queryable } from '../db/types';
import { newReference } from '../ids';
import { failureFromResponse } from '../snap/failures';
import type { CardRow, PaymentRow } from '../store/rows';
import { recordGatewayRefund } from './refund';
import {
  failure,
  idempotent,
  isAccepted,
  moveRow,
  PAYMENT_LEASE_MS,
  scheduleRow,
  setInstrumentStatus,
} from './shared';

const LEASE_MS = PAYMENT_LEASE_MS;

/*
 * Card payments: `direct` is the gateway's PAY; `authorize` holds the money (AUTHORIZE) until a
 * CAPTURE (at most 120 %) or a VOID (only where `capabilities.cardVoid` says the API has one), or
 * until the gateway voids the hold when it expires. Every call of one payment carries its
 * correlation id; every money-moving call a partnerReferenceNo (the reference's required 1–32
 * string) stored before it is sent and sent again unchanged after a lost answer. The payment's
 * `order.id` is its own partnerReferenceNo, which its capture and void name again. The status is a
 * GET by the gateway's referenceNo, or by our partnerReferenceNo while that is unknown. A payment
 * is created by paying a checkout (checkout.ts).
 */

async function lease(ctx: FlowContext, row: PaymentRow, status: PaymentRow['status']): Promise<boolean> {
  const leased = await ctx.store.db.query(
    `UPDATE payments SET upstream_lease_until = $2, updated_at = $3
     WHERE id = $1 AND status = $4 AND (upstream_lease_until IS NULL OR upstream_lease_until < $3) RETURNING id`,
    [row.id, new Date(ctx.now() + LEASE_MS), new Date(ctx.now()), status],
  );
  return leased.length > 0;
}

/** PAY or AUTHORIZE, with the payment's own partnerReferenceNo (the same on every try). */
export async function sendCharge(
  ctx: FlowContext,
  row: PaymentRow,
  card: CardRow,
  options: { leased?: boolean } = {},
): Promise<PaymentRow> {
  if (!options.leased && !(await lease(ctx, row, 'created'))) {
    return (await ctx.store.get('payments', row.id)) ?? row;
  }
  const body: CardChargeRequest = {
    partnerReferenceNo: row.partnerReferenceNo,
    cardToken: card.cardToken,
    operation: row.mode === 'authorize' ? 'AUTHORIZE' : 'PAY',
    customerId: card.cardCustomerId,
    order: orderOf(row, row.amount, row.description),
    ...additionalInfoOf(row),
  };
  const res = await ctx.card.call<CardChargeResponse>('charge', body, { correlationId: correlationOf(row) });
  row = { ...row, upstreamLeaseUntil: null };
  if (isUnknown(res) || res.kind !== 'response') return schedule(ctx, row);
  if (isConflict(res)) return checkCardPayment(ctx, row, undefined, { afterConflict: true });
  if (isAccepted(res)) {
    return applyCardView(ctx, row, card, viewOf(ctx, res.body));
  }
  // A refusal (declined, insufficient funds, expired card…): the status API confirms it.
  return checkCardPayment(ctx, row, cardFailure(res.body.responseCode, res.body.responseMessage));
}

/**
 * Asks the gateway's status API and applies its word; resends what is ours to resend (a charge
 * that never arrived, a capture or void whose answer was lost). Fails only on FAILED or when the
 * gateway has no such payment after refusing it.
 */
export async function checkCardPayment(
  ctx: FlowContext,
  row: PaymentRow,
  refusal?: Failure,
  options: { afterConflict?: boolean } = {},
): Promise<PaymentRow> {
  const card = await cardOf(ctx, row);
  if (!card) return row;
  const res = await ctx.card.call<CardStatusResponse>('status', statusQuery(ctx, row, card), {
    correlationId: correlationOf(row),
  });
  if (res.kind !== 'response' || isUnknown(res)) return schedule(ctx, row);
  if (res.code?.case === 'transactionNotFound') {
    if (row.status === 'created' && !refusal && !options.afterConflict) {
      // Our charge never reached the gateway: send the very same request again.
      return sendCharge(ctx, row, card);
    }
    return fail(
      ctx,
      row,
      card,
      refusal ?? failure('PAYMENT_DECLINED', ERROR_MESSAGES.PAYMENT_DECLINED, res.body.responseCode),
    );
  }
  if (res.code?.case !== 'success') return schedule(ctx, row);
  return applyCardView(ctx, row, card, viewOf(ctx, res.body), refusal, { resend: true });
}

/** A card answer's payment, read through the profile's `card.responseFields`. */
export const viewOf = (ctx: FlowContext, body: unknown) =>
  readCardView(ctx.profile.card.responseFields, body, ctx.log);

/** The gateway's view of a payment (an answer, the status API or a verified callback), applied forward only. */
export async function applyCardView(
  ctx: FlowContext,
  row: PaymentRow,
  card: CardRow,
  view: Partial<CardPaymentView>,
  refusal?: Failure,
  options: { resend?: boolean } = {},
): Promise<PaymentRow> {
  const referenceNo = view.referenceNo ?? row.referenceNo;
  switch (view.transactionStatus) {
    case 'SUCCESS':
    case 'REFUNDED': {
      const captured =
        fromSnapAmount(view.capturedAmount?.value) ??
        (row.mode === 'authorize' ? (row.captureAmount ?? row.amount) : row.amount);
      const paid = await move(ctx, row, 'succeeded', {
        referenceNo,
        capturedAmount: captured,
        nextCheckAt: null,
      });
      // Refunded (in part) by the gateway's own hand, beyond the refunds we know of: recorded.
      return recordGatewayRefund(ctx, paid, view);
    }
    case 'AUTHORIZED': {
      const expiresAt = view.authorizationExpiresAt
        ? new Date(view.authorizationExpiresAt)
        : row.authorizationExpiresAt;
      if (row.status !== 'authorized') {
        return move(ctx, row, 'authorized', {
          referenceNo,
          authorizationExpiresAt: expiresAt,
          checkAttempts: 0,
          nextCheckAt: holdCheck(ctx, row, expiresAt) ?? nextCheck(ctx, 1),
        });
      }
      // Still held: a capture or void whose answer was lost is sent again, unchanged.
      if (options.resend && row.capturePartnerReferenceNo) return sendCapture(ctx, row, card);
      if (options.resend && row.voidPartnerReferenceNo) return sendVoid(ctx, row, card);
      const next =
        row.capturePartnerReferenceNo || row.voidPartnerReferenceNo ? null : holdCheck(ctx, row, expiresAt);
      if (next) {
        return (
          (await ctx.store.update(
            'payments',
            row.id,
            { authorizationExpiresAt: expiresAt, nextCheckAt: next, upstreamLeaseUntil: null },
            { ifStatus: ['authorized'] },
          )) ?? row
        );
      }
      // A capture or void under way, or a hold past its end that the gateway still holds: asked
      // again, backing off.
      return schedule(ctx, row, { authorizationExpiresAt: expiresAt });
    }
    case 'VOIDED': {
      // Voided without our asking: the hold ran out before it was captured.
      const ours = row.voidPartnerReferenceNo !== null;
      return move(ctx, row, 'voided', {
        referenceNo,
        nextCheckAt: null,
        failure: ours
          ? null
          : failure(
              'AUTHORIZATION_EXPIRED',
              'The authorisation expired before it was captured; the money was released.',
            ),
      });
    }
    case 'FAILED': {
      const f =
        refusal ?? cardFailure(view.failureResponseCode, view.failureReason, view.failureResponseCode);
      return fail(ctx, row, card, { ...f, responseCode: f.responseCode ?? view.failureResponseCode });
    }
    default:
      return row.status === 'created'
        ? move(ctx, row, 'processing', { referenceNo, nextCheckAt: nextCheck(ctx, 0), checkAttempts: 0 })
        : schedule(ctx, row, { referenceNo });
  }
}

// ---- capture and void ------------------------------------------------------------------------

/** The hold's row as a capture or void claims it (locked until its transaction ends). */
type LockedHold =
  | {
      status: string;
      capture_partner_reference_no: string | null;
      void_partner_reference_no: string | null;
    }
  | undefined;

/**
 * A capture's or void's Idempotency-Key claimed, and the hold's row locked for `decide`, which
 * refuses or marks the operation in the same transaction: one operation per hold, whichever
 * instance or request comes first.
 */
function claimHold(
  ctx: FlowContext,
  payment: PaymentRow,
  action: 'capture' | 'void',
  input: unknown,
  key: string,
  decide: (locked: LockedHold, tx: Queryable) => Promise<PaymentRow>,
) {
  return idempotent(
    ctx,
    {
      table: 'payments',
      userId: payment.userId,
      key,
      scope: `${action}:${payment.id}`,
      body: input,
      newId: payment.id,
    },
    async (tx) => {
      const [locked] = await tx.query<NonNullable<LockedHold>>(
        'SELECT status, capture_partner_reference_no, void_partner_reference_no FROM payments WHERE id = $1 FOR UPDATE',
        [payment.id],
      );
      return decide(locked, tx);
    },
  );
}

export async function capturePayment(
  ctx: FlowContext,
  payment: PaymentRow,
  input: CapturePaymentRequest,
  key: string,
): Promise<PaymentRow> {
  const amount = input.amount ?? payment.amount;
  if (amount > maxCaptureAmount(payment.amount)) {
    throw new AyoError(
      'CAPTURE_EXCEEDS_AUTHORIZATION',
      `At most ${maxCaptureAmount(payment.amount)} (120% of ${payment.amount}) can be captured.`,
    );
  }
  const { row, replayed } = await claimHold(ctx, payment, 'capture', input, key, async (locked, tx) => {
    if (locked?.status !== 'authorized' || payment.mode !== 'authorize') {
      throw new AyoError(
        'INVALID_STATE',
        `Only an authorised payment can be captured; this one is ${paymentStatusWord(locked?.status)}.`,
      );
    }
    if (locked.capture_partner_reference_no || locked.void_partner_reference_no) {
      throw new AyoError('INVALID_STATE', 'This payment is already being captured or voided.');
    }
    const updated = await ctx.store.update(
      'payments',
      payment.id,
      {
        capturePartnerReferenceNo: newReference(),
        captureAmount: amount,
        upstreamLeaseUntil: new Date(ctx.now() + LEASE_MS),
      },
      { ifStatus: ['authorized'] },
      tx,
    );
    return updated!;
  });
  const card = await cardOf(ctx, row);
  if (!card || row.status !== 'authorized' || !row.capturePartnerReferenceNo) return row;
  return sendCapture(ctx, row, card, { leased: !replayed, refuseLoudly: true });
}

async function sendCapture(
  ctx: FlowContext,
  row: PaymentRow,
  card: CardRow,
  options: { leased?: boolean; refuseLoudly?: boolean } = {},
): Promise<PaymentRow> {
  if (!options.leased && !(await lease(ctx, row, 'authorized'))) {
    return (await ctx.store.get('payments', row.id)) ?? row;
  }
  // The capture names the authorisation by its order id, with its own partnerReferenceNo.
  const body: CardChargeRequest = {
    partnerReferenceNo: row.capturePartnerReferenceNo!,
    cardToken: card.cardToken,
    operation: 'CAPTURE',
    customerId: card.cardCustomerId,
    order: orderOf(row, row.captureAmount ?? row.amount, row.description),
  };
  const res = await ctx.card.call<CardChargeResponse>('charge', body, { correlationId: correlationOf(row) });
  row = { ...row, upstreamLeaseUntil: null };
  if (isUnknown(res) || res.kind !== 'response') return schedule(ctx, row);
  if (isConflict(res)) return checkCardPayment(ctx, row);
  if (isAccepted(res)) {
    // The answer is the capture's: the payment keeps its own references.
    const view = viewOf(ctx, res.body);
    return applyCardView(ctx, row, card, { ...view, referenceNo: row.referenceNo ?? view.referenceNo });
  }
  return refuseOperation(ctx, row, 'capture', res, options.refuseLoudly);
}

/** Thrown where the profile says the card API has no void (`capabilities.cardVoid` off). */
export function voidUnavailable(): AyoError {
  return capabilityMissing('cardVoid');
}

/**
 * Voids a hold. Its Idempotency-Key is claimed as a capture's is: the same key and request again
 * is the same void (its answer again, or the void sent again while its answer is unknown); the key
 * with another request is refused. A void of ours that went through answers the voided payment
 * whatever the key: voiding is idempotent by nature.
 */
export async function voidPayment(
  ctx: FlowContext,
  payment: PaymentRow,
  input: VoidPaymentRequest,
  key: string,
): Promise<PaymentRow> {
  requireCapability(ctx, 'cardVoid');
  const { row } = await claimHold(ctx, payment, 'void', input, key, async (locked, tx) => {
    // A retry of our own void that went through: the same answer again.
    if (locked?.status === 'voided' && locked.void_partner_reference_no) {
      return (await ctx.store.get('payments', payment.id, tx))!;
    }
    if (locked?.status !== 'authorized') {
      throw new AyoError(
        'INVALID_STATE',
        `Only an authorised payment can be voided; this one is ${paymentStatusWord(locked?.status)}.`,
      );
    }
    if (locked.capture_partner_reference_no) {
      throw new AyoError('INVALID_STATE', 'This payment is already being captured.');
    }
    const updated = await ctx.store.update(
      'payments',
      payment.id,
      locked.void_partner_reference_no ? {} : { voidPartnerReferenceNo: newReference() },
      { ifStatus: ['authorized'] },
      tx,
    );
    return updated!;
  });
  // Done already (a replay of a void that went through), or refused since (forgotten): as it is.
  if (row.status !== 'authorized' || !row.voidPartnerReferenceNo) return row;
  const card = await cardOf(ctx, row);
  if (!card) return row;
  return sendVoid(ctx, row, card, { refuseLoudly: true });
}

async function sendVoid(
  ctx: FlowContext,
  row: PaymentRow,
  card: CardRow,
  options: { refuseLoudly?: boolean } = {},
): Promise<PaymentRow> {
  // No void endpoint in this profile: forget the request rather than call what does not exist.
  if (!ctx.profile.capabilities.cardVoid) {
    const cleared = await ctx.store.update(
      'payments',
      row.id,
      { voidPartnerReferenceNo: null },
      { ifStatus: ['authorized'] },
    );
    if (options.refuseLoudly) throw voidUnavailable();
    return schedule(ctx, cleared ?? row);
  }
  if (!(await lease(ctx, row, 'authorized'))) return (await ctx.store.get('payments', row.id)) ?? row;
  const body: CardVoidRequest = {
    partnerReferenceNo: row.voidPartnerReferenceNo!,
    customerId: card.cardCustomerId,
    order: { id: row.partnerReferenceNo },
  };
  const res = await ctx.card.call<CardVoidResponse>('void', body, { correlationId: correlationOf(row) });
  row = { ...row, upstreamLeaseUntil: null };
  if (isUnknown(res) || res.kind !== 'response') return schedule(ctx, row);
  if (isConflict(res)) return checkCardPayment(ctx, row);
  if (isAccepted(res)) {
    const view = viewOf(ctx, res.body);
    return applyCardView(ctx, row, card, { ...view, referenceNo: row.referenceNo ?? view.referenceNo });
  }
  return refuseOperation(ctx, row, 'void', res, options.refuseLoudly);
}

/**
 * The gateway refused a capture or void: forget the request (another may be tried), learn what
 * became of the payment (an expired hold is voided), and tell the caller why.
 */
async function refuseOperation(
  ctx: FlowContext,
  row: PaymentRow,
  operation: 'capture' | 'void',
  res: Extract<CardResult, { kind: 'response' }>,
  loudly: boolean | undefined,
): Promise<PaymentRow> {
  const cleared =
    (await ctx.store.update(
      'payments',
      row.id,
      operation === 'capture'
        ? { capturePartnerReferenceNo: null, captureAmount: null, upstreamLeaseUntil: null }
        : { voidPartnerReferenceNo: null, upstreamLeaseUntil: null },
      { ifStatus: ['authorized'] },
    )) ?? row;
  const now = await checkCardPayment(ctx, cleared);
  if (!loudly) return now;
  if (now.status !== 'authorized') {
    throw new AyoError(
      'INVALID_STATE',
      `This payment is ${paymentStatusWord(now.status)} and cannot be changed.`,
    );
  }
  const f = failureFromResponse(res.body.responseCode, 'UPSTREAM_REJECTED', res.body.responseMessage);
  throw new AyoError('UPSTREAM_REJECTED', f.message, { responseCode: res.body.responseCode });
}

// ---- helpers ---------------------------------------------------------------------------------

/** A card decline in the codes the browser already knows: declined, insufficient funds, expired. */
export function cardFailure(
  responseCode: string | undefined,
  reason?: string,
  fallbackCode?: string,
): Failure {
  return failureFromResponse(responseCode ?? fallbackCode, 'PAYMENT_DECLINED', reason);
}

async function fail(ctx: FlowContext, row: PaymentRow, card: CardRow, f: Failure): Promise<PaymentRow> {
  const failed = await move(ctx, row, 'failed', { failure: f, nextCheckAt: null });
  if (failed.status === 'failed' && failed.failure?.code === 'CARD_EXPIRED') {
    await setInstrumentStatus(ctx, card, 'expired');
  }
  return failed;
}

async function cardOf(ctx: FlowContext, row: PaymentRow): Promise<CardRow | null> {
  const instrument = await ctx.store.get('instruments', row.instrumentId);
  return instrument?.type === 'card' ? instrument : null;
}

function correlationOf(row: PaymentRow): string {
  return row.correlationId ?? row.externalId;
}

/** The `order` of a charge: the payment's own partnerReferenceNo is its id at the gateway. */
export function orderOf(row: PaymentRow, amount: number, description?: string | null): CardOrder {
  const money = toSnapAmount(amount);
  return {
    id: row.partnerReferenceNo,
    amount: money.value,
    currency: money.currency,
    ...(description ? { description: description.slice(0, 100) } : {}),
  };
}

/** The merchant's order id rides in `additionalInfo` (optional), so the dashboard shows it [guess]. */
function additionalInfoOf(row: PaymentRow): { additionalInfo?: CardAdditionalInfo } {
  return row.orderId
    ? { additionalInfo: { [CARD_ADDITIONAL_INFO.merchantOrderId]: row.orderId.slice(0, 100) } }
    : {};
}

/**
 * The status GET's query: the gateway's referenceNo once known, else our own partnerReferenceNo
 * (an answer lost before we learnt it); the customerId; the merchant code as merchant id.
 */
export function statusQuery(ctx: FlowContext, row: PaymentRow, card: CardRow): CardStatusQuery {
  return {
    [CARD_STATUS_QUERY.id]: row.referenceNo ?? row.partnerReferenceNo,
    [CARD_STATUS_QUERY.customerId]: card.cardCustomerId,
    [CARD_STATUS_QUERY.merchantId]: ctx.card.config.merchantCode,
  };
}

/**
 * When an authorisation is looked at again: when the gateway should have voided it, if not
 * captured by then (its expiry, or, when the gateway named none we could read, the documented
 * window from its creation), after the callback's grace. Null once that moment has passed: the
 * caller backs off instead of asking every pass.
 */
function holdCheck(ctx: FlowContext, row: PaymentRow, expiresAt: Date | null): Date | null {
  const ends = expiresAt?.getTime() ?? row.createdAt.getTime() + AUTHORIZATION_WINDOW_SECONDS * 1000;
  return ends > ctx.now() ? new Date(ends + ctx.timing.callbackGraceMs) : null;
}

function paymentStatusWord(status: string | undefined): string {
  return status === 'created' ? 'processing' : (status ?? 'unknown');
}

function isUnknown(res: CardResult): boolean {
  return res.kind === 'unreachable' || res.httpStatus >= 500 || !res.code;
}

function isConflict(res: CardResult): boolean {
  return res.kind === 'response' && res.code?.httpStatus === 409;
}

const move = (ctx: FlowContext, row: PaymentRow, to: PaymentRow['status'], patch: Partial<PaymentRow>) =>
  moveRow(ctx, 'payments', row, to, { upstreamLeaseUntil: null, ...patch });
const schedule = (ctx: FlowContext, row: PaymentRow, patch: Partial<PaymentRow> = {}) =>
  scheduleRow(ctx, 'payments', row, { upstreamLeaseUntil: null, ...patch });
