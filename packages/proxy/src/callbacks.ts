import { fromSnapAmount } from '@ayokit/core';
import {
  CALLBACK_TYPES,
  type CallbackType,
  type FieldPaths,
  HEADERS,
  sha256Hex,
  verifyCallback,
} from '@ayokit/core/snap';
import { readCallbackCard } from './card/read';
import type { FlowContext } from './context';
import { applyBindingStatus, readBindingFacts, refreshBinding } from './flows/binding';
import { applyCardView, checkCardPayment, viewOf } from './flows/cardPayment';
import { applyCardRecord, refreshCardRegistration } from './flows/cardRegistration';
import { applyTransactionStatus, checkPayment } from './flows/payment';
import { applyRefundStatus, checkRefund } from './flows/refund';
import { readString, usableString } from './flows/shared';
import { checkUnbinding, succeedUnbinding } from './flows/unbinding';
import type { PaymentRow, TableName, Tables } from './store/rows';
import type { Columns } from './store/store';

/** The largest callback body read, in bytes (UTF-8). */
export const MAX_CALLBACK_BYTES = 64 * 1024;

export type CallbackOutcome =
  | { status: 200; body: { received: true; duplicate?: true; ignored?: string } }
  | { status: 400 | 401 | 413; body: { code: 'INVALID_REQUEST' | 'UNAUTHENTICATED'; message: string } };

export const CALLBACK_TOO_LARGE = {
  status: 413,
  body: { code: 'INVALID_REQUEST', message: `Callback body larger than ${MAX_CALLBACK_BYTES} bytes.` },
} as const satisfies CallbackOutcome;

const str = (v: unknown): string | undefined => usableString(v, 256);

/**
 * Ayoconnect's callbacks. Verified (when a secret is set), deduplicated, and then either applied
 * (a verified callback) or confirmed through the inquiry/status API (an unverifiable one, or when
 * `confirmAlways`). Either way a status only moves forward, so a late, replayed or reordered
 * callback changes nothing.
 */
export async function receiveCallback(
  ctx: FlowContext,
  request: { path: string; headers: Headers; body: string },
  options: {
    secret?: string | undefined;
    confirmAlways?: boolean | undefined;
    signatureEncoding?: 'hex' | 'base64' | undefined;
  },
): Promise<CallbackOutcome> {
  if (new TextEncoder().encode(request.body).byteLength > MAX_CALLBACK_BYTES) return CALLBACK_TOO_LARGE;
  let verified = false;
  // `callbackAuth: confirm`: callbacks come unsigned (no DD callback auth is documented) and
  // nothing in them is believed until the status or inquiry API confirms it.
  const confirmOnly = ctx.profile.dd.callbackAuth === 'confirm';
  if (options.secret && !confirmOnly) {
    const signature = request.headers.get(HEADERS.signature);
    const timestamp = request.headers.get(HEADERS.timestamp);
    if (!signature || !timestamp) {
      return {
        status: 401,
        body: { code: 'UNAUTHENTICATED', message: 'Missing X-SIGNATURE or X-TIMESTAMP.' },
      };
    }
    verified = await verifyCallback(
      { path: request.path, body: request.body, timestamp, secret: options.secret },
      signature,
      options.signatureEncoding,
    );
    if (!verified)
      return { status: 401, body: { code: 'UNAUTHENTICATED', message: 'Invalid callback signature.' } };
  }
  let payload: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(request.body);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object');
    payload = parsed as Record<string, unknown>;
  } catch {
    return { status: 400, body: { code: 'INVALID_REQUEST', message: 'Callback body is not a JSON object.' } };
  }
  // What it reports on: its type header, else its responseCode's service (both in the profile).
  const { callbackTypeHeader } = ctx.profile.dd;
  const header = callbackTypeHeader ? request.headers.get(callbackTypeHeader) : null;
  const responseCode = str(payload.responseCode);
  const type =
    header && (CALLBACK_TYPES as readonly string[]).includes(header)
      ? (header as CallbackType)
      : responseCode && /^\d{7}$/.test(responseCode)
        ? await typeOfService(ctx, responseCode.slice(3, 5), payload)
        : undefined;
  if (!type) {
    // Acknowledged all the same: a sender refused again and again disables the endpoint, every
    // callback with it [docs: /docs/callbacks]. The reconciler asks the status APIs meanwhile.
    ctx.log(
      'warn',
      'callback of an unknown type: acknowledged, not applied (see profile dd.callbackServices, card.callbackServices)',
      {
        responseCode: responseCode ?? null,
      },
    );
    return { status: 200, body: { received: true, ignored: 'unknown type' } };
  }

  const dedupeKey = await sha256Hex(`${type}:${request.body}`);
  const trust = verified && !options.confirmAlways && !confirmOnly;
  // The callback is marked seen by the statement that reads the row it is about.
  const seen: Seen = async (lookup, apply) => {
    // No reference: `column = NULL` finds nothing, and the callback is marked all the same.
    const { fresh, row: found } = await ctx.store.markCallbackSeenAndFind(
      dedupeKey,
      type,
      lookup.table,
      lookup.column,
      lookup.value || null,
    );
    if (!fresh) return 'duplicate';
    try {
      const row = found ?? (await lookup.orElse?.()) ?? null;
      return row && (await apply(row)) !== false ? 'applied' : 'unknown';
    } catch (error) {
      // Not applied (what it changes commits whole or not at all): its next try must not be taken
      // for a duplicate.
      await ctx.store.forgetCallback(dedupeKey).catch(() => undefined);
      throw error;
    }
  };
  const outcome = await dispatch(ctx, type, payload, trust, seen);
  if (outcome === 'duplicate') return { status: 200, body: { received: true, duplicate: true } };
  if (outcome === 'unknown') {
    ctx.log('warn', 'callback for an unknown reference', { type });
    return { status: 200, body: { received: true, ignored: 'unknown reference' } };
  }
  return { status: 200, body: { received: true } };
}

