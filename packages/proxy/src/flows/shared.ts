import {
  AyoError,
  BANKS,
  type BankCode,
  ERROR_MESSAGES,
  type ErrorCode,
  type Failure,
  type InstrumentStatus,
  type LiveEvent,
} from '@ayokit/core';
import {
  BINDING_STATUSES,
  type FieldPaths,
  type InquiryAccount,
  minifyJson,
  OTP_MAX_ATTEMPTS,
  OTP_MAX_RESENDS,
  OTP_RESEND_COOLDOWN_SECONDS,
  type OtpRequest,
  type OtpResponse,
  parseSnapTimestamp,
  readField,
  type SnapBindingStatus,
  type SnapTokenStatus,
  sha256Hex,
  TOKEN_STATUSES,
  type VerifyOtpRequest,
} from '@ayokit/core/snap';
import { requireCapability } from '../capabilities';
import { type FlowContext, nextCheck } from '../context';
import type { Queryable } from '../db/types';
import { newReference } from '../ids';
import type { SnapResult } from '../snap/client';
import { failureFromResponse } from '../snap/failures';
import type { BankAccountRow, InstrumentRow, PaymentRow, TableName, Tables } from '../store/rows';
import {
  bindingView,
  cardRegistrationView,
  instrumentView,
  paymentView,
  refundView,
  unbindingView,
} from '../views';

/** Tells the user's browser (SSE) that a row changed. */
export async function emit<T extends TableName>(
  ctx: FlowContext,
  table: T,
  row: Tables[T] | null,
  q?: Queryable,
): Promise<void> {
  const event = row ? liveEventOf(table, row as never) : null;
  if (event) await ctx.publish((row as { userId: string }).userId, event, q);
}

function liveEventOf(table: TableName, row: never): LiveEvent | null {
  switch (table) {
    case 'bindings':
      return { type: 'binding', data: bindingView(row) };
    case 'card_registrations':
      return { type: 'card_registration', data: cardRegistrationView(row) };
    case 'instruments':
      return { type: 'instrument', data: instrumentView(row) };
    case 'payments':
      return { type: 'payment', data: paymentView(row) };
    case 'refunds':
      return { type: 'refund', data: refundView(row) };
    case 'unbindings':
      return { type: 'unbinding', data: unbindingView(row) };
    default:
      return null;
  }
}

export function requestHash(scope: string, body: unknown): Promise<string> {
  return sha256Hex(`${scope}:${minifyJson(JSON.stringify(body ?? {}))}`);
}

/**
 * Claims the Idempotency-Key inside `create`'s transaction. A new key creates the resource; a
 * known key with the same request returns the existing resource; a known key with another
 * request is refused.
 */
export async function idempotent<T extends TableName>(
  ctx: FlowContext,
  input: { table: T; userId: string; key: string; scope: string; body: unknown; newId: string },
  create: (q: import('../db/types').Queryable) => Promise<Tables[T]>,
): Promise<{ row: Tables[T]; replayed: boolean }> {
  const hash = await requestHash(input.scope, input.body);
  const result = await ctx.store.transaction(async (tx) => {
    const existing = await ctx.store.claimIdempotencyKey(tx, {
      userId: input.userId,
      key: input.key,
      scope: input.scope,
      requestHash: hash,
      resourceId: input.newId,
    });
    if (existing) return { existing };
    return { created: await create(tx) };
  });
  if ('created' in result && result.created) return { row: result.created, replayed: false };
  const existing = (result as { existing: { scope: string; requestHash: string; resourceId: string } })
    .existing;
  if (existing.scope !== input.scope || existing.requestHash !== hash) {
    throw new AyoError('IDEMPOTENCY_KEY_REUSED');
  }
  const row = await ctx.store.get(input.table, existing.resourceId);
  if (!row) throw new AyoError('NOT_FOUND');
  return { row, replayed: true };
}

/**
 * The call was accepted: `200xx00` done or `202xx00` in progress, the two successes of every
 * service [ref: /reference/get_response-codes]. An answer in progress is never a refusal.
 */
export function isAccepted(res: { code: { case: string | null } | null }): boolean {
  return res.code?.case === 'success' || res.code?.case === 'inProgress';
}

/** The upstream answer is unknown: no answer, a 5xx, a 504, or a body we cannot read. */
export function isUnknownOutcome(res: SnapResult): boolean {
  return res.kind === 'unreachable' || res.httpStatus >= 500 || !res.code;
}

