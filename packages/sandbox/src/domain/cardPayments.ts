/**
 * A card payment's life at the gateway: PAY (SUCCESS at once), AUTHORIZE (AUTHORIZED, captured
 * once, voided by hand or automatically after AUTHORIZATION_WINDOW_SECONDS), the network-error
 * card's PENDING that resolves later, a full refund; each status change reported by a
 * `card_payment` callback; and the card ledger that reconciles them.
 */
import { toSnapAmount } from '@ayokit/core';
import {
  AUTHORIZATION_WINDOW_SECONDS,
  type CardEndpoint,
  type CardPaymentCallback,
  type CardPaymentStatus,
  type CardPaymentView,
  cardResponseCode,
  snapTimestamp,
} from '@ayokit/core/snap';
import type { ScheduleOptions } from '../clock';
import { newId, type Sim } from '../context';
import { CARD_CASE_MESSAGES } from '../respond';
import type { CardPayment } from '../state';
import { NETWORK_ERROR_RESOLVE_SECONDS } from '../testData';

export const AUTHORIZATION_EXPIRED = 'Authorization expired without a capture';

export interface NewCardPayment {
  partnerReferenceNo: string;
  customerId: string;
  cardToken: string;
  operation: 'PAY' | 'AUTHORIZE';
  amount: number;
}

/** The status an accepted charge reaches: PAY takes the money, AUTHORIZE holds it. */
function acceptedStatus(payment: CardPayment): CardPaymentStatus {
  return payment.operation === 'PAY' ? 'SUCCESS' : 'AUTHORIZED';
}

export function recordCardPayment(sim: Sim, input: NewCardPayment): CardPayment {
  const payment: CardPayment = {
    ...input,
    referenceNo: newId(32),
    status: 'PENDING',
    createdAt: sim.clock.now(),
  };
  sim.state.cardPayments.set(payment.referenceNo, payment);
  sim.state.cardPaymentByPartnerRef.set(payment.partnerReferenceNo, payment.referenceNo);
  return payment;
}

export function cardPaymentView(payment: CardPayment): CardPaymentView {
  const authorize = payment.operation === 'AUTHORIZE';
  return {
    referenceNo: payment.referenceNo,
    partnerReferenceNo: payment.partnerReferenceNo,
    operation: payment.operation,
    transactionStatus: payment.status,
    amount: toSnapAmount(payment.amount),
    ...(authorize ? { authorizedAmount: toSnapAmount(payment.amount) } : {}),
    ...(payment.capture ? { capturedAmount: toSnapAmount(payment.capture.amount) } : {}),
    ...(payment.refund
      ? { refundedAmount: toSnapAmount(payment.refund.amount), refundNo: payment.refund.refundNo }
      : {}),
    ...(payment.authorizationExpiresAt !== undefined
      ? { authorizationExpiresAt: snapTimestamp(payment.authorizationExpiresAt) }
      : {}),
    ...(payment.failureResponseCode ? { failureResponseCode: payment.failureResponseCode } : {}),
    ...(payment.failureReason ? { failureReason: payment.failureReason } : {}),
  };
}

/** `responseCode` carries the service code of the operation reported on. */
function sendCallback(sim: Sim, payment: CardPayment, endpoint: CardEndpoint): void {
  const body: CardPaymentCallback = {
    responseCode: cardResponseCode(endpoint, 'success'),
    responseMessage: CARD_CASE_MESSAGES.success,
    ...cardPaymentView(payment),
  };
  sim.callbacks.send('card_payment', body);
}

/** A charge the gateway refused: kept as FAILED so the status API confirms it, and reported. */
export function failCardPayment(
  sim: Sim,
  payment: CardPayment,
  failureResponseCode: string,
  reason: string,
): void {
  if (payment.status !== 'PENDING') return;
  payment.status = 'FAILED';
  payment.failureResponseCode = failureResponseCode;
  payment.failureReason = reason;
  sendCallback(sim, payment, 'charge');
}

/** Accepted by the issuer: SUCCESS or AUTHORIZED (then the void window starts). */
export function acceptCardPayment(sim: Sim, payment: CardPayment): void {
  if (payment.status !== 'PENDING') return;
  const now = sim.clock.now();
  payment.status = acceptedStatus(payment);
  delete payment.resolvesAt;
  if (payment.status === 'AUTHORIZED') {
    payment.authorizationExpiresAt = now + AUTHORIZATION_WINDOW_SECONDS * 1000;
    scheduleAutoVoid(sim, payment);
  }
  sendCallback(sim, payment, 'charge');
}

/** The network-error card: the issuer's answer is lost, the charge stays PENDING, then goes through. */
export function delayCardPayment(sim: Sim, payment: CardPayment): void {
  payment.resolvesAt = sim.clock.now() + NETWORK_ERROR_RESOLVE_SECONDS * 1000;
  scheduleResolution(sim, payment);
}

export function scheduleResolution(sim: Sim, payment: CardPayment, options?: ScheduleOptions): void {
  sim.scheduler.schedule(
    payment.resolvesAt ?? sim.clock.now(),
    `card payment ${payment.referenceNo} resolution`,
    () => acceptCardPayment(sim, payment),
    options,
  );
}

