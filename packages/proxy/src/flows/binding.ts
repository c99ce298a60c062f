import {
  AyoError,
  BANKS,
  type CreateBindingRequest,
  ERROR_MESSAGES,
  type Failure,
  getBank,
  normalizePhoneNumber,
  rebindingBlockedFor,
} from '@ayokit/core';
import type {
  BindingInquiryResponse,
  BindingRequest,
  BindingResponse,
  InquiryBinding,
} from '@ayokit/core/snap';
import type { FlowContext } from '../context';
import { newId, newReference } from '../ids';
import type { BindingRow, InstrumentRow } from '../store/rows';
import {
  emit,
  failure,
  idempotent,
  isUnknownOutcome,
  scheduleRow,
  syncInstruments,
  upstreamUnavailable,
} from './shared';

export interface AyoUser {
  /** The merchant's id of the signed-in shopper. */
  id: string;
  /** Indonesian mobile number, used for the bank binding unless the browser sends one. */
  phoneNumber?: string;
  /** Shown on the card gateway's page when given (generate-webview's `customer`). */
  name?: string;
  /** Given to the card gateway when known (generate-webview's `customer`). */
  email?: string;
}

/** How long a binding whose upstream call never answered is kept before it is failed. */
const ORPHAN_BINDING_MS = 10 * 60_000;

export async function activeInstrumentsWithBank(ctx: FlowContext, userId: string, bankCode: string) {
  const rows = await ctx.store.list('instruments', { userId, bankCode });
  return rows.filter((r) => r.status !== 'unbound' && r.type === 'bank_account');
}

export async function startBinding(
  ctx: FlowContext,
  user: AyoUser,
  input: CreateBindingRequest,
  key: string,
): Promise<BindingRow> {
  if (input.bankCode) {
    const bank = getBank(input.bankCode);
    const held = await activeInstrumentsWithBank(ctx, user.id, bank.code);
    if (rebindingBlockedFor(bank, held.length)) {
      throw new AyoError(
        'REBINDING_NOT_ALLOWED',
        `${bank.shortName} allows one bound account per user: pay with the account already bound, or unbind it first.`,
      );
    }
  }
  const phone = input.phoneNumber ?? user.phoneNumber;
  if (!phone) {
    throw new AyoError(
      'INVALID_REQUEST',
      'phoneNumber is required: the bank binds the account to a mobile number.',
      {
        issues: [{ path: 'phoneNumber', message: 'required' }],
      },
    );
  }
  const at = new Date(ctx.now());
  const id = newId('binding');
  const { row } = await idempotent(
    ctx,
    { table: 'bindings', userId: user.id, key, scope: 'binding', body: input, newId: id },
    (tx) =>
      ctx.store.insert(
        'bindings',
        {
          id,
          userId: user.id,
          bankCode: input.bankCode ?? null,
          status: 'in_progress',
          partnerReferenceNo: newReference(),
          externalId: newReference(),
          referenceNo: null,
          publicUserId: null,
          webviewUrl: null,
          returnUrl: input.returnUrl ?? null,
          locale: input.locale ?? 'id',
          expiresAt: null,
          instrumentId: null,
          failure: null,
          nextCheckAt: new Date(at.getTime() + ORPHAN_BINDING_MS),
          checkAttempts: 0,
          createdAt: at,
          updatedAt: at,
        },
        tx,
      ),
  );
  if (row.webviewUrl || row.status !== 'in_progress') return row;
  return requestWebview(ctx, row, normalizePhoneNumber(phone));
}