/**
 * The row a callback is about: its table, and the column and value that find it (none: no row),
 * and where else to look when that finds none.
 */
type Lookup<T extends TableName> = {
  table: T;
  column: Columns<Tables[T]>;
  value: string | undefined;
  orElse?: () => Promise<Tables[T] | null>;
};

/**
 * Marks the callback seen and reads its row, then applies it; a callback seen before is not
 * applied again. 'unknown': no row of ours, or `apply` found the row not to be the callback's
 * (it answered false).
 */
type Seen = <T extends TableName>(
  lookup: Lookup<T>,
  apply: (row: Tables[T]) => Promise<unknown>,
) => Promise<'applied' | 'unknown' | 'duplicate'>;

/** The table each callback type's row is in. */
type TableOf = {
  binding: 'bindings';
  payment: 'payments';
  refund: 'refunds';
  card_registration: 'card_registrations';
  card_payment: 'payments';
  unbinding: 'unbindings';
};

/**
 * Where a callback of `type` finds its row (read through the profile, leniently), and whether a
 * row found there is one that type reports on: a bank payment's callback is not a card payment's,
 * though both live in `payments`. One home for both the routing and the dispatch.
 */
function lookupOf<K extends CallbackType>(
  ctx: FlowContext,
  type: K,
  p: Record<string, unknown>,
): Lookup<TableOf[K]> & { owns: (row: Tables[TableOf[K]]) => boolean } {
  const cb = ctx.profile.dd.callbackFields;
  const read = (paths: FieldPaths) => readString(p, paths);
  const any = () => true;
  const lookup = (() => {
    switch (type as CallbackType) {
      case 'binding':
        return {
          table: 'bindings',
          column: 'partnerReferenceNo',
          value: read(cb.bindingReference),
          owns: any,
        };
      case 'payment':
        return {
          table: 'payments',
          column: 'partnerReferenceNo',
          value: read(cb.paymentReference),
          owns: (row: PaymentRow) => row.instrumentType === 'bank_account',
        };
      case 'refund':
        return { table: 'refunds', column: 'partnerRefundNo', value: read(cb.refundReference), owns: any };
      case 'card_registration':
        // No card read from it: no reference, no row.
        return {
          table: 'card_registrations',
          column: 'referenceNo',
          value: readCallbackCard(ctx.profile.card.responseFields, p)?.referenceNo,
          owns: any,
        };
      case 'card_payment': {
        const view = viewOf(ctx, p);
        const owns = (row: PaymentRow) => row.instrumentType === 'card';
        // By our reference, else by Ayoconnect's.
        return view.partnerReferenceNo
          ? {
              table: 'payments',
              column: 'partnerReferenceNo',
              value: view.partnerReferenceNo,
              orElse: async () =>
                view.referenceNo ? ctx.store.findBy('payments', 'referenceNo', view.referenceNo) : null,
              owns,
            }
          : { table: 'payments', column: 'referenceNo', value: view.referenceNo, owns };
      }
      case 'unbinding':
        return {
          table: 'unbindings',
          column: 'partnerReferenceNo',
          value: read(cb.unbindingReference),
          owns: any,
        };
    }
  })();
  return lookup as never;
}

/**
 * What a callback without a type header reports on, by its responseCode's service: Direct Debit's
 * (`dd.callbackServices`) or the card API's (`card.callbackServices`). Both number a payment 54
 * and a refund 58: such a callback is of the type whose reference finds a row of its own (a card
 * payment, a bank payment, a refund of ours); when none does, Direct Debit's, as before.
 */
