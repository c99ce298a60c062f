import { AyoError, ERROR_MESSAGES } from '@ayokit/core';
import {
  type BindingInquiryResponse,
  OTP_MAX_ATTEMPTS,
  type UnbindingRequest,
  type UnbindingResponse,
  type VerifyOtpResponse,
} from '@ayokit/core/snap';
import { type FlowContext, nextCheck } from '../context';
import { newId, newReference } from '../ids';
import type { SnapResult } from '../snap/client';
import { failureFromResponse } from '../snap/failures';
import type { InstrumentRow, UnbindingRow } from '../store/rows';
import {
  emit,
  idempotent,
  isConflict,
  isUnknownOutcome,
  syncInstruments,
  upstreamUnavailable,
} from './shared';

export async function startUnbinding(
  ctx: FlowContext,
  instrument: InstrumentRow,
  key: string,
): Promise<UnbindingRow> {
  if (instrument.status === 'unbound')
    throw new AyoError('INVALID_STATE', 'This account is already unbound.');
  const at = new Date(ctx.now());
  const id = newId('unbinding');
  const { row } = await idempotent(
    ctx,
    {
      table: 'unbindings',
      userId: instrument.userId,
      key,
      scope: `unbinding:${instrument.id}`,
      body: {},
      newId: id,
    },
    (tx) =>
      ctx.store.insert(
        'unbindings',
        {
          id,
          userId: instrument.userId,
          instrumentId: instrument.id,
          status: 'created',
          partnerReferenceNo: newReference(),
          externalId: newReference(),
          referenceNo: null,
          otpAttemptsLeft: null,
          otpExpiresAt: null,
          otpLastError: null,
          failure: null,
          nextCheckAt: new Date(at.getTime() + ctx.timing.callbackGraceMs),
          checkAttempts: 0,
          createdAt: at,
          updatedAt: at,
        },
        tx,
      ),
  );
  if (row.status !== 'created') return row;
  const body: UnbindingRequest = {
    partnerReferenceNo: row.partnerReferenceNo,
    merchantId: ctx.merchantId,
    additionalInfo: {
      publicUserId: instrument.publicUserId,
      accountToken: instrument.accountToken,
      bankCode: instrument.bankCode,
    },
  };
  const res = await ctx.client.call<UnbindingResponse>('unbinding', body, {
    externalId: row.externalId,
    authCode: instrument.authCode,
  });
  return applyUnbindingAnswer(ctx, row, instrument, res);
}

async function applyUnbindingAnswer(
  ctx: FlowContext,
  row: UnbindingRow,
  instrument: InstrumentRow,
  res: SnapResult<UnbindingResponse>,
): Promise<UnbindingRow> {
  if (isUnknownOutcome(res) || res.kind !== 'response') return schedule(ctx, row);
  if (isConflict(res)) return checkUnbinding(ctx, row);
  if (res.code?.case !== 'success') {
    return move(ctx, row, 'failed', {
      failure: failureFromResponse(res.body.responseCode, 'UPSTREAM_REJECTED', res.body.responseMessage),
      nextCheckAt: null,
    });
  }
  const info = res.body.additionalInfo;
  if (info?.otpRequired) {
    return move(ctx, row, 'requires_otp', {
      referenceNo: res.body.referenceNo ?? null,
      otpAttemptsLeft: OTP_MAX_ATTEMPTS,
      otpExpiresAt: info.otpExpiresAt ? new Date(info.otpExpiresAt) : null,
      nextCheckAt: nextCheck(ctx, 0),
    });
  }
  return succeedUnbinding(ctx, row, instrument, res.body.referenceNo ?? null);
}