/** Asks Ayoconnect for the bank's page. A retry after an unknown answer starts a fresh session. */
async function requestWebview(ctx: FlowContext, row: BindingRow, phoneNo: string): Promise<BindingRow> {
  const attempt = row.referenceNo === null && row.checkAttempts > 0;
  if (attempt) {
    row =
      (await ctx.store.update(
        'bindings',
        row.id,
        { partnerReferenceNo: newReference(), externalId: newReference() },
        { ifStatus: ['in_progress'] },
      )) ?? row;
  }
  const returnTo = new URL(row.returnUrl ?? ctx.defaultReturnUrl);
  returnTo.searchParams.set('ayokitBinding', row.id);
  const body: BindingRequest = {
    partnerReferenceNo: row.partnerReferenceNo,
    phoneNo,
    merchantId: ctx.merchantId,
    custIdMerchant: row.userId,
    lang: row.locale === 'en' ? 'EN' : 'ID',
    successRedirectUrl: returnTo.toString(),
    failedRedirectUrl: returnTo.toString(),
    ...(row.bankCode ? { bankCode: row.bankCode } : {}),
  };
  const res = await ctx.client.call<BindingResponse>('binding', body, { externalId: row.externalId });
  if (isUnknownOutcome(res)) {
    await ctx.store.update(
      'bindings',
      row.id,
      { checkAttempts: row.checkAttempts + 1 },
      { ifStatus: ['in_progress'] },
    );
    throw upstreamUnavailable(res);
  }
  if (res.kind !== 'response') throw upstreamUnavailable(res);
  if (res.code?.case !== 'success' || !res.body.redirectUrl || !res.body.additionalInfo?.publicUserId) {
    const failed = await ctx.store.update(
      'bindings',
      row.id,
      {
        failure: failure('UPSTREAM_REJECTED', res.body.responseMessage, res.body.responseCode),
        nextCheckAt: null,
      },
      { to: 'failed' },
    );
    await emit(ctx, 'bindings', failed);
    return failed ?? row;
  }
  const expiresAt = res.body.additionalInfo.sessionExpiresAt
    ? new Date(res.body.additionalInfo.sessionExpiresAt)
    : null;
  const updated = await ctx.store.update(
    'bindings',
    row.id,
    {
      webviewUrl: res.body.redirectUrl,
      publicUserId: res.body.additionalInfo.publicUserId,
      referenceNo: res.body.referenceNo ?? null,
      expiresAt,
      checkAttempts: 0,
      nextCheckAt: new Date((expiresAt?.getTime() ?? ctx.now()) + ctx.timing.callbackGraceMs),
    },
    { ifStatus: ['in_progress'] },
  );
  await emit(ctx, 'bindings', updated);
  return updated ?? row;
}

export function bindingFailure(reason: string | undefined, responseCode?: string): Failure {
  const r = (reason ?? '').trim();
  if (/session expired/i.test(r))
    return failure('SESSION_EXPIRED', 'The bank page expired before the binding was finished.', responseCode);
  if (/card expired/i.test(r)) return failure('CARD_EXPIRED', ERROR_MESSAGES.CARD_EXPIRED, responseCode);
  if (/otp/i.test(r)) return failure('OTP_BLOCKED', ERROR_MESSAGES.OTP_BLOCKED, responseCode);
  if (r && BANKS.some((b) => b.rebindingRefusal && b.rebindingRefusal.toLowerCase() === r.toLowerCase())) {
    return failure(
      'BINDING_REFUSED',
      `The bank refused to bind this account again ("${r}"): pay with the account already bound, or unbind it first.`,
      responseCode,
    );
  }
  return failure(
    'BINDING_FAILED',
    r ? `The bank did not bind the account (${r}).` : 'The bank did not bind the account.',
    responseCode,
  );
}

/**
 * Asks the inquiry API how the binding stands and applies it: the one way a binding's state
 * changes after the webview, whether a callback, the reconciler or a status read asked.
 */
export async function refreshBinding(ctx: FlowContext, row: BindingRow): Promise<BindingRow> {
  if (row.status === 'succeeded' || row.status === 'failed') return row;
  if (!row.publicUserId) {
    // The binding request itself never got an answer: the shopper never saw a bank page.
    if (ctx.now() - row.createdAt.getTime() < ORPHAN_BINDING_MS) return row;
    const failed = await ctx.store.update(
      'bindings',
      row.id,
      { failure: failure('UPSTREAM_UNAVAILABLE', ERROR_MESSAGES.UPSTREAM_UNAVAILABLE), nextCheckAt: null },
      { to: 'failed' },
    );
    await emit(ctx, 'bindings', failed);
    return failed ?? row;
  }
  const res = await ctx.client.call<BindingInquiryResponse>(
    'bindingInquiry',
    { merchantId: ctx.merchantId, publicUserId: row.publicUserId },
    { externalId: newReference() },
  );
  if (res.kind !== 'response' || res.code?.case !== 'success' || !res.body.additionalInfo) {
    return scheduleRecheck(ctx, row);
  }
  const info = res.body.additionalInfo;
  await syncInstruments(ctx, row.publicUserId, info.accounts ?? []);
  const session = (info.bindings ?? []).find((b) => b.partnerReferenceNo === row.partnerReferenceNo);
  if (!session) return scheduleRecheck(ctx, row);
  return applyBindingStatus(ctx, row, session, info.accounts ?? []);
}