export function upstreamUnavailable(res: SnapResult): AyoError {
  return new AyoError(
    'UPSTREAM_UNAVAILABLE',
    undefined,
    res.kind === 'response' && isResponseCode(res.body.responseCode)
      ? { responseCode: res.body.responseCode }
      : {},
  );
}

/** A SNAP response code (seven digits: HTTP status, service, case), not whatever the answer held. */
export function isResponseCode(v: unknown): v is string {
  return typeof v === 'string' && /^\d{7}$/.test(v);
}

/**
 * A moment the bank names (ISO 8601 with its offset, since 1970), or undefined: a date that is
 * none ("in five minutes", "1796415973") is read as missing and logged, never written as an
 * Invalid Date (the row's write failed, a 500 at each try).
 */
export function readMoment(ctx: Pick<FlowContext, 'log'>, v: unknown, field: string): Date | undefined {
  const text = usableString(v, 64);
  if (text === undefined) return undefined;
  const ms = parseSnapTimestamp(text);
  if (ms !== null && ms >= 0) return new Date(ms);
  ctx.log('warn', "a date in Ayoconnect's answer could not be read: taken as missing", {
    field,
    value: text.slice(0, 64),
  });
  return undefined;
}

export function isConflict(res: SnapResult): boolean {
  return (
    res.kind === 'response' &&
    (res.code?.case === 'conflictExternalId' || res.code?.case === 'duplicatePartnerReference')
  );
}

// ---- lenient reading of Ayoconnect's answers: unknown fields ignored, a missing one is undefined ----

/**
 * A string of 1–`max` characters that a row can hold, else undefined: one with a NUL character
 * (PostgreSQL refuses it in text and jsonb) is not read at all, as if the field were missing.
 */
export function usableString(v: unknown, max = 2048): string | undefined {
  return typeof v === 'string' && v.length > 0 && v.length <= max && !v.includes('\u0000') ? v : undefined;
}

/** A non-empty string at the first of `paths` (numbers read as their text); see usableString. */
export function readString(body: unknown, paths: FieldPaths): string | undefined {
  const v = readField(body, paths);
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return usableString(v);
}

/** A boolean (or "true"/"false") at the first of `paths`. */
export function readBoolean(body: unknown, paths: FieldPaths): boolean | undefined {
  const v = readField(body, paths);
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  return undefined;
}

export function readBindingStatus(body: unknown, paths: FieldPaths): SnapBindingStatus | undefined {
  const v = readString(body, paths);
  return (BINDING_STATUSES as readonly string[]).includes(v ?? '') ? (v as SnapBindingStatus) : undefined;
}

/**
 * The bound account an inquiry answer or a binding callback names; null unless its token and bank
 * are there. Its authCode is the answer's, or the binding's X-EXTERNAL-ID (`dd.authCodeSource`):
 * the reference's inquiry lists no authCode, and a binding waiting for one would never complete.
 */
export function readAccount(
  ctx: Pick<FlowContext, 'profile' | 'log'>,
  body: unknown,
  binding: { externalId: string },
): InquiryAccount | null {
  const f = ctx.profile.dd.responseFields;
  const accountToken = readString(body, f.accountToken);
  const bankCode = readString(body, f.bankCode);
  if (!accountToken || !bankCode || !BANKS.some((b) => b.code === bankCode)) return null;
  const fromAnswer = ctx.profile.dd.authCodeSource === 'answer';
  const named = fromAnswer ? readString(body, f.authCode) : undefined;
  if (fromAnswer && !named) {
    ctx.log('warn', "a bound account's answer names no authCode: the binding's X-EXTERNAL-ID stands in", {
      profileEntry: 'dd.authCodeSource',
    });
  }
  const authCode = named ?? binding.externalId;
  const tokenStatus = readString(body, f.tokenStatus);
  return {
    accountToken,
    authCode,
    bankCode: bankCode as BankCode,
    maskedAccountNo: readString(body, f.maskedAccountNo) ?? '****',
    tokenStatus: (TOKEN_STATUSES as readonly string[]).includes(tokenStatus ?? '')
      ? (tokenStatus as SnapTokenStatus)
      : 'ACTIVE',
    tokenEndDate: readEndDate(ctx, readString(body, f.tokenEndDate)),
  };
}

/**
 * A token's end date as the bank writes it (its form is not documented: a date, or a moment), or
 * null when it is no date at all: an Invalid Date failed the instrument's write.
 */