export async function submitUnbindingOtp(
  ctx: FlowContext,
  row: UnbindingRow,
  otp: string,
): Promise<UnbindingRow> {
  if (row.status === 'succeeded') return row;
  if (row.status !== 'requires_otp' || !row.referenceNo) {
    throw new AyoError('INVALID_STATE', `This unbinding is ${row.status} and does not wait for an OTP.`);
  }
  const instrument = await ctx.store.get('instruments', row.instrumentId);
  if (!instrument) throw new AyoError('NOT_FOUND');
  const res = await ctx.client.call<VerifyOtpResponse>(
    'verifyOtp',
    {
      originalPartnerReferenceNo: row.partnerReferenceNo,
      originalReferenceNo: row.referenceNo,
      action: 'UNBINDING',
      otp,
      merchantId: ctx.merchantId,
    },
    { externalId: newReference(), authCode: instrument.authCode },
  );
  if (isUnknownOutcome(res) || res.kind !== 'response') throw upstreamUnavailable(res);
  if (res.code?.case === 'success') return succeedUnbinding(ctx, row, instrument, row.referenceNo);
  if (res.code?.case === 'invalidOtp') {
    const left =
      res.body.additionalInfo?.remainingAttempts ??
      Math.max(0, (row.otpAttemptsLeft ?? OTP_MAX_ATTEMPTS) - 1);
    const updated = await ctx.store.update(
      'unbindings',
      row.id,
      { otpAttemptsLeft: left, otpLastError: failureFromResponse(res.body.responseCode, 'OTP_INVALID') },
      { ifStatus: ['requires_otp'] },
    );
    await emit(ctx, 'unbindings', updated);
    return updated ?? row;
  }
  const f = failureFromResponse(res.body.responseCode, 'UPSTREAM_REJECTED', res.body.responseMessage);
  const failed = await move(ctx, row, 'failed', { failure: f, nextCheckAt: null });
  // A blocked OTP blocks the account at the bank; the inquiry tells us.
  await checkInstruments(ctx, instrument);
  return failed;
}

/** Unbinding has no status API: the inquiry's list of tokens tells whether the token is gone. */
export async function checkUnbinding(ctx: FlowContext, row: UnbindingRow): Promise<UnbindingRow> {
  const instrument = await ctx.store.get('instruments', row.instrumentId);
  if (!instrument) return row;
  const accounts = await checkInstruments(ctx, instrument);
  if (accounts === null) return schedule(ctx, row);
  const stillBound = accounts.some((a) => a.accountToken === instrument.accountToken);
  if (!stillBound) return succeedUnbinding(ctx, row, instrument, row.referenceNo);
  if (row.status === 'requires_otp') return schedule(ctx, row);
  return move(ctx, row, 'failed', {
    failure: { code: 'UPSTREAM_REJECTED', message: ERROR_MESSAGES.UPSTREAM_REJECTED },
    nextCheckAt: null,
  });
}

async function checkInstruments(ctx: FlowContext, instrument: InstrumentRow) {
  const res = await ctx.client.call<BindingInquiryResponse>(
    'bindingInquiry',
    { merchantId: ctx.merchantId, publicUserId: instrument.publicUserId },
    { externalId: newReference() },
  );
  if (res.kind !== 'response' || res.code?.case !== 'success' || !res.body.additionalInfo) return null;
  const accounts = res.body.additionalInfo.accounts ?? [];
  await syncInstruments(ctx, instrument.publicUserId, accounts);
  return accounts;
}

export async function succeedUnbinding(
  ctx: FlowContext,
  row: UnbindingRow,
  instrument: InstrumentRow,
  referenceNo: string | null,
) {
  const result = await ctx.store.transaction(async (tx) => {
    const unbinding = await ctx.store.update(
      'unbindings',
      row.id,
      { referenceNo, nextCheckAt: null },
      { to: 'succeeded' },
      tx,
    );
    const ins = await ctx.store.update(
      'instruments',
      instrument.id,
      { isDefault: false },
      { to: 'unbound' },
      tx,
    );
    return { unbinding, ins };
  });
  ctx.client.forgetCustomer(instrument.authCode);
  await emit(ctx, 'instruments', result.ins);
  await emit(ctx, 'unbindings', result.unbinding);
  return result.unbinding ?? (await ctx.store.get('unbindings', row.id)) ?? row;
}

async function move(
  ctx: FlowContext,
  row: UnbindingRow,
  to: UnbindingRow['status'],
  patch: Partial<UnbindingRow>,
) {
  const updated = await ctx.store.update('unbindings', row.id, patch, { to });
  if (updated) {
    await emit(ctx, 'unbindings', updated);
    return updated;
  }
  return (await ctx.store.get('unbindings', row.id)) ?? row;
}

async function schedule(ctx: FlowContext, row: UnbindingRow): Promise<UnbindingRow> {
  const attempts = row.checkAttempts + 1;
  return (
    (await ctx.store.update(
      'unbindings',
      row.id,
      { checkAttempts: attempts, nextCheckAt: nextCheck(ctx, attempts) },
      { ifStatus: ['created', 'requires_otp'] },
    )) ?? row
  );
}
