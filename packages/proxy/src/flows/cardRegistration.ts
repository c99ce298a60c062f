import {
  AyoError,
  CARD_BRAND_IDS,
  type CardBrandId,
  type CreateCardRegistrationRequest,
  ERROR_MESSAGES,
  type Failure,
  type InstrumentStatus,
} from '@ayokit/core';
import {
  CARD_ADDITIONAL_INFO,
  type CardCustomer,
  type CardListRequest,
  type CardListResponse,
  type CardRecord,
  type CardRegistrationRequest,
  type CardRegistrationResponse,
  sha256Hex,
} from '@ayokit/core/snap';
import { readCardDate, readCardRecords } from '../card/read';
import type { FlowContext } from '../context';
import { newId, newReference } from '../ids';
import type { CardRegistrationRow, CardRow } from '../store/rows';
import type { AyoUser } from './binding';
import {
  emit,
  failure,
  idempotent,
  moveRow,
  readString,
  scheduleRow,
  setInstrumentStatus,
  usableString,
} from './shared';

/** A registration whose page the gateway never gave us is failed after this long. */
const ORPHAN_REGISTRATION_MS = 10 * 60_000;
/** Still PENDING this long after the page expired: the gateway lost it; we call it expired. */
const SESSION_SLACK_MS = 5 * 60_000;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * The gateway's customerId for one of the merchant's users: 6–16 characters [ref: create-charge].
 * A user id of 6–16 letters and digits is used as it is; any other becomes 16 base-62 characters
 * of its SHA-256 (95 bits), the same for the same user every time (cards are listed per customer).
 */
export async function cardCustomerIdOf(userId: string): Promise<string> {
  if (/^[A-Za-z0-9]{6,16}$/.test(userId)) return userId;
  let n = BigInt(`0x${await sha256Hex(`ayokit:card-customer:${userId}`)}`);
  let out = '';
  for (let i = 0; i < 16; i++) {
    out += BASE62[Number(n % 62n)];
    n /= 62n;
  }
  return out;
}

/**
 * Card registration: the gateway's page takes the card (number, CVV, 3-D Secure) and tokenises
 * it; the result comes by a `card_registration` callback, or from the card list (GET-like, safe
 * to ask any time). The card number never passes through the proxy.
 */
export async function startCardRegistration(
  ctx: FlowContext,
  user: AyoUser,
  input: CreateCardRegistrationRequest,
  key: string,
): Promise<CardRegistrationRow> {
  const at = new Date(ctx.now());
  const id = newId('cardRegistration');
  const customerId = await cardCustomerIdOf(user.id);
  const { row } = await idempotent(
    ctx,
    { table: 'card_registrations', userId: user.id, key, scope: 'card_registration', body: input, newId: id },
    (tx) =>
      ctx.store.insert(
        'card_registrations',
        {
          id,
          userId: user.id,
          status: 'in_progress',
          customerId,
          correlationId: newReference(),
          referenceNo: null,
          webviewUrl: null,
          returnUrl: input.returnUrl ?? null,
          locale: input.locale ?? 'id',
          expiresAt: null,
          instrumentId: null,
          failure: null,
          nextCheckAt: new Date(at.getTime() + ORPHAN_REGISTRATION_MS),
          checkAttempts: 0,
          createdAt: at,
          updatedAt: at,
        },
        tx,
      ),
  );
  if (row.webviewUrl || row.status !== 'in_progress') return row;
  return requestWebview(ctx, row, user);
}

/**
 * Generate Webview: the reference's required 1–32 string (the registration's correlation id, one
 * per flow), the `customer` (our customerId, name and email when known), both redirect URLs and
 * the page's language in `additionalInfo`. Asking again after a lost answer opens a fresh page;
 * the old one expires unused.
 */