export async function applyBindingStatus(
  ctx: FlowContext,
  row: BindingRow,
  session: InquiryBinding,
  accounts: NonNullable<BindingInquiryResponse['additionalInfo']>['accounts'],
): Promise<BindingRow> {
  switch (session.latestBindingStatus) {
    case 'IN_PROGRESS':
      return scheduleRecheck(
        ctx,
        row,
        row.bankCode === null && session.bankCode ? { bankCode: session.bankCode } : {},
      );
    case 'VERIFICATION_PENDING': {
      const updated = await ctx.store.update(
        'bindings',
        row.id,
        { bankCode: session.bankCode ?? row.bankCode },
        { to: 'verification_pending' },
      );
      await emit(ctx, 'bindings', updated);
      return scheduleRecheck(ctx, updated ?? row);
    }
    case 'SUCCESS': {
      const account =
        accounts.find((a) => a.bindingPartnerReferenceNo === row.partnerReferenceNo) ??
        accounts.find((a) => a.accountToken === session.accountToken);
      if (!account) return scheduleRecheck(ctx, row);
      return succeedBinding(ctx, row, account);
    }
    case 'FAIL': {
      const failed = await ctx.store.update(
        'bindings',
        row.id,
        {
          failure: bindingFailure(session.failureReason),
          bankCode: session.bankCode ?? row.bankCode,
          nextCheckAt: null,
        },
        { to: 'failed' },
      );
      await emit(ctx, 'bindings', failed);
      return failed ?? (await ctx.store.get('bindings', row.id)) ?? row;
    }
    case 'UNBINDED':
      return row;
  }
}

async function succeedBinding(
  ctx: FlowContext,
  row: BindingRow,
  account: NonNullable<BindingInquiryResponse['additionalInfo']>['accounts'][number],
): Promise<BindingRow> {
  const at = new Date(ctx.now());
  const result = await ctx.store.transaction(async (tx) => {
    // The callback, a status read and the reconciler may all learn of the success at once: one
    // at a time per binding, so the second sees the first's instrument instead of inserting it twice.
    await tx.query('SELECT id FROM bindings WHERE id = $1 FOR UPDATE', [row.id]);
    const [existing] = await tx.query<{ id: string }>('SELECT id FROM instruments WHERE account_token = $1', [
      account.accountToken,
    ]);
    let instrument: InstrumentRow | null = null;
    if (!existing) {
      const [{ n }] = (await tx.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM instruments WHERE user_id = $1 AND status <> 'unbound'",
        [row.userId],
      )) as [{ n: number }];
      instrument = await ctx.store.insert(
        'instruments',
        {
          id: newId('instrument'),
          type: 'bank_account',
          userId: row.userId,
          bindingId: row.id,
          bankCode: account.bankCode,
          publicUserId: row.publicUserId!,
          accountToken: account.accountToken,
          authCode: account.authCode,
          maskedNumber: account.maskedAccountNo,
          status: 'active',
          tokenExpiresAt: account.tokenEndDate ? new Date(account.tokenEndDate) : null,
          isDefault: n === 0,
          createdAt: at,
          updatedAt: at,
        },
        tx,
      );
    }
    const binding = await ctx.store.update(
      'bindings',
      row.id,
      { instrumentId: instrument?.id ?? existing!.id, bankCode: account.bankCode, nextCheckAt: null },
      { to: 'succeeded' },
      tx,
    );
    return { instrument, binding };
  });
  await emit(ctx, 'instruments', result.instrument);
  await emit(ctx, 'bindings', result.binding);
  return result.binding ?? (await ctx.store.get('bindings', row.id)) ?? row;
}

const scheduleRecheck = (ctx: FlowContext, row: BindingRow, patch: Partial<BindingRow> = {}) =>
  scheduleRow(ctx, 'bindings', row, patch);
