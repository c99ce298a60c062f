import { AyoError, ERROR_MESSAGES, type Failure } from '@ayokit/core';
import type {
  CardListRequest,
  CardListResponse,
  CardUnbindingRequest,
  CardUnbindingResponse,
  UnbindingRequest,
} from '@ayokit/core/snap';
import { type FlowContext, nextCheck } from '../context';
import { newId, newReference } from '../ids';
import type { SnapResult } from '../snap/client';
import { failureFromResponse } from '../snap/failures';
import type { BankAccountRow, CardRow, InstrumentRow, UnbindingRow } from '../store/rows';
import { inquireBinding } from './binding';
import { methodOf } from './methods';
import {
  emit,
  failure,
  idempotent,
  isAccepted,
  isConflict,
  isUnknownOutcome,
  moveRow,
  newOtpChallenge,
  readBindingStatus,
  readBoolean,
  readString,
  recordWrongOtp,
  scheduleRow,
  syncInstrument,
  usableString,
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
  let joined = false;
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
    async (tx) => {
      // One unbinding under way per instrument: another request (a second tab, a double click, a
      // new key) joins it, and the bank hears of it once (one OTP, not one per request). The
      // instrument's lock makes concurrent requests take turns; the key then names the live one.
      await tx.query('SELECT id FROM instruments WHERE id = $1 FOR UPDATE', [instrument.id]);
      const [live] = await tx.query<{ id: string }>(
        "SELECT id FROM unbindings WHERE instrument_id = $1 AND status IN ('created', 'requires_otp') LIMIT 1",
        [instrument.id],
      );
      const existing = live && (await ctx.store.get('unbindings', live.id, tx));
      if (existing) {
        await tx.query('UPDATE idempotency_keys SET resource_id = $1 WHERE user_id = $2 AND key = $3', [
          existing.id,
          instrument.userId,
          key,
        ]);
        joined = true;
        return existing;
      }
      return ctx.store.insert(
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
          otpResendsLeft: null,
          otpResendAvailableAt: null,
          failure: null,
          nextCheckAt: new Date(at.getTime() + ctx.timing.callbackGraceMs),
          checkAttempts: 0,
          createdAt: at,
          updatedAt: at,
        },
        tx,
      );
    },
  );
  // A joined unbinding is sent (or settled) by the request that made it.
  if (joined || row.status !== 'created') return row;
  return methodOf(instrument).unbind(ctx, row, instrument);
}

/** Direct Debit unbinding: the bank may ask for an OTP first (BNI, Danamon). */
export async function sendBankUnbinding(
  ctx: FlowContext,
  row: UnbindingRow,
  instrument: BankAccountRow,
): Promise<UnbindingRow> {
  const body: UnbindingRequest = {
    partnerReferenceNo: row.partnerReferenceNo,
    merchantId: ctx.merchantId,
    additionalInfo: {
      publicUserId: instrument.publicUserId,
      accountToken: instrument.accountToken,
      bankCode: instrument.bankCode,
    },
  };
  const res = await ctx.client.call('unbinding', body, {
    externalId: row.externalId,
    authCode: instrument.authCode,
  });
  return applyUnbindingAnswer(ctx, row, instrument, res);
}

async function applyUnbindingAnswer(
  ctx: FlowContext,
  row: UnbindingRow,
  instrument: BankAccountRow,
  res: SnapResult,
): Promise<UnbindingRow> {
  if (isUnknownOutcome(res) || res.kind !== 'response') return schedule(ctx, row);
  if (isConflict(res)) return checkUnbinding(ctx, row);
  if (!isAccepted(res)) {
    return move(ctx, row, 'failed', {
      failure: failureFromResponse(res.body.responseCode, 'UPSTREAM_REJECTED', res.body.responseMessage),
      nextCheckAt: null,
    });
  }
  const f = ctx.profile.dd.responseFields;
  const referenceNo = readString(res.body, f.referenceNo) ?? null;
  const otpRequired = readBoolean(res.body, f.unbindingOtpRequired);
  const status = readBindingStatus(res.body, f.unbindingStatus);
  if (otpRequired && referenceNo) {
    return move(ctx, row, 'requires_otp', {
      referenceNo,
      ...newOtpChallenge(ctx, readString(res.body, f.otpExpiresAt)),
      nextCheckAt: nextCheck(ctx, 0),
    });
  }
  // UNBINDED = done; SUCCESS = still bound [docs: /docs/direct-debit-unbinding-1]. An answer that
  // says neither clearly is settled by the inquiry of the binding.
  if (status === 'UNBINDED' && !otpRequired) return succeedUnbinding(ctx, row, instrument, referenceNo);
  return schedule(ctx, referenceNo ? { ...row, referenceNo } : row);
}

