import { ERROR_MESSAGES, type Failure, toSnapAmount } from '@ayokit/core';
import {
  type PaymentRequest,
  type PaymentResponse,
  type PaymentStatusResponse,
  TRANSACTION_STATUS,
} from '@ayokit/core/snap';
import { type FlowContext, nextCheck } from '../context';
import { newReference } from '../ids';
import type { SnapResult } from '../snap/client';
import { failureFromResponse } from '../snap/failures';
import type { BankAccountRow, InstrumentRow, PaymentRow } from '../store/rows';
import { PAYMENT_METHODS } from './methods';
import {
  failure,
  isConflict,
  isUnknownOutcome,
  moveRow,
  newOtpChallenge,
  PAYMENT_LEASE_MS,
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
  const body: PaymentRequest = {
    partnerReferenceNo: row.partnerReferenceNo,
    bankCardToken: instrument.accountToken,
    merchantId: ctx.merchantId,
    amount: toSnapAmount(row.amount),
    additionalInfo: row.description ? { remark: row.description } : {},
  };
  const res = await ctx.client.call<PaymentResponse>('payment', body, {
    externalId: row.externalId,
    authCode: instrument.authCode,
  });
  // The lease ends with whatever the answer writes next (move/schedule clear it).
  return applyPaymentAnswer(ctx, { ...row, upstreamLeaseUntil: null }, instrument, res);
}

async function applyPaymentAnswer(
  ctx: FlowContext,
  row: PaymentRow,
  instrument: BankAccountRow,
  res: SnapResult<PaymentResponse>,
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
  if (isConflict(res)) return checkPayment(ctx, row, undefined, { afterConflict: true });
  if (res.code?.case === 'success' || res.code?.case === 'inProgress') {
    const info = res.body.additionalInfo;
    const referenceNo = res.body.referenceNo ?? null;
    if (info?.otpRequired) {
      return move(ctx, row, 'requires_otp', {
        referenceNo,
        ...newOtpChallenge(ctx, info.otpExpiresAt),
        nextCheckAt: nextCheck(ctx, 0),
      });
    }
    if (info?.latestTransactionStatus === TRANSACTION_STATUS.success) {
      return move(ctx, row, 'succeeded', { referenceNo, nextCheckAt: null });
    }
    return move(ctx, row, 'processing', { referenceNo, nextCheckAt: nextCheck(ctx, 0), checkAttempts: 0 });
  }
  // A refusal: confirm with the status API before calling it failed.
  return checkPayment(
    ctx,
    row,
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

/** Direct Debit payment status (service 54): fails only on status 06 or 4045501 [doc]. */
export async function checkBankPayment(
  ctx: FlowContext,
  row: PaymentRow,
  refusal?: Failure,
  options: { afterConflict?: boolean } = {},
): Promise<PaymentRow> {
  const instrument = await ctx.store.get('instruments', row.instrumentId);
  if (instrument?.type !== 'bank_account') return row;
  const res = await ctx.client.call<PaymentStatusResponse>(
    'paymentStatus',
    {
      merchantId: ctx.merchantId,
      serviceCode: '54',
      originalPartnerReferenceNo: row.partnerReferenceNo,
      ...(row.referenceNo ? { originalReferenceNo: row.referenceNo } : {}),
    },
    { externalId: newReference() },
  );
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
  return applyTransactionStatus(
    ctx,
    row,
    instrument,
    {
      latestTransactionStatus: res.body.latestTransactionStatus ?? '',
      referenceNo: res.body.originalReferenceNo ?? null,
      failureResponseCode: res.body.additionalInfo?.failureResponseCode,
      failureReason: res.body.additionalInfo?.failureReason,
    },
    refusal,
  );
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
  instrument: InstrumentRow,
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
  instrument: InstrumentRow,
  f: Failure,
): Promise<PaymentRow> {
  const failed = await move(ctx, row, 'failed', { failure: f, nextCheckAt: null });
  // A late or reordered report of a payment that ended otherwise says nothing about the account:
  // only the failure the payment holds counts (whichever path, callback or answer, recorded it).
  if (failed.status !== 'failed') return failed;
  const code = failed.failure?.code ?? f.code;
  if (code === 'CARD_EXPIRED') await setInstrumentStatus(ctx, instrument, 'expired');
  if (code === 'OTP_BLOCKED' || code === 'ACCOUNT_BLOCKED')
    await setInstrumentStatus(ctx, instrument, 'blocked');
  return failed;
}

export async function submitPaymentOtp(ctx: FlowContext, row: PaymentRow, otp: string): Promise<PaymentRow> {
  if (row.status === 'processing' || row.status === 'succeeded') return row;
  const { res } = await verifyOtp(ctx, row, 'PAYMENT', otp);
  if (res.kind !== 'response') return row;
  switch (res.code?.case) {
    case 'success':
    case 'inProgress':
      if (res.body.additionalInfo?.latestTransactionStatus === TRANSACTION_STATUS.success) {
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
