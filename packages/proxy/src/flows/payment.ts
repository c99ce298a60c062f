import { ERROR_MESSAGES, type Failure, toSnapAmount } from '@ayokit/core';
import {
  type PaymentRequest,
  type PaymentStatusRequest,
  readField,
  type StatusRefund,
  TRANSACTION_STATUS,
} from '@ayokit/core/snap';
import { type FlowContext, nextCheck } from '../context';
import type { SnapResult } from '../snap/client';
import { failureFromResponse } from '../snap/failures';
import type { BankAccountRow, InstrumentRow, PaymentRow } from '../store/rows';
import { PAYMENT_METHODS } from './methods';
import {
  failure,
  isAccepted,
  isConflict,
  isUnknownOutcome,
  moveRow,
  newOtpChallenge,
  PAYMENT_LEASE_MS,
  readBoolean,
  readString,
  recordWrongOtp,
  scheduleRow,
  setInstrumentStatus,
  verifyOtp,
} from './shared';

const LEASE_MS = PAYMENT_LEASE_MS;

export async function sendPayment(
  ctx: FlowContext,
  row: PaymentRow,
  instrument: BankAccountRow,
  options: { leased?: boolean } = {},
): Promise<PaymentRow> {
  if (!options.leased) {
    // One caller at a time (across instances) sends a payment's request; the others report its state.
    const leased = await ctx.store.db.query(
      `UPDATE payments SET upstream_lease_until = $2, updated_at = $3
       WHERE id = $1 AND status = 'created' AND (upstream_lease_until IS NULL OR upstream_lease_until < $3) RETURNING id`,
      [row.id, new Date(ctx.now() + LEASE_MS), new Date(ctx.now())],
    );
    if (!leased.length) return (await ctx.store.get('payments', row.id)) ?? row;
  }
  const res = await ctx.client.call('payment', paymentRequest(ctx, row, instrument), {
    externalId: row.externalId,
    authCode: instrument.authCode,
  });
  // The lease ends with whatever the answer writes next (move/schedule clear it).
  return applyPaymentAnswer(ctx, { ...row, upstreamLeaseUntil: null }, instrument, res);
}

/** Characters allowed in a payment's additionalInfo value [ref: /reference/dd-v3-debit-payment-host-to-host]. */
const REMARK_CHARS = /[^A-Za-z0-9 @.\-_+*!~]/g;