function readEndDate(ctx: Pick<FlowContext, 'log'>, text: string | undefined): string | null {
  if (text === undefined) return null;
  const ms = Date.parse(text);
  if (Number.isFinite(ms) && ms >= 0) return text;
  ctx.log('warn', "a date in Ayoconnect's answer could not be read: taken as missing", {
    field: 'tokenEndDate',
    value: text.slice(0, 64),
  });
  return null;
}

const TOKEN_STATUS: Record<SnapTokenStatus, InstrumentStatus> = {
  ACTIVE: 'active',
  BLOCKED: 'blocked',
  DISABLED: 'expired',
  'NOT FOUND': 'unbound',
};

/**
 * Brings one bank account in line with what the inquiry of its binding says: its token status
 * and end date, or unbound when the binding reads UNBINDED.
 */
export async function syncInstrument(
  ctx: FlowContext,
  instrument: BankAccountRow,
  facts: {
    status: SnapBindingStatus;
    account: InquiryAccount | null;
    tokenStatus?: SnapTokenStatus | undefined;
  },
): Promise<void> {
  if (instrument.status === 'unbound') return;
  const tokenStatus =
    facts.status === 'UNBINDED' ? 'NOT FOUND' : (facts.account?.tokenStatus ?? facts.tokenStatus);
  if (!tokenStatus) return;
  const status = TOKEN_STATUS[tokenStatus];
  const endDate = facts.account?.tokenEndDate;
  const expires = endDate ? new Date(endDate) : endDate === null ? null : instrument.tokenExpiresAt;
  const expiresMs = expires && Number.isFinite(expires.getTime()) ? expires.getTime() : null;
  if (status !== instrument.status || expiresMs !== (instrument.tokenExpiresAt?.getTime() ?? null)) {
    const updated = await ctx.store.update(
      'instruments',
      instrument.id,
      { tokenExpiresAt: expiresMs === null ? null : new Date(expiresMs) },
      status === instrument.status ? { ifStatus: [instrument.status] } : { to: status },
    );
    await emit(ctx, 'instruments', updated);
  }
}

export async function setInstrumentStatus(
  ctx: FlowContext,
  instrument: InstrumentRow,
  status: InstrumentStatus,
): Promise<void> {
  if (instrument.status === status) return;
  await emit(ctx, 'instruments', await ctx.store.update('instruments', instrument.id, {}, { to: status }));
}

/** The bank account behind a Direct Debit row (cards never reach the SNAP flows). */
export function bankAccountOf(instrument: InstrumentRow | null): BankAccountRow {
  if (!instrument) throw new AyoError('NOT_FOUND');
  if (instrument.type !== 'bank_account') {
    throw new AyoError('INVALID_STATE', 'This action is only for bank accounts.');
  }
  return instrument;
}

/**
 * A failure to keep on a row: the message when it is text a row can hold (else the code's own
 * words), the response code when it is one.
 */
export function failure(code: Failure['code'], message: unknown, responseCode?: unknown): Failure {
  const text = usableString(message) ?? (ERROR_MESSAGES as Partial<Record<string, string>>)[code] ?? code;
  return isResponseCode(responseCode) ? { code, message: text, responseCode } : { code, message: text };
}

type FlowTable = 'bindings' | 'card_registrations' | 'payments' | 'refunds' | 'unbindings';

/** Statuses in which a row still waits on the bank, and so may be rescheduled. */
const PENDING: { [T in FlowTable]: readonly Tables[T]['status'][] } = {
  bindings: ['in_progress', 'verification_pending'],
  card_registrations: ['in_progress'],
  // An authorisation waits for its capture or void, or for the gateway to void it when it expires.
  payments: ['created', 'requires_otp', 'processing', 'authorized'],
  refunds: ['created', 'processing'],
  unbindings: ['created', 'requires_otp'],
};

/**
 * Moves a row forward and tells the browser; if someone else moved it first, returns what is there
 * now. The new status and its live event are written by one statement (one round trip, one commit,
 * one WAL flush on PostgreSQL): a stream never misses a status that is stored, nor sees one that
 * is not.
 */
export async function moveRow<T extends FlowTable>(
  ctx: FlowContext,
  table: T,
  row: Tables[T],
  to: Tables[T]['status'],
  patch: Partial<Tables[T]>,
): Promise<Tables[T]> {
  const updated = await ctx.store.moveAnnounced(table, row as never, patch, to as never, (moved) =>
    liveEventOf(table, moved as never),
  );
  return updated ?? (await ctx.store.get(table, row.id)) ?? row;
}

