import {
  AyoError,
  BANKS,
  type BankCode,
  type CreateBindingRequest,
  ERROR_MESSAGES,
  type Failure,
  getBank,
  normalizePhoneNumber,
  rebindingBlockedFor,
} from '@ayokit/core';
import {
  type BindingInquiryRequest,
  type BindingRequest,
  type InquiryAccount,
  type SnapBindingStatus,
  writeField,
} from '@ayokit/core/snap';
import type { FlowContext } from '../context';
import { newId, newReference } from '../ids';
import type { BindingRow, InstrumentRow } from '../store/rows';
import {
  emit,
  failure,
  idempotent,
  isAccepted,
  isUnknownOutcome,
  readAccount,
  readBindingStatus,
  readString,
  scheduleRow,
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
  // phoneNo is optional in the reference; sent when known.
  const phone = input.phoneNumber ?? user.phoneNumber;
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
  return requestWebview(ctx, row, phone ? normalizePhoneNumber(phone) : undefined);
}

/**
 * The binding request as the reference gives it: partnerReferenceNo, lang, phoneNo (optional),
 * merchantId, additionalData, additionalInfo. Where the bank code, the return URLs and our id of
 * the user go inside them is the profile's (`dd.binding*Field(s)`).
 */
export function bindingRequest(
  ctx: FlowContext,
  row: BindingRow,
  phoneNo: string | undefined,
): BindingRequest {
  const returnTo = new URL(row.returnUrl ?? ctx.defaultReturnUrl);
  returnTo.searchParams.set('ayokitBinding', row.id);
  const body: BindingRequest = {
    partnerReferenceNo: row.partnerReferenceNo,
    lang: row.locale === 'en' ? 'EN' : 'ID',
    ...(phoneNo ? { phoneNo } : {}),
    merchantId: ctx.merchantId,
    additionalData: {},
  };
  const fields = ctx.profile.dd;
  const target = body as unknown as Record<string, unknown>;
  if (fields.bindingCustomerIdField) writeField(target, fields.bindingCustomerIdField, row.userId);
  if (fields.bindingBankCodeField && row.bankCode)
    writeField(target, fields.bindingBankCodeField, row.bankCode);
  const { success, failed } = fields.bindingRedirectFields;
  if (success) writeField(target, success, returnTo.toString());
  if (failed) writeField(target, failed, returnTo.toString());
  return body;
}

/**
 * Asks Ayoconnect for the bank's page. A retry after an unknown answer sends the very same request
 * with the same X-EXTERNAL-ID: the bank answers it once, and a replay gets that answer back.
 */
