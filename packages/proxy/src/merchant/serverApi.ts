import {
  type AuditEntry,
  AyoError,
  type Capabilities,
  type Checkout,
  type CreateCheckoutRequest,
  capturePaymentRequest,
  createRefundRequest,
  idempotencyKeySchema,
  type Refund,
  type StaffListPaymentsQuery,
  type StaffPayment,
  staffListPaymentsQuery,
  voidPaymentRequest,
} from '@ayokit/core';
import { randomAlphanumeric } from '@ayokit/core/snap';
import type * as z from 'zod/mini';
import { capabilitiesOf } from '../capabilities';
import type { FlowContext } from '../context';
import { cancelCheckout, createCheckout, livePaymentOf } from '../flows/checkout';
import { invalid } from '../http/errors';
import { auditView, checkoutView, refundView, staffPaymentView } from '../views';
import {
  auditTrail,
  capturePaymentAs,
  refundPayment,
  SERVER_ACTOR,
  searchPayments,
  voidPaymentAs,
} from './actions';

/** Options of a money action from server code: retry with the same idempotencyKey to be safe. */
export interface ServerActionOptions {
  /** Reuse it when retrying the same action: it can then never happen twice. */
  idempotencyKey?: string;
}

/** The proxy's typed API for the merchant's own server code (never reachable from a browser). */
export interface ServerApi {
  /**
   * What the provider's API offers (the wire profile's `capabilities`), as `GET /capabilities`
   * tells the browser: with `cardRefund` off, `payments.refund` of a card payment is refused
   * (NOT_SUPPORTED) and Ayoconnect's operations refund it; with `cardVoid` off, so is `payments.void`.
   */
  capabilities: Capabilities;
  checkouts: {
    /** Fixes what the shopper will pay; pass the returned id to `<PayWithSavedCard checkout={id}/>`. */
    create: (input: CreateCheckoutRequest) => Promise<Checkout>;
    get: (id: string) => Promise<Checkout | null>;
    /** Only while nothing is paid or under way; cancelling twice is harmless. */
    cancel: (id: string) => Promise<Checkout>;
  };
  payments: {
    get: (id: string) => Promise<StaffPayment | null>;
    list: (query?: StaffListPaymentsQuery) => Promise<StaffPayment[]>;
    refunds: (id: string) => Promise<Refund[]>;
    refund: (
      id: string,
      input?: { amount?: number; reason?: string } & ServerActionOptions,
    ) => Promise<Refund>;
    capture: (id: string, input?: { amount?: number } & ServerActionOptions) => Promise<StaffPayment>;
    void: (id: string, input?: { reason?: string } & ServerActionOptions) => Promise<StaffPayment>;
  };
  audit: { list: (query?: { paymentId?: string; limit?: number }) => Promise<AuditEntry[]> };
}

function parse<S extends z.ZodMiniType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalid(parsed.error);
  return parsed.data;
}

function split<T extends ServerActionOptions>(
  input: T | undefined,
): { body: Omit<T, 'idempotencyKey'>; key: string } {
  const { idempotencyKey, ...body } = input ?? ({} as T);
  const key =
    idempotencyKey === undefined
      ? `srv_${randomAlphanumeric(32)}`
      : parse(idempotencyKeySchema, idempotencyKey);
  return { body, key };
}

export function serverApi(ctx: FlowContext, ready: Promise<unknown>): ServerApi {
  const view = async (id: string) => {
    const row = await ctx.store.get('checkouts', id);
    return row ? checkoutView(row, await livePaymentOf(ctx, id), ctx.now()) : null;
  };
  const text = (id: unknown) => {
    if (typeof id !== 'string' || id === '')
      throw new AyoError('INVALID_REQUEST', 'id must be a non-empty string.');
    return id;
  };
  return {
    capabilities: capabilitiesOf(ctx.profile),
    checkouts: {
      create: async (input) => {
        await ready;
        const row = await createCheckout(ctx, input);
        return checkoutView(row, null, ctx.now());
      },
      get: async (id) => {
        await ready;
        return view(text(id));
      },
      cancel: async (id) => {
        await ready;
        const row = await cancelCheckout(ctx, text(id));
        return checkoutView(row, await livePaymentOf(ctx, row.id), ctx.now());
      },
    },
    payments: {
      get: async (id) => {
        await ready;
        const row = await ctx.store.get('payments', text(id));
        return row ? staffPaymentView(row) : null;
      },
      list: async (query = {}) => {
        await ready;
        return (await searchPayments(ctx, parse(staffListPaymentsQuery, query))).map(staffPaymentView);
      },
      refunds: async (id) => {
        await ready;
        return (await ctx.store.list('refunds', { paymentId: text(id) }, 'created_at ASC')).map(refundView);
      },
      refund: async (id, input) => {
        await ready;
        const { body, key } = split(input);
        return refundView(
          await refundPayment(ctx, SERVER_ACTOR, text(id), parse(createRefundRequest, body), key),
        );
      },
      capture: async (id, input) => {
        await ready;
        const { body, key } = split(input);
        const row = await capturePaymentAs(
          ctx,
          SERVER_ACTOR,
          text(id),
          parse(capturePaymentRequest, body),
          key,
        );
        return staffPaymentView(row);
      },
      void: async (id, input) => {
        await ready;
        const { body, key } = split(input);
        return staffPaymentView(
          await voidPaymentAs(ctx, SERVER_ACTOR, text(id), parse(voidPaymentRequest, body), key),
        );
      },
    },
    audit: {
      list: async (query = {}) => {
        await ready;
        return (await auditTrail(ctx, query)).map(auditView);
      },
    },
  };
}