async function requestWebview(
  ctx: FlowContext,
  row: CardRegistrationRow,
  user: AyoUser,
): Promise<CardRegistrationRow> {
  const returnTo = new URL(row.returnUrl ?? ctx.defaultReturnUrl);
  returnTo.searchParams.set('ayokitCardRegistration', row.id);
  const customer: CardCustomer = {
    id: row.customerId,
    ...(user.name ? { name: user.name.slice(0, 100) } : {}),
    ...(user.email ? { email: user.email.slice(0, 100) } : {}),
  };
  const body: CardRegistrationRequest = {
    partnerReferenceNo: row.correlationId,
    customer,
    successRedirectUrl: returnTo.toString(),
    failedRedirectUrl: returnTo.toString(),
    additionalInfo: { [CARD_ADDITIONAL_INFO.lang]: row.locale === 'en' ? 'EN' : 'ID' },
  };
  const res = await ctx.card.call<CardRegistrationResponse>('registration', body, {
    correlationId: row.correlationId,
  });
  if (res.kind !== 'response' || res.httpStatus >= 500 || !res.code) {
    throw new AyoError(
      'UPSTREAM_UNAVAILABLE',
      undefined,
      res.kind === 'response' ? { responseCode: res.body.responseCode } : {},
    );
  }
  // Read leniently, through the profile: the reference names none of these fields.
  const fields = ctx.profile.card.responseFields;
  const webviewUrl = readString(res.body, fields.registrationWebviewUrl);
  const referenceNo = readString(res.body, fields.registrationReferenceNo);
  const sessionExpiresAt = readCardDate(res.body, fields.registrationSessionExpiresAt, ctx.log);
  if (res.code.case !== 'success' || !webviewUrl || !referenceNo || !/^https?:\/\//.test(webviewUrl)) {
    return moveRow(ctx, 'card_registrations', row, 'failed', {
      failure: failure(
        'UPSTREAM_REJECTED',
        usableString(res.body.responseMessage) ?? ERROR_MESSAGES.UPSTREAM_REJECTED,
        res.body.responseCode,
      ),
      nextCheckAt: null,
    });
  }
  const expiresAt = sessionExpiresAt ? new Date(sessionExpiresAt) : null;
  const updated = await ctx.store.update(
    'card_registrations',
    row.id,
    {
      webviewUrl,
      referenceNo,
      expiresAt,
      checkAttempts: 0,
      nextCheckAt: new Date((expiresAt?.getTime() ?? ctx.now()) + ctx.timing.callbackGraceMs),
    },
    { ifStatus: ['in_progress'] },
  );
  await emit(ctx, 'card_registrations', updated);
  return updated ?? row;
}

/** The card list, for this registration: the one way its state is confirmed without a trusted callback. */
export async function refreshCardRegistration(
  ctx: FlowContext,
  row: CardRegistrationRow,
): Promise<CardRegistrationRow> {
  if (row.status !== 'in_progress') return row;
  if (!row.referenceNo) {
    if (ctx.now() - row.createdAt.getTime() < ORPHAN_REGISTRATION_MS) return row;
    return moveRow(ctx, 'card_registrations', row, 'failed', {
      failure: failure('UPSTREAM_UNAVAILABLE', ERROR_MESSAGES.UPSTREAM_UNAVAILABLE),
      nextCheckAt: null,
    });
  }
  const body: CardListRequest = { customerId: row.customerId, referenceNo: row.referenceNo };
  const res = await ctx.card.call<CardListResponse>('cards', body, { correlationId: row.correlationId });
  if (res.kind !== 'response' || res.code?.case !== 'success') {
    return scheduleRow(ctx, 'card_registrations', row);
  }
  const record = readCardRecords(ctx.profile.card.responseFields, res.body).find(
    (c) => c.referenceNo === row.referenceNo,
  );
  if (!record) return pendingOrExpired(ctx, row);
  return applyCardRecord(ctx, row, record);
}

export async function applyCardRecord(
  ctx: FlowContext,
  row: CardRegistrationRow,
  record: Partial<CardRecord>,
): Promise<CardRegistrationRow> {
  switch (record.registrationStatus) {
    case 'SUCCESS':
      return succeed(ctx, row, record);
    case 'FAILED':
      return moveRow(ctx, 'card_registrations', row, 'failed', {
        failure: registrationFailure(record.failureReason),
        nextCheckAt: null,
      });
    case 'UNBINDED':
      // Registered, then unbound at the gateway before we heard of it: no card to save (an
      // active card that cannot be charged would be worse than none).
      return moveRow(ctx, 'card_registrations', row, 'failed', {
        failure: failure(
          'INSTRUMENT_NOT_ACTIVE',
          'The card was removed at the card gateway before it was saved. Add it again.',
        ),
        nextCheckAt: null,
      });
    default:
      return pendingOrExpired(ctx, row);
  }
}

async function pendingOrExpired(ctx: FlowContext, row: CardRegistrationRow): Promise<CardRegistrationRow> {
  if (row.expiresAt && ctx.now() > row.expiresAt.getTime() + SESSION_SLACK_MS) {
    return moveRow(ctx, 'card_registrations', row, 'failed', {
      failure: registrationFailure('session expired'),
      nextCheckAt: null,
    });
  }
  return scheduleRow(ctx, 'card_registrations', row);
}