export async function submitUnbindingOtp(
  ctx: FlowContext,
  row: UnbindingRow,
  otp: string,
): Promise<UnbindingRow> {
  if (row.status === 'succeeded') return row;
  const { res, instrument } = await verifyOtp(ctx, row, 'unbinding', otp);
  if (res.kind !== 'response') return row;
  if (res.code?.case === 'success') return succeedUnbinding(ctx, row, instrument, row.referenceNo);
  // The OTP was taken and the bank is still at it: the inquiry says when the token is gone.
  if (res.code?.case === 'inProgress') return checkUnbinding(ctx, row);
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
  return methodOf(instrument).checkUnbinding(ctx, row, instrument);
}

export async function checkBankUnbinding(
  ctx: FlowContext,
  row: UnbindingRow,
  instrument: BankAccountRow,
): Promise<UnbindingRow> {
  const facts = await checkInstruments(ctx, instrument);
  if (facts === null) return schedule(ctx, row);
  const stillBound = facts.status !== 'UNBINDED' && facts.account?.tokenStatus !== 'NOT FOUND';
  if (!stillBound) return succeedUnbinding(ctx, row, instrument, row.referenceNo);
  if (row.status === 'requires_otp') return schedule(ctx, row);
  return move(ctx, row, 'failed', {
    failure: { code: 'UPSTREAM_REJECTED', message: ERROR_MESSAGES.UPSTREAM_REJECTED },
    nextCheckAt: null,
  });
}

/** The inquiry of the instrument's binding (with the binding's X-EXTERNAL-ID), applied to the instrument. */
async function checkInstruments(ctx: FlowContext, instrument: BankAccountRow) {
  const binding = await ctx.store.get('bindings', instrument.bindingId);
  if (!binding) return null;
  const facts = await inquireBinding(ctx, binding);
  if (!facts) return null;
  await syncInstrument(ctx, instrument, facts);
  return facts;
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
  if (instrument.type === 'bank_account') ctx.client.forgetCustomer(instrument.authCode);
  await emit(ctx, 'instruments', result.ins);
  await emit(ctx, 'unbindings', result.unbinding);
  return result.unbinding ?? (await ctx.store.get('unbindings', row.id)) ?? row;
}

// ---- cards: the gateway disables the token at once, no OTP -----------------------------------

/** X-CORRELATION-ID of a card unbinding: its persisted X-EXTERNAL-ID, one per unbinding. */
export async function sendCardUnbinding(
  ctx: FlowContext,
  row: UnbindingRow,
  card: CardRow,
): Promise<UnbindingRow> {
  const body: CardUnbindingRequest = { customerId: card.cardCustomerId, cardToken: card.cardToken };
  const res = await ctx.card.call<CardUnbindingResponse>('unbinding', body, {
    correlationId: row.externalId,
  });
  if (res.kind !== 'response' || res.httpStatus >= 500 || !res.code) return schedule(ctx, row);
  if (res.code.case === 'success' || res.body.registrationStatus === 'UNBINDED') {
    return succeedUnbinding(ctx, row, card, row.referenceNo);
  }
  const reason = usableString(res.body.responseMessage);
  return checkCardUnbinding(
    ctx,
    row,
    card,
    failure(
      'UPSTREAM_REJECTED',
      reason && `${ERROR_MESSAGES.UPSTREAM_REJECTED} (${reason})`,
      res.body.responseCode,
    ),
  );
}

/** The card list tells whether the token is still usable; a card still there is unbound again. */
export async function checkCardUnbinding(
  ctx: FlowContext,
  row: UnbindingRow,
  card: CardRow,
  refusal?: Failure,
): Promise<UnbindingRow> {
  const res = await ctx.card.call<CardListResponse>(
    'cards',
    { customerId: card.cardCustomerId } satisfies CardListRequest,
    { correlationId: row.externalId },
  );
  if (res.kind !== 'response' || res.code?.case !== 'success') return schedule(ctx, row);
  const record = (res.body.cards ?? []).find((c) => c.cardToken === card.cardToken);
  if (!record || record.registrationStatus === 'UNBINDED') {
    return succeedUnbinding(ctx, row, card, row.referenceNo);
  }
  if (refusal) return move(ctx, row, 'failed', { failure: refusal, nextCheckAt: null });
  return sendCardUnbinding(ctx, row, card);
}

const move = (
  ctx: FlowContext,
  row: UnbindingRow,
  to: UnbindingRow['status'],
  patch: Partial<UnbindingRow>,
) => moveRow(ctx, 'unbindings', row, to, patch);
const schedule = (ctx: FlowContext, row: UnbindingRow) => scheduleRow(ctx, 'unbindings', row);
