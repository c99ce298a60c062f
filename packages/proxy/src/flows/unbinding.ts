import { AyoError, ERROR_MESSAGES } from '@ayokit/core';
import {
  type BindingInquiryResponse,
  OTP_MAX_ATTEMPTS,
  type UnbindingRequest,
  type UnbindingResponse,
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
  moveRow,
  recordWrongOtp,
  scheduleRow,
  syncInstruments,
  verifyOtp,
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
  const { res, instrument } = await verifyOtp(ctx, row, 'UNBINDING', otp);
  if (res.kind !== 'response') return row;
  if (res.code?.case === 'success') return succeedUnbinding(ctx, row, instrument, row.referenceNo);
  if (res.code?.case === 'invalidOtp') return recordWrongOtp(ctx, 'unbindings', row, res);
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

const move = (
  ctx: FlowContext,
  row: UnbindingRow,
  to: UnbindingRow['status'],
  patch: Partial<UnbindingRow>,
) => moveRow(ctx, 'unbindings', row, to, patch);
const schedule = (ctx: FlowContext, row: UnbindingRow) => scheduleRow(ctx, 'unbindings', row);
