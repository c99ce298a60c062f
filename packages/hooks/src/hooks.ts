import {
  type AuditEntry,
  AyoError,
  type BankAccountInstrument,
  type BankView,
  type Capabilities,
  type CardInstrument,
  type Checkout,
  checkoutIdCheck,
  type Instrument,
  type Payment,
  paymentIdCheck,
  type Refund,
  type StaffIdentity,
  type StaffListPaymentsQuery,
  type StaffPayment,
  type StaffRole,
  validate,
} from '@ayokit/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Audience, AuditQuery, AyoApi } from './api';
import { type FlowError, toFlowError } from './flows/errors';
import { type PayInput, PaymentFlow, type PaymentState } from './flows/payment';
import { PaymentActionsFlow, type PaymentActionsState } from './flows/paymentActions';
import { RefundFlow, type RefundState, refundableAmount, refundsFullOnly } from './flows/refund';
import { UnbindingFlow, type UnbindingState } from './flows/unbinding';
import { useFlowState } from './observable';
import { useAyoContext, useStaffContext } from './provider';

// Binding and card registration live in a module of their own: a page that loads those steps on
// demand (PayWithSavedCard) keeps their flows out of its first load in every bundler.
export {
  type UseBindingResult,
  type UseCardRegistrationResult,
  useBinding,
  useCardRegistration,
} from './hostedPages';

export type QueryState<T> =
  | { status: 'loading'; data: undefined; error: null }
  | { status: 'error'; data: T | undefined; error: FlowError }
  | { status: 'ready'; data: T; error: null };

function toQueryState<T>(q: { status: string; data: T | undefined; error: unknown }): QueryState<T> {
  if (q.status === 'success') return { status: 'ready', data: q.data as T, error: null };
  if (q.status === 'error') return { status: 'error', data: q.data, error: toFlowError(q.error) };
  return { status: 'loading', data: undefined, error: null };
}

/**
 * What the payment provider's API offers (the proxy's wire profile): `otpResend`, `cardRefund`,
 * `cardVoid`. Read once per provider from the shopper's or the staff API, then cached. Show an
 * action only when it is there: one that is not is refused with NOT_SUPPORTED (the proxy's answer,
 * in the flow's `lastError` or failed state; nothing goes to the provider).
 */
export function useCapabilities(): QueryState<Capabilities> & { refetch: () => void } {
  const { api, audience } = useAyoContext('useCapabilities');
  const q = useQuery({
    queryKey: ['ayokit', 'capabilities', audience],
    queryFn: () => api.getCapabilities(audience),
    staleTime: Number.POSITIVE_INFINITY,
  });
  return { ...toQueryState(q), refetch: () => void q.refetch() };
}

/** The six banks, their rules, and whether this shopper may bind each now. */
export function useBanks(): QueryState<BankView[]> & { refetch: () => void } {
  const { api } = useAyoContext('useBanks');
  const q = useQuery({ queryKey: ['ayokit', 'banks'], queryFn: () => api.listBanks() });
  return { ...toQueryState(q), refetch: () => void q.refetch() };
}

/** Saved bank accounts and cards: opaque ids, masked numbers, statuses; and the default. */
export function useSavedCards() {
  const { api } = useAyoContext('useSavedCards');
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['ayokit', 'instruments'], queryFn: () => api.listInstruments() });
  const state = toQueryState<Instrument[]>(q);
  return {
    ...state,
    instruments: state.data ?? [],
    cards: (state.data ?? []).filter((i): i is CardInstrument => i.type === 'card'),
    bankAccounts: (state.data ?? []).filter((i): i is BankAccountInstrument => i.type === 'bank_account'),
    defaultInstrument:
      state.data?.find((i) => i.isDefault && i.status === 'active') ??
      state.data?.find((i) => i.status === 'active') ??
      null,
    // A plain call, not useMutation: the list is read again once the server has answered, and
    // the call resolves after that (TanStack's mutation observer is not worth its 0.5 kB here).
    setDefault: async (id: string) => {
      await api.setDefaultInstrument(id);
      await qc.invalidateQueries({ queryKey: ['ayokit', 'instruments'] });
    },
    refetch: () => void q.refetch(),
  };
}