export function registrationFailure(reason: string | undefined): Failure {
  const r = (reason ?? '').trim();
  if (/session|timed? ?out|expired session/i.test(r) && !/card/i.test(r)) {
    return failure('SESSION_EXPIRED', 'The card page expired before the card was registered.');
  }
  if (/3-?d|secure|authenticat/i.test(r)) {
    return failure('AUTHENTICATION_FAILED', 'The card issuer did not confirm the card (3-D Secure).');
  }
  if (/card expired|expired card/i.test(r)) return failure('CARD_EXPIRED', ERROR_MESSAGES.CARD_EXPIRED);
  if (/expired/i.test(r))
    return failure('SESSION_EXPIRED', 'The card page expired before the card was registered.');
  return failure(
    'PAYMENT_DECLINED',
    r ? `The card could not be registered (${r}).` : 'The card could not be registered.',
  );
}

/** The last moment a card works: the end of its expiry month (UTC). */
export function cardExpiresAt(month: number, year: number): Date {
  return new Date(Date.UTC(year, month, 1) - 1);
}

function parseExpiry(record: Partial<CardRecord>): { month: number; year: number } {
  const month = Number(record.expiryMonth);
  let year = Number(record.expiryYear);
  if (year < 100) year += 2000;
  return { month: month >= 1 && month <= 12 ? month : 12, year: Number.isFinite(year) ? year : 2099 };
}

function brandOf(record: Partial<CardRecord>): CardBrandId {
  const brand = (record.brand ?? '').toLowerCase();
  return (CARD_BRAND_IDS as readonly string[]).includes(brand) ? (brand as CardBrandId) : 'visa';
}

async function succeed(
  ctx: FlowContext,
  row: CardRegistrationRow,
  record: Partial<CardRecord>,
): Promise<CardRegistrationRow> {
  const token = record.cardToken;
  if (!token) return scheduleRow(ctx, 'card_registrations', row);
  const at = new Date(ctx.now());
  const { month, year } = parseExpiry(record);
  const last4 = (record.maskedCardNumber ?? '').replace(/\D/g, '').slice(-4).padStart(4, '0');
  const result = await ctx.store.transaction(async (tx) => {
    // One at a time per registration (callback, status read, reconciler): see succeedBinding.
    await tx.query('SELECT id FROM card_registrations WHERE id = $1 FOR UPDATE', [row.id]);
    const [existing] = await tx.query<{ id: string }>('SELECT id FROM instruments WHERE card_token = $1', [
      token,
    ]);
    let instrument: CardRow | null = null;
    if (!existing) {
      const [{ n }] = (await tx.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM instruments WHERE user_id = $1 AND status <> 'unbound'",
        [row.userId],
      )) as [{ n: number }];
      const expiresAt = cardExpiresAt(month, year);
      instrument = (await ctx.store.insert(
        'instruments',
        {
          id: newId('instrument'),
          type: 'card',
          userId: row.userId,
          cardRegistrationId: row.id,
          cardCustomerId: row.customerId,
          cardToken: token,
          cardBrand: brandOf(record),
          cardLast4: last4,
          cardExpiryMonth: month,
          cardExpiryYear: year,
          maskedNumber: `•••• ${last4}`,
          status: at > expiresAt ? 'expired' : 'active',
          tokenExpiresAt: expiresAt,
          isDefault: n === 0,
          createdAt: at,
          updatedAt: at,
        },
        tx,
      )) as CardRow;
    }
    const registration = await ctx.store.update(
      'card_registrations',
      row.id,
      { instrumentId: instrument?.id ?? existing!.id, nextCheckAt: null },
      { to: 'succeeded' },
      tx,
    );
    return { instrument, registration };
  });
  await emit(ctx, 'instruments', result.instrument);
  await emit(ctx, 'card_registrations', result.registration);
  return result.registration ?? (await ctx.store.get('card_registrations', row.id)) ?? row;
}

/** A card past the end of its expiry month is expired (told to the browser once). */
export async function expireCardIfPast(ctx: FlowContext, card: CardRow): Promise<InstrumentStatus> {
  if (card.status === 'active' && card.tokenExpiresAt && ctx.now() > card.tokenExpiresAt.getTime()) {
    await setInstrumentStatus(ctx, card, 'expired');
    return 'expired';
  }
  return card.status;
}