/** Asks again later, backing off, while the row still waits on the bank. */
export async function scheduleRow<T extends FlowTable>(
  ctx: FlowContext,
  table: T,
  row: Tables[T],
  patch: Partial<Tables[T]> = {},
): Promise<Tables[T]> {
  const attempts = row.checkAttempts + 1;
  const next = { ...patch, checkAttempts: attempts, nextCheckAt: nextCheck(ctx, attempts) } as Partial<
    Tables[T]
  >;
  return (await ctx.store.update(table, row.id, next, { ifStatus: PENDING[table] })) ?? row;
}

/** Verify OTP (service 04) for a payment or an unbinding waiting on one. */
export async function verifyOtp(
  ctx: FlowContext,
  row: {
    status: string;
    partnerReferenceNo: string;
    referenceNo: string | null;
    instrumentId: string;
    externalId: string;
  },
  flow: 'payment' | 'unbinding',
  otp: string,
): Promise<{ res: SnapResult; instrument: BankAccountRow }> {
  const noun = flow;
  if (row.status !== 'requires_otp' || !row.referenceNo) {
    throw new AyoError('INVALID_STATE', `This ${noun} is ${row.status} and does not wait for an OTP.`);
  }
  const instrument = bankAccountOf(await ctx.store.get('instruments', row.instrumentId));
  const body: VerifyOtpRequest = {
    originalPartnerReferenceNo: row.partnerReferenceNo,
    originalReferenceNo: row.referenceNo,
    action: ctx.profile.dd.otpActions[flow],
    merchantId: ctx.merchantId,
    otp,
    additionalInfo: {},
  };
  // Part of the payment's (or unbinding's) flow: its X-EXTERNAL-ID [ref §5].
  const res = await ctx.client.call('verifyOtp', body, {
    externalId: row.externalId,
    authCode: instrument.authCode,
  });
  if (isUnknownOutcome(res) || res.kind !== 'response') throw upstreamUnavailable(res);
  return { res, instrument };
}

/** A wrong OTP: fewer attempts left, and why, shown to the shopper. */
export async function recordWrongOtp<T extends 'payments' | 'unbindings'>(
  ctx: FlowContext,
  table: T,
  row: Tables[T],
  res: SnapResult,
): Promise<Tables[T]> {
  const body = res.kind === 'response' ? res.body : null;
  const remaining = Number(readField(body, ctx.profile.dd.responseFields.remainingAttempts));
  const left =
    Number.isInteger(remaining) && remaining >= 0
      ? remaining
      : Math.max(0, (row.otpAttemptsLeft ?? OTP_MAX_ATTEMPTS) - 1);
  const patch = {
    otpAttemptsLeft: left,
    otpLastError: failureFromResponse(body?.responseCode, 'OTP_INVALID'),
  } as Partial<Tables[T]>;
  const updated = await ctx.store.update(table, row.id, patch, { ifStatus: ['requires_otp'] });
  await emit(ctx, table, updated);
  return updated ?? row;
}

/** A fresh OTP challenge: the bank just sent a code, so a new one only after the cooldown. */
export function newOtpChallenge(ctx: FlowContext, otpExpiresAt: string | null | undefined) {
  return {
    otpAttemptsLeft: OTP_MAX_ATTEMPTS,
    otpExpiresAt: readMoment(ctx, otpExpiresAt, 'otpExpiresAt') ?? null,
    otpLastError: null,
    otpResendsLeft: OTP_MAX_RESENDS,
    otpResendAvailableAt: new Date(ctx.now() + OTP_RESEND_COOLDOWN_SECONDS * 1000),
  };
}

/**
 * Asks the bank for a new OTP (service 81) for a payment or unbinding waiting on one. Refused here
 * before the cooldown ends or once the resends are used up; the bank's own 429 is RATE_LIMITED too.
 * Wrong attempts are not reset by a new code.
 */