export interface UsePaymentResult {
  state: PaymentState;
  /** Pays a checkout (made by the merchant's server) with one of the shopper's instruments. */
  pay: (input: PayInput) => Promise<void>;
  /** Follows a payment already under way for a checkout (`checkout.paymentId`), e.g. after a reload. */
  resume: (paymentId: string) => Promise<void>;
  submitOtp: (otp: string) => Promise<void>;
  /**
   * A new OTP; refused (in `lastError`) before `resendAvailableAt` (RATE_LIMITED) or when the
   * provider has no resend API (NOT_SUPPORTED, see useCapabilities). True when sent.
   */
  resendOtp: () => Promise<boolean>;
  retry: () => Promise<void>;
  reset: () => void;
}

/**
 * Paying a checkout with a saved account or card: idle → creating → requiresOtp? → processing →
 * succeeded | authorized (the checkout's `mode: 'authorize'`, a hold) | failed. The amount, order
 * and mode are the checkout's, fixed by the merchant's server.
 */
export function usePayment(): UsePaymentResult {
  const { api, live } = useAyoContext('usePayment');
  const qc = useQueryClient();
  const [flow] = useState(
    () => new PaymentFlow(api, live, () => void qc.invalidateQueries({ queryKey: ['ayokit', 'payments'] })),
  );
  const state = useFlowState<PaymentState>(flow);
  useEffect(() => flow.attach(), [flow]);
  // A payment under way, paid or refused moves its checkout too (processing, paid, open again).
  useEffect(() => {
    if (state.status !== 'idle' && state.status !== 'creating' && state.status !== 'submittingOtp')
      void qc.invalidateQueries({ queryKey: ['ayokit', 'checkout'] });
  }, [state.status, qc]);
  return {
    state,
    pay: (input) => flow.pay(input),
    resume: (paymentId) => flow.resume(paymentId),
    submitOtp: (otp) => flow.submitOtp(otp),
    resendOtp: () => flow.resendOtp(),
    retry: () => flow.retry(),
    reset: () => flow.reset(),
  };
}

/**
 * A checkout made for this shopper by the merchant's server: its amount, order, description,
 * mode and status (open, processing, paid, expired, cancelled). NOT_FOUND for anyone else's.
 */
export function useCheckout(checkoutId: string): QueryState<Checkout> & { refetch: () => void } {
  const { api } = useAyoContext('useCheckout');
  const q = useQuery({
    queryKey: ['ayokit', 'checkout', checkoutId],
    queryFn: () => {
      if (!validate(checkoutIdCheck, checkoutId).success)
        return Promise.reject(new AyoError('INVALID_REQUEST', `checkoutId: not a valid chk_ id`));
      return api.getCheckout(checkoutId);
    },
    // A payment under way is watched closely; an open checkout is looked at now and then (expiry).
    refetchInterval: (query) =>
      query.state.data?.status === 'processing'
        ? 5_000
        : query.state.data?.status === 'open'
          ? 60_000
          : false,
  });
  return { ...toQueryState(q), refetch: () => void q.refetch() };
}

/** Removing a saved account, with the bank's OTP where it asks for one. */
export function useUnbinding() {
  const { api, live } = useAyoContext('useUnbinding');
  const qc = useQueryClient();
  const [flow] = useState(
    () =>
      new UnbindingFlow(api, live, () => {
        void qc.invalidateQueries({ queryKey: ['ayokit', 'instruments'] });
        void qc.invalidateQueries({ queryKey: ['ayokit', 'banks'] });
      }),
  );
  const state = useFlowState<UnbindingState>(flow);
  useEffect(() => () => flow.dispose(), [flow]);
  return {
    state,
    request: (instrumentId: string) => flow.request(instrumentId),
    confirm: () => flow.confirm(),
    submitOtp: (otp: string) => flow.submitOtp(otp),
    resendOtp: () => flow.resendOtp(),
    cancel: () => flow.cancel(),
  };
}

const paymentKey = (id: string, audience: Audience = 'shopper') =>
  audience === 'staff' ? (['ayokit', 'staff', 'payment', id] as const) : (['ayokit', 'payment', id] as const);