async function typeOfService(
  ctx: FlowContext,
  service: string,
  p: Record<string, unknown>,
): Promise<CallbackType | undefined> {
  const candidates = [ctx.profile.dd.callbackServices[service], ctx.profile.card.callbackServices[service]]
    .filter((t): t is CallbackType => t !== undefined)
    .filter((t, i, all) => all.indexOf(t) === i);
  if (candidates.length < 2) return candidates[0];
  for (const type of candidates) {
    const lookup = lookupOf(ctx, type, p) as Lookup<TableName> & { owns: (row: never) => boolean };
    const row =
      (lookup.value ? await ctx.store.findBy(lookup.table, lookup.column as never, lookup.value) : null) ??
      (await lookup.orElse?.()) ??
      null;
    if (row && lookup.owns(row as never)) return type;
  }
  return candidates[0];
}

async function dispatch(
  ctx: FlowContext,
  type: CallbackType,
  p: Record<string, unknown>,
  trust: boolean,
  seen: Seen,
): ReturnType<Seen> {
  // Callback bodies are not public: every field is read through the profile, leniently.
  const cb = ctx.profile.dd.callbackFields;
  const dd = ctx.profile.dd.responseFields;
  const read = (paths: FieldPaths) => readString(p, paths);
  switch (type) {
    case 'binding':
      return seen(lookupOf(ctx, type, p), async (row) => {
        const facts = readBindingFacts(ctx, p, row);
        if (trust && facts && (facts.status === 'FAIL' || (facts.status === 'SUCCESS' && facts.account))) {
          await applyBindingStatus(ctx, row, facts);
        } else {
          await refreshBinding(ctx, row);
        }
      });
    case 'payment': {
      const lookup = lookupOf(ctx, type, p);
      return seen(lookup, async (row) => {
        if (!lookup.owns(row)) return false;
        const status = read(cb.paymentStatus);
        if (trust && status) {
          // The instrument is read only when the news is a failure that may concern it (a
          // payment's instrument always exists: the foreign key, and instruments are never deleted).
          await applyTransactionStatus(ctx, row, () => ctx.store.get('instruments', row.instrumentId), {
            latestTransactionStatus: status,
            referenceNo: read(cb.paymentReferenceNo) ?? null,
            failureResponseCode: read(dd.failureResponseCode),
            failureReason: read(dd.failureReason),
          });
        } else {
          await checkPayment(ctx, row);
        }
      });
    }
    case 'refund':
      return seen(lookupOf(ctx, type, p), async (row) => {
        const status = read(cb.refundStatus);
        if (trust && (status === 'SUCCESS' || status === 'FAILED')) {
          await applyRefundStatus(ctx, row, status, read(cb.refundNo) ?? null);
        } else {
          await checkRefund(ctx, row);
        }
      });
    case 'card_registration': {
      const card = readCallbackCard(ctx.profile.card.responseFields, p);
      return seen(lookupOf(ctx, type, p), async (row) => {
        if (!card) return false;
        const status = card.registrationStatus;
        if (trust && (status === 'FAILED' || (status === 'SUCCESS' && card.cardToken))) {
          await applyCardRecord(ctx, row, card);
        } else {
          await refreshCardRegistration(ctx, row);
        }
      });
    }
    case 'card_payment': {
      const view = viewOf(ctx, p);
      const lookup = lookupOf(ctx, type, p);
      return seen(lookup, async (row) => {
        if (!lookup.owns(row)) return false;
        const instrument = await ctx.store.get('instruments', row.instrumentId);
        let payment = row;
        if (trust && view.transactionStatus && instrument?.type === 'card') {
          payment = await applyCardView(ctx, row, instrument, view);
        } else {
          payment = await checkCardPayment(ctx, row);
        }
        // A refund's result reaches us as the payment's REFUNDED: settle the refunds waiting on it.
        if (
          view.transactionStatus === 'REFUNDED' ||
          payment.refundedAmount < (fromSnapAmount(view.refundedAmount?.value) ?? 0)
        ) {
          for (const refund of await ctx.store.list('refunds', { paymentId: payment.id })) {
            if (refund.status === 'created' || refund.status === 'processing') await checkRefund(ctx, refund);
          }
        }
      });
    }
    case 'unbinding':
      return seen(lookupOf(ctx, type, p), async (row) => {
        const instrument = await ctx.store.get('instruments', row.instrumentId);
        if (trust && read(cb.unbindingStatus) === 'UNBINDED' && instrument) {
          await succeedUnbinding(ctx, row, instrument, read(cb.unbindingReferenceNo) ?? row.referenceNo);
        } else {
          await checkUnbinding(ctx, row);
        }
      });
  }
}