/** The description as the dashboard takes it: 1–100 of alnum and space@.-_+*!~; undefined when nothing is left. */
export function paymentRemark(description: string | null): string | undefined {
  const clean = (description ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(REMARK_CHARS, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100)
    .trim();
  return clean || undefined;
}

/** The payment request exactly as the reference gives it; the same bytes on every retry. */
export function paymentRequest(
  ctx: FlowContext,
  row: PaymentRow,
  instrument: BankAccountRow,
): PaymentRequest {
  const remark = paymentRemark(row.description);
  return {
    partnerReferenceNo: row.partnerReferenceNo,
    bankCardToken: instrument.accountToken,
    merchantId: ctx.merchantId,
    amount: toSnapAmount(row.amount),
    additionalInfo: remark ? { [ctx.profile.dd.paymentRemarkKey]: remark } : {},
  };
}

async function applyPaymentAnswer(
  ctx: FlowContext,
  row: PaymentRow,
  instrument: BankAccountRow,
  res: SnapResult,
): Promise<PaymentRow> {
  if (isUnknownOutcome(res) || res.kind !== 'response') {
    // Never failed on a 5xx, 502/504 or a timeout: the reconciler resends or asks the status.
    return schedule(ctx, row);
  }
  if (res.code?.serviceCode === '74') {
    // The customer token was refused: the payment never reached the bank.
    const f = failureFromResponse(res.body.responseCode, 'INSTRUMENT_NOT_ACTIVE');
    await setInstrumentStatus(ctx, instrument, 'expired');
    return move(ctx, row, 'failed', { failure: f, nextCheckAt: null });
  }
  const f = ctx.profile.dd.responseFields;
  const referenceNo = readString(res.body, f.referenceNo) ?? row.referenceNo;
  if (isConflict(res)) {
    return checkPayment(ctx, { ...row, referenceNo }, undefined, { afterConflict: true });
  }
  if (isAccepted(res)) {
    // The answer's flag, else its status: PENDING_USER_VERIFICATION waits for the OTP [docs].
    const status = readString(res.body, f.paymentTransactionStatus);
    const otpRequired =
      readBoolean(res.body, f.paymentOtpRequired) ??
      (status && ctx.profile.dd.otpPendingStatuses.includes(status) ? true : undefined);
    if (otpRequired && referenceNo) {
      return move(ctx, row, 'requires_otp', {
        referenceNo,
        ...newOtpChallenge(ctx, readString(res.body, f.otpExpiresAt)),
        nextCheckAt: nextCheck(ctx, 0),
      });
    }
    if (otpRequired === false && status === TRANSACTION_STATUS.success) {
      return move(ctx, row, 'succeeded', { referenceNo, nextCheckAt: null });
    }
    // Accepted, but not all of it could be read: the status API tells the rest, never a failure.
    return move(ctx, row, 'processing', { referenceNo, nextCheckAt: nextCheck(ctx, 0), checkAttempts: 0 });
  }
  // Too many requests: nothing was decided; ask again later.
  if (res.code?.case === 'tooManyRequests') return schedule(ctx, { ...row, referenceNo });
  // A refusal: confirm with the status API before calling it failed.
  return checkPayment(
    ctx,
    { ...row, referenceNo },
    failureFromResponse(res.body.responseCode, 'PAYMENT_DECLINED', res.body.responseMessage),
  );
}

/**
 * Asks the status API (or, when the first call never got an answer, sends it again) and applies
 * the bank's word. Fails a payment only on status 06 or 4045501 [doc].
 */
export async function checkPayment(
  ctx: FlowContext,
  row: PaymentRow,
  refusal?: Failure,
  options: { afterConflict?: boolean } = {},
): Promise<PaymentRow> {
  return PAYMENT_METHODS[row.instrumentType].check(ctx, row, refusal, options);
}

/**
 * The status request as the reference gives it: by originalReferenceNo. Without one (the payment's
 * own answer was lost), only `lostPaymentAnswer: statusByPartnerReference` asks by the partner's
 * reference; otherwise null (the payment request is replayed instead).
 */
export function statusRequest(
  ctx: FlowContext,
  payment: Pick<PaymentRow, 'referenceNo' | 'partnerReferenceNo'>,
): PaymentStatusRequest | null {
  if (payment.referenceNo) {
    return { merchantId: ctx.merchantId, serviceCode: '54', originalReferenceNo: payment.referenceNo };
  }
  if (ctx.profile.dd.lostPaymentAnswer === 'statusByPartnerReference') {
    return {
      merchantId: ctx.merchantId,
      serviceCode: '54',
      originalPartnerReferenceNo: payment.partnerReferenceNo,
    };
  }
  return null;
}

/** Direct Debit payment status (service 55): fails only on status 06 or 4045501 [doc]. */
export async function checkBankPayment(
  ctx: FlowContext,
  row: PaymentRow,
  refusal?: Failure,
  options: { afterConflict?: boolean } = {},
): Promise<PaymentRow> {
  const instrument = await ctx.store.get('instruments', row.instrumentId);
  if (instrument?.type !== 'bank_account') return row;
  const body = statusRequest(ctx, row);
  if (!body) {
    // No referenceNo to ask by (lostPaymentAnswer 'replay'): the very same request with the same
    // X-EXTERNAL-ID gets the bank's first answer back, or is processed if it never arrived.
    if (row.status === 'created' && !refusal && !options.afterConflict) {
      return sendPayment(ctx, row, instrument);
    }
    // A refusal naming no transaction: the bank recorded none, so nothing was charged.
    if (refusal && !options.afterConflict) return fail(ctx, row, instrument, refusal);
    // Accepted, but its referenceNo could not be read: the replay gives the first answer again.
    if (row.status === 'processing') return recoverReference(ctx, row, instrument);
    return schedule(ctx, row);
  }
  // Part of the payment's flow: its X-EXTERNAL-ID [ref §5].
  const res = await ctx.client.call('paymentStatus', body, { externalId: row.externalId });
  if (res.kind !== 'response' || isUnknownOutcome(res)) return schedule(ctx, row);
  if (res.code?.case === 'transactionNotFound') {
    if (row.status === 'created' && !refusal && !options.afterConflict) {
      // Our first request never reached the bank: send the very same request again.
      return sendPayment(ctx, row, instrument);
    }
    return fail(
      ctx,
      row,
      instrument,
      refusal ?? failure('PAYMENT_DECLINED', ERROR_MESSAGES.PAYMENT_DECLINED, res.body.responseCode),
    );
  }
  if (res.code?.case !== 'success') return schedule(ctx, row);
  const f = ctx.profile.dd.responseFields;
  const status = readString(res.body, f.paymentTransactionStatus);
  // An answer without a status we know says nothing: ask again later.
  if (!status) return schedule(ctx, row);
  return applyTransactionStatus(
    ctx,
    row,
    instrument,
    {
      latestTransactionStatus: status,
      referenceNo: readString(res.body, f.referenceNo) ?? null,
      failureResponseCode: readString(res.body, f.failureResponseCode),
      failureReason: readString(res.body, f.failureReason),
    },
    refusal,
  );
}

/** Replays the accepted payment's request (same bytes, same X-EXTERNAL-ID) only to learn its referenceNo. */
async function recoverReference(
  ctx: FlowContext,
  row: PaymentRow,
  instrument: BankAccountRow,
): Promise<PaymentRow> {
  const res = await ctx.client.call('payment', paymentRequest(ctx, row, instrument), {
    externalId: row.externalId,
    authCode: instrument.authCode,
  });
  const referenceNo =
    res.kind === 'response' ? readString(res.body, ctx.profile.dd.responseFields.referenceNo) : undefined;
  // Asked again at the next check, by its referenceNo when the answer gave one.
  return schedule(ctx, row, referenceNo ? { referenceNo } : {});
}

/** The payment's refunds as the status API lists them (lenient: entries we cannot read are skipped). */
export function readStatusRefunds(ctx: FlowContext, body: unknown): StatusRefund[] {
  const f = ctx.profile.dd.responseFields;
  const list = readField(body, f.refunds);
  if (!Array.isArray(list)) return [];
  return list.flatMap((r): StatusRefund[] => {
    const partnerRefundNo = readString(r, f.partnerRefundNo);
    const status = readString(r, f.refundStatus);
    if (!partnerRefundNo || (status !== 'SUCCESS' && status !== 'FAILED' && status !== 'PROCESSING'))
      return [];
    return [
      {
        partnerRefundNo,
        refundNo: readString(r, f.refundNo) ?? '',
        amount: { value: readString(r, f.refundAmount) ?? '0.00', currency: 'IDR' },
        status,
      },
    ];
  });
}

/** What the bank says of a transaction, from the status API or a verified callback. */
export interface TransactionFacts {
  latestTransactionStatus: string;
  referenceNo: string | null;
  failureResponseCode?: string | undefined;
  failureReason?: string | undefined;
}

export async function applyTransactionStatus(
  ctx: FlowContext,
  row: PaymentRow,
  instrument: InstrumentRow | (() => Promise<InstrumentRow | null>),
  facts: TransactionFacts,
  refusal?: Failure,
): Promise<PaymentRow> {
  const referenceNo = facts.referenceNo ?? row.referenceNo;
  switch (facts.latestTransactionStatus) {
    case TRANSACTION_STATUS.success:
    case TRANSACTION_STATUS.refunded:
      return move(ctx, row, 'succeeded', { referenceNo, nextCheckAt: null });
    case TRANSACTION_STATUS.failed:
    case TRANSACTION_STATUS.cancelled: {
      const f =
        refusal ?? failureFromResponse(facts.failureResponseCode, 'PAYMENT_DECLINED', facts.failureReason);
      return fail(ctx, row, instrument, { ...f, responseCode: f.responseCode ?? facts.failureResponseCode });
    }
    case TRANSACTION_STATUS.initiated:
      return schedule(ctx, row, { referenceNo });
    default:
      return row.status === 'created'
        ? move(ctx, row, 'processing', { referenceNo, nextCheckAt: nextCheck(ctx, 0), checkAttempts: 0 })
        : schedule(ctx, row, { referenceNo });
  }
}

async function fail(
  ctx: FlowContext,
  row: PaymentRow,
  instrumentOrLoad: InstrumentRow | (() => Promise<InstrumentRow | null>),
  f: Failure,
): Promise<PaymentRow> {
  const failed = await move(ctx, row, 'failed', { failure: f, nextCheckAt: null });
  // A late or reordered report of a payment that ended otherwise says nothing about the account:
  // only the failure the payment holds counts (whichever path, callback or answer, recorded it).
  if (failed.status !== 'failed') return failed;
  const code = failed.failure?.code ?? f.code;
  const to =
    code === 'CARD_EXPIRED'
      ? 'expired'
      : code === 'OTP_BLOCKED' || code === 'ACCOUNT_BLOCKED'
        ? 'blocked'
        : null;
  if (!to) return failed;
  const instrument = typeof instrumentOrLoad === 'function' ? await instrumentOrLoad() : instrumentOrLoad;
  if (instrument) await setInstrumentStatus(ctx, instrument, to);
  return failed;
}

export async function submitPaymentOtp(ctx: FlowContext, row: PaymentRow, otp: string): Promise<PaymentRow> {
  if (row.status === 'processing' || row.status === 'succeeded') return row;
  const { res } = await verifyOtp(ctx, row, 'payment', otp);
  if (res.kind !== 'response') return row;
  switch (res.code?.case) {
    case 'success':
    case 'inProgress':
      if (
        readString(res.body, ctx.profile.dd.responseFields.paymentTransactionStatus) ===
        TRANSACTION_STATUS.success
      ) {
        return move(ctx, row, 'succeeded', { nextCheckAt: null, otpLastError: null });
      }
      return move(ctx, row, 'processing', {
        nextCheckAt: nextCheck(ctx, 0),
        checkAttempts: 0,
        otpLastError: null,
      });
    case 'invalidOtp':
      return recordWrongOtp(ctx, 'payments', row, res);
    default:
      // Blocked, expired or anything else: the bank decides; the status API confirms.
      return checkPayment(
        ctx,
        row,
        failureFromResponse(res.body.responseCode, 'PAYMENT_DECLINED', res.body.responseMessage),
      );
  }
}

const move = (ctx: FlowContext, row: PaymentRow, to: PaymentRow['status'], patch: Partial<PaymentRow>) =>
  moveRow(ctx, 'payments', row, to, { upstreamLeaseUntil: null, ...patch });
const schedule = (ctx: FlowContext, row: PaymentRow, patch: Partial<PaymentRow> = {}) =>
  scheduleRow(ctx, 'payments', row, { upstreamLeaseUntil: null, ...patch });