/** Staff have no live stream: their reads poll (often while the bank decides, else now and then). */
const STAFF_POLL_MS = 15_000;
const PENDING_POLL_MS = 5_000;
const pending = (p: Payment | undefined) => p?.status === 'processing' || p?.status === 'requires_otp';

function readPayment(api: AyoApi, audience: Audience, id: string): Promise<Payment | StaffPayment> {
  return audience === 'staff' ? api.getStaffPayment(id) : api.getPayment(id);
}

/**
 * Refunding a payment from the back office (`<AyoProvider audience="staff">`, role `refund`);
 * card payments are refunded in full only, and not at all (NOT_SUPPORTED) when the provider has no
 * card refund API (`useCapabilities().data.cardRefund`). Shoppers never refund: in a shopper's page this throws.
 */
export function useRefund(paymentId: string) {
  const { api, live } = useStaffContext('useRefund');
  const qc = useQueryClient();
  const key = paymentKey(paymentId, 'staff');
  const payment = useQuery({ queryKey: key, queryFn: () => api.getStaffPayment(paymentId) });
  const make = () =>
    new RefundFlow(
      api,
      live,
      paymentId,
      () => void qc.invalidateQueries({ queryKey: ['ayokit'] }),
      () => qc.getQueryData<Payment>(key),
    );
  const [flow, setFlow] = useState(make);
  // Another payment, another flow: a refund never lands on the previous order.
  const current = flow.paymentId === paymentId ? flow : null;
  useEffect(() => {
    if (!current) setFlow(make());
  });
  const active = current ?? flow;
  const state = useFlowState<RefundState>(active);
  useEffect(() => () => active.dispose(), [active]);
  // Accepted or refused, the action is in the audit trail now.
  useEffect(() => {
    if (state.status === 'failed' || state.status === 'succeeded' || state.status === 'processing')
      void qc.invalidateQueries({ queryKey: ['ayokit', 'staff', 'audit'] });
  }, [state.status, qc]);
  const refunds = useQuery({
    queryKey: ['ayokit', 'staff', 'refunds', paymentId],
    queryFn: () => api.listStaffRefunds(paymentId),
  });
  return {
    state,
    refunds: (refunds.data ?? []) as Refund[],
    /** True for card payments: no partial refunds. */
    fullOnly: payment.data ? refundsFullOnly(payment.data) : false,
    /** What is left to refund (null until the payment is loaded). */
    refundable: payment.data ? refundableAmount(payment.data) : null,
    // Until the new flow is in place, a refund for the new payment waits (never hits the old one).
    refund: (amount?: number, reason?: string) =>
      current ? current.refund(amount, reason) : Promise.resolve(),
    reset: () => active.reset(),
  };
}

/**
 * Capturing or voiding an authorised card payment from the back office (`<AyoProvider
 * audience="staff">`, roles `capture` and `void`). Checks what it can before sending: only an
 * `authorized` payment, a capture of at most 120 % of the hold. In a shopper's page this throws.
 */
export function usePaymentActions(paymentId: string) {
  const { api } = useStaffContext('usePaymentActions');
  const qc = useQueryClient();
  const key = paymentKey(paymentId, 'staff');
  const make = () =>
    new PaymentActionsFlow(
      api,
      paymentId,
      () => qc.getQueryData<Payment>(key),
      (p) => {
        qc.setQueryData(key, p);
        void qc.invalidateQueries({ queryKey: ['ayokit', 'staff', 'payments'] });
      },
    );
  const [flow, setFlow] = useState(make);
  // Another payment, another flow: a capture never lands on the previous order.
  const current = flow.paymentId === paymentId ? flow : null;
  useEffect(() => {
    if (!current) setFlow(make());
  });
  const active = current ?? flow;
  const state = useFlowState<PaymentActionsState>(active);
  useEffect(() => {
    if (state.status === 'failed' || state.status === 'captured' || state.status === 'voided')
      void qc.invalidateQueries({ queryKey: ['ayokit', 'staff', 'audit'] });
  }, [state.status, qc]);
  return {
    state,
    capture: (amount?: number) => (current ? current.capture(amount) : Promise.resolve()),
    void: (reason?: string) => (current ? current.void(reason) : Promise.resolve()),
    reset: () => active.reset(),
  };
}