export function scheduleAutoVoid(sim: Sim, payment: CardPayment, options?: ScheduleOptions): void {
  sim.scheduler.schedule(
    payment.authorizationExpiresAt ?? sim.clock.now(),
    `card authorisation ${payment.referenceNo} auto-void`,
    () => autoVoidIfDue(sim, payment),
    options,
  );
}

/** Idempotent: the timer and every request touching the authorisation may call it. */
export function autoVoidIfDue(sim: Sim, payment: CardPayment): void {
  const due = payment.authorizationExpiresAt;
  if (payment.status === 'AUTHORIZED' && due !== undefined && sim.clock.now() >= due) {
    voidCardPayment(sim, payment, { at: due, automatic: true, reason: AUTHORIZATION_EXPIRED });
  }
}

export function captureCardPayment(
  sim: Sim,
  payment: CardPayment,
  partnerReferenceNo: string,
  amount: number,
): void {
  payment.capture = { partnerReferenceNo, amount, at: sim.clock.now() };
  payment.status = 'SUCCESS';
  sim.state.cardPaymentByPartnerRef.set(partnerReferenceNo, payment.referenceNo);
  sendCallback(sim, payment, 'charge');
}

export function voidCardPayment(
  sim: Sim,
  payment: CardPayment,
  details: NonNullable<CardPayment['void']>,
): void {
  payment.void = details;
  payment.status = 'VOIDED';
  if (details.partnerReferenceNo) {
    sim.state.cardPaymentByPartnerRef.set(details.partnerReferenceNo, payment.referenceNo);
  }
  sendCallback(sim, payment, 'void');
}

/** The amount the customer paid: PAY's amount, or the captured one. */
export function chargedAmount(payment: CardPayment): number {
  if (payment.operation === 'PAY')
    return payment.status === 'SUCCESS' || payment.status === 'REFUNDED' ? payment.amount : 0;
  return payment.capture?.amount ?? 0;
}

export function refundCardPayment(
  sim: Sim,
  payment: CardPayment,
  partnerRefundNo: string,
  reason: string | undefined,
): NonNullable<CardPayment['refund']> {
  const refund = {
    refundNo: newId(32),
    partnerRefundNo,
    amount: chargedAmount(payment),
    at: sim.clock.now(),
    ...(reason ? { reason } : {}),
  };
  payment.refund = refund;
  payment.status = 'REFUNDED';
  sim.state.cardPaymentByRefundNo.set(partnerRefundNo, payment.referenceNo);
  sendCallback(sim, payment, 'refund');
  return refund;
}

/** The payment a request acts on, brought up to date (an authorisation past its window is voided). */
export function currentCardPayment(sim: Sim, referenceNo: string): CardPayment | undefined {
  const payment = sim.state.cardPayments.get(referenceNo);
  if (payment) autoVoidIfDue(sim, payment);
  return payment;
}

// ---- ledger --------------------------------------------------------------------------------

export interface CardLedgerEvent {
  operation: 'PAY' | 'AUTHORIZE' | 'CAPTURE' | 'VOID' | 'REFUND';
  /** The partner's reference of the operation (partnerRefundNo for a refund; none for an automatic void). */
  partnerReferenceNo: string | null;
  amount: number;
  /** Virtual ms. */
  at: number;
}

export interface CardLedgerEntry {
  referenceNo: string;
  partnerReferenceNo: string;
  customerId: string;
  cardToken: string;
  operation: 'PAY' | 'AUTHORIZE';
  status: CardPaymentStatus;
  /** The amount asked for (PAY) or held (AUTHORIZE). */
  amount: number;
  /** True once money was taken: paid or captured, possibly refunded since. */
  charged: boolean;
  chargedAmount: number;
  refundedAmount: number;
  /** What happened, in order: the charge, then capture, void, refund. */
  events: CardLedgerEvent[];
  failureResponseCode?: string;
}

export function cardLedgerEntry(payment: CardPayment): CardLedgerEntry {
  const accepted = payment.status !== 'PENDING' && payment.status !== 'FAILED';
  const events: CardLedgerEvent[] = [];
  if (accepted) {
    events.push({
      operation: payment.operation,
      partnerReferenceNo: payment.partnerReferenceNo,
      amount: payment.amount,
      at: payment.createdAt,
    });
  }
  if (payment.capture) {
    events.push({ operation: 'CAPTURE', ...payment.capture });
  }
  if (payment.void) {
    events.push({
      operation: 'VOID',
      partnerReferenceNo: payment.void.partnerReferenceNo ?? null,
      amount: payment.amount,
      at: payment.void.at,
    });
  }
  if (payment.refund) {
    events.push({
      operation: 'REFUND',
      partnerReferenceNo: payment.refund.partnerRefundNo,
      amount: payment.refund.amount,
      at: payment.refund.at,
    });
  }
  const charged = chargedAmount(payment);
  return {
    referenceNo: payment.referenceNo,
    partnerReferenceNo: payment.partnerReferenceNo,
    customerId: payment.customerId,
    cardToken: payment.cardToken,
    operation: payment.operation,
    status: payment.status,
    amount: payment.amount,
    charged: charged > 0,
    chargedAmount: charged,
    refundedAmount: payment.refund?.amount ?? 0,
    events,
    ...(payment.failureResponseCode ? { failureResponseCode: payment.failureResponseCode } : {}),
  };
}