async function requestWebview(
  ctx: FlowContext,
  row: BindingRow,
  phoneNo: string | undefined,
): Promise<BindingRow> {
  const res = await ctx.client.call('binding', bindingRequest(ctx, row, phoneNo), {
    externalId: row.externalId,
  });
  // No answer, or accepted without a page we can read: the shopper cannot go on now; the
  // reconciler's inquiry tells the rest.
  const retryLater = async (): Promise<never> => {
    await ctx.store.update(
      'bindings',
      row.id,
      { checkAttempts: row.checkAttempts + 1 },
      { ifStatus: ['in_progress'] },
    );
    throw upstreamUnavailable(res);
  };
  if (isUnknownOutcome(res)) return retryLater();
  if (res.kind !== 'response') throw upstreamUnavailable(res);
  const fields = ctx.profile.dd.responseFields;
  const webviewUrl = readString(res.body, fields.bindingWebviewUrl);
  if (isAccepted(res) && !webviewUrl) return retryLater();
  if (!isAccepted(res) || !webviewUrl) {
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
  const sessionEnd = Date.parse(
    readString(res.body, ['additionalInfo.sessionExpiresAt', 'sessionExpiresAt']) ?? '',
  );
  const expiresAt = Number.isFinite(sessionEnd) ? new Date(sessionEnd) : null;
  const updated = await ctx.store.update(
    'bindings',
    row.id,
    {
      webviewUrl,
      publicUserId: readString(res.body, fields.bindingPublicUserId) ?? null,
      referenceNo: readString(res.body, fields.referenceNo) ?? null,
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

/** What the bank says of one binding: the inquiry's answer, or a verified callback. */
export interface BindingFacts {
  status: SnapBindingStatus;
  publicUserId: string | null;
  bankCode: BankCode | null;
  failureReason?: string | undefined;
  /** The bound account, when the answer names one in full. */
  account: InquiryAccount | null;
}

/** Reads a binding's facts from an inquiry answer or a binding callback (lenient: any missing field is null). */
export function readBindingFacts(
  ctx: FlowContext,
  body: unknown,
  binding: { externalId: string },
): BindingFacts | null {
  const fields = ctx.profile.dd.responseFields;
  const status = readBindingStatus(body, fields.bindingStatus);
  if (!status) return null;
  const bankCode = readString(body, fields.bankCode);
  return {
    status,
    publicUserId: readString(body, fields.bindingPublicUserId) ?? null,
    bankCode: bankCode && BANKS.some((b) => b.code === bankCode) ? (bankCode as BankCode) : null,
    failureReason: readString(body, fields.failureReason),
    account: readAccount(ctx, body, binding),
  };
}

/**
 * Asks the inquiry API how the binding stands (its partnerReferenceNo, with its X-EXTERNAL-ID)
 * and applies it: the one way a binding's state changes after the webview, whether a callback,
 * the reconciler or a status read asked.
 */
export async function refreshBinding(ctx: FlowContext, row: BindingRow): Promise<BindingRow> {
  if (row.status === 'succeeded' || row.status === 'failed') return row;
  if (!row.webviewUrl) {
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
  const facts = await inquireBinding(ctx, row);
  if (!facts) return scheduleRecheck(ctx, row);
  return applyBindingStatus(ctx, row, facts);
}

/** The inquiry of one binding; null when there is no answer we can read. */
export async function inquireBinding(
  ctx: FlowContext,
  binding: Pick<BindingRow, 'partnerReferenceNo' | 'externalId'>,
): Promise<BindingFacts | null> {
  const body: BindingInquiryRequest = { partnerReferenceNo: binding.partnerReferenceNo, additionalInfo: {} };
  const res = await ctx.client.call('bindingInquiry', body, { externalId: binding.externalId });
  if (res.kind !== 'response' || res.code?.case !== 'success') return null;
  return readBindingFacts(ctx, res.body, binding);
}

export async function applyBindingStatus(
  ctx: FlowContext,
  row: BindingRow,
  facts: BindingFacts,
): Promise<BindingRow> {
  const known = {
    ...(row.publicUserId === null && facts.publicUserId ? { publicUserId: facts.publicUserId } : {}),
  };
  switch (facts.status) {
    case 'IN_PROGRESS':
      return scheduleRecheck(ctx, row, {
        ...known,
        ...(row.bankCode === null && facts.bankCode ? { bankCode: facts.bankCode } : {}),
      });
    case 'VERIFICATION_PENDING': {
      const updated = await ctx.store.update(
        'bindings',
        row.id,
        { ...known, bankCode: facts.bankCode ?? row.bankCode },
        { to: 'verification_pending' },
      );
      await emit(ctx, 'bindings', updated);
      return scheduleRecheck(ctx, updated ?? row);
    }
    case 'SUCCESS': {
      const publicUserId = facts.publicUserId ?? row.publicUserId;
      // A success we cannot act on (no token or user in the answer) is asked about again, never failed.
      if (!facts.account || !publicUserId) return scheduleRecheck(ctx, row, known);
      return succeedBinding(ctx, { ...row, publicUserId }, facts.account);
    }
    case 'FAIL': {
      const failed = await ctx.store.update(
        'bindings',
        row.id,
        {
          failure: bindingFailure(facts.failureReason),
          bankCode: facts.bankCode ?? row.bankCode,
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
  row: BindingRow & { publicUserId: string },
  account: InquiryAccount,
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
          publicUserId: row.publicUserId,
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
      {
        instrumentId: instrument?.id ?? existing!.id,
        bankCode: account.bankCode,
        publicUserId: row.publicUserId,
        nextCheckAt: null,
      },
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