/**
 * One payment, kept live (order pages): the shopper's own from `/ayokit/v1` (live events), or any
 * payment from the staff routes in `audience="staff"` (polled).
 */
export function usePaymentStatus(paymentId: string): QueryState<Payment> & { refetch: () => void } {
  const { api, audience } = useAyoContext('usePaymentStatus');
  const staff = audience === 'staff';
  const q = useQuery({
    queryKey: paymentKey(paymentId, audience),
    queryFn: () => readPayment(api, audience, paymentId),
    refetchInterval: (query) => (pending(query.state.data) ? PENDING_POLL_MS : staff ? STAFF_POLL_MS : false),
    refetchIntervalInBackground: true,
  });
  return { ...toQueryState(q), refetch: () => void q.refetch() };
}

/**
 * Payments, newest first: the shopper's own (order history), or in `audience="staff"` everyone's
 * (polled; `useStaffPayments` filters).
 */
export function usePayments(): QueryState<Payment[]> & { refetch: () => void } {
  const { api, audience } = useAyoContext('usePayments');
  const staff = audience === 'staff';
  const q = useQuery({
    queryKey: staff ? ['ayokit', 'staff', 'payments', {}] : ['ayokit', 'payments'],
    queryFn: (): Promise<Payment[]> => (staff ? api.listStaffPayments({}) : api.listPayments()),
    refetchInterval: staff ? STAFF_POLL_MS : false,
  });
  return { ...toQueryState(q), refetch: () => void q.refetch() };
}

// ---- back office -----------------------------------------------------------------------------

/** Who is signed in to the back office, and what their roles let them do. */
export function useStaff(): QueryState<StaffIdentity> & {
  can: (role: StaffRole) => boolean;
  refetch: () => void;
} {
  const { api } = useStaffContext('useStaff');
  const q = useQuery({ queryKey: ['ayokit', 'staff', 'me'], queryFn: () => api.getStaff() });
  return {
    ...toQueryState(q),
    can: (role) => q.data?.roles.includes(role) ?? false,
    refetch: () => void q.refetch(),
  };
}

/** Payments of every shopper, filtered (status, userId, orderId, checkoutId, limit); polled. */
export function useStaffPayments(
  query: StaffListPaymentsQuery = {},
): QueryState<StaffPayment[]> & { refetch: () => void } {
  const { api } = useStaffContext('useStaffPayments');
  const q = useQuery({
    queryKey: ['ayokit', 'staff', 'payments', query],
    queryFn: () => api.listStaffPayments(query),
    refetchInterval: STAFF_POLL_MS,
  });
  return { ...toQueryState(q), refetch: () => void q.refetch() };
}

/** Who refunded, captured or voided what, and when (accepted or refused), newest first; polled. */
/** The most entries one audit query may ask for (the proxy's own bound). */
const AUDIT_LIMIT_MAX = 200;

export function useAuditTrail(query: AuditQuery = {}): QueryState<AuditEntry[]> & { refetch: () => void } {
  const { api } = useStaffContext('useAuditTrail');
  const q = useQuery({
    queryKey: ['ayokit', 'staff', 'audit', query],
    queryFn: () => {
      // A paymentId given but empty or malformed is a mistake, not "every payment's trail".
      if (query.paymentId !== undefined && !validate(paymentIdCheck, query.paymentId).success)
        return Promise.reject(new AyoError('INVALID_REQUEST', 'paymentId: not a valid pay_ id'));
      const { limit } = query;
      if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= AUDIT_LIMIT_MAX))
        return Promise.reject(
          new AyoError('INVALID_REQUEST', `limit: a whole number from 1 to ${AUDIT_LIMIT_MAX}`),
        );
      return api.listAuditEntries(query);
    },
    refetchInterval: STAFF_POLL_MS,
  });
  return { ...toQueryState(q), refetch: () => void q.refetch() };
}