export async function resendOtp<T extends 'payments' | 'unbindings'>(
  ctx: FlowContext,
  table: T,
  row: Tables[T],
): Promise<Tables[T]> {
  requireCapability(ctx, 'otpResend');
  const flow = table === 'payments' ? 'payment' : 'unbinding';
  if (row.status !== 'requires_otp' || !row.referenceNo) {
    throw new AyoError('INVALID_STATE', `This ${flow} is ${row.status} and does not wait for an OTP.`);
  }
  const left = row.otpResendsLeft ?? OTP_MAX_RESENDS;
  if (left <= 0) throw new AyoError('RATE_LIMITED', 'No more new OTPs can be sent for this request.');
  const availableAt = row.otpResendAvailableAt?.getTime() ?? 0;
  if (ctx.now() < availableAt) {
    const seconds = Math.ceil((availableAt - ctx.now()) / 1000);
    throw new AyoError('RATE_LIMITED', `A new OTP can be sent in ${seconds} s.`);
  }
  const instrument = bankAccountOf(await ctx.store.get('instruments', row.instrumentId));
  const body: OtpRequest = {
    originalPartnerReferenceNo: row.partnerReferenceNo,
    originalReferenceNo: row.referenceNo,
    action: ctx.profile.dd.otpActions[flow],
    merchantId: ctx.merchantId,
    additionalInfo: {},
  };
  const res = await ctx.client.call<OtpResponse>('otp', body, {
    externalId: row.externalId,
    authCode: instrument.authCode,
  });
  if (isUnknownOutcome(res) || res.kind !== 'response') throw upstreamUnavailable(res);
  const info = res.body.additionalInfo;
  if (res.code?.case === 'tooManyRequests') {
    const next = readMoment(ctx, info?.nextResendAt, 'nextResendAt') ?? null;
    const patch = {
      ...(next ? { otpResendAvailableAt: next } : {}),
      ...(typeof info?.remainingResends === 'number' ? { otpResendsLeft: info.remainingResends } : {}),
    } as Partial<Tables[T]>;
    if (Object.keys(patch).length) {
      await emit(ctx, table, await ctx.store.update(table, row.id, patch, { ifStatus: ['requires_otp'] }));
    }
    throw new AyoError('RATE_LIMITED', undefined, { responseCode: res.body.responseCode });
  }
  if (res.code?.case !== 'success') {
    const f = failureFromResponse(res.body.responseCode, 'UPSTREAM_REJECTED', res.body.responseMessage);
    throw new AyoError(f.code as ErrorCode, f.message, { responseCode: res.body.responseCode });
  }
  const patch = {
    otpExpiresAt: readMoment(ctx, info?.otpExpiresAt, 'otpExpiresAt') ?? row.otpExpiresAt,
    otpResendsLeft: typeof info?.remainingResends === 'number' ? info.remainingResends : left - 1,
    otpResendAvailableAt:
      readMoment(ctx, info?.nextResendAt, 'nextResendAt') ??
      new Date(ctx.now() + OTP_RESEND_COOLDOWN_SECONDS * 1000),
    otpLastError: null,
  } as Partial<Tables[T]>;
  const updated = await ctx.store.update(table, row.id, patch, { ifStatus: ['requires_otp'] });
  await emit(ctx, table, updated);
  return updated ?? row;
}

/** How long one proxy instance may own a payment's upstream call before another may retry it. */
export const PAYMENT_LEASE_MS = 60_000;

/**
 * A new payment row, leased from birth (the creating request makes the first upstream call) and
 * with its references fixed before anything is sent, so a retry re-sends the very same request.
 */
export function newPaymentRow(
  ctx: FlowContext,
  at: Date,
  fields: Pick<
    PaymentRow,
    'id' | 'userId' | 'instrumentId' | 'instrumentType' | 'mode' | 'amount' | 'checkoutId' | 'correlationId'
  > & {
    description: string | undefined;
    orderId: string | undefined;
  },
): PaymentRow {
  return {
    ...fields,
    description: fields.description ?? null,
    orderId: fields.orderId ?? null,
    status: 'created',
    partnerReferenceNo: newReference(),
    externalId: newReference(),
    referenceNo: null,
    otpAttemptsLeft: null,
    otpExpiresAt: null,
    otpLastError: null,
    otpResendsLeft: null,
    otpResendAvailableAt: null,
    failure: null,
    refundedAmount: 0,
    capturedAmount: 0,
    authorizationExpiresAt: null,
    capturePartnerReferenceNo: null,
    captureAmount: null,
    captureReferenceNo: null,
    voidPartnerReferenceNo: null,
    voidReferenceNo: null,
    upstreamLeaseUntil: new Date(at.getTime() + PAYMENT_LEASE_MS),
    nextCheckAt: new Date(at.getTime() + ctx.timing.callbackGraceMs),
    checkAttempts: 0,
    createdAt: at,
    updatedAt: at,
  };
}
