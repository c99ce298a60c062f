import type {
  BankAccountInstrument,
  BankCode,
  BankView,
  CardInstrument,
  Instrument,
  Payment,
  PaymentMode,
  Refund,
} from '@ayokit/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { BindingFlow, type BindingFlowOptions, type BindingState } from './flows/binding';
import {
  CardRegistrationFlow,
  type CardRegistrationOptions,
  type CardRegistrationState,
} from './flows/cardRegistration';
import { type FlowError, toFlowError } from './flows/errors';
import { type PayInput, PaymentFlow, type PaymentState } from './flows/payment';
import { PaymentActionsFlow, type PaymentActionsState } from './flows/paymentActions';
import { RefundFlow, type RefundState, refundableAmount, refundsFullOnly } from './flows/refund';
import { UnbindingFlow, type UnbindingState } from './flows/unbinding';
import type { Observable } from './observable';
import { useAyoContext } from './provider';

export type QueryState<T> =
  | { status: 'loading'; data: undefined; error: null }
  | { status: 'error'; data: T | undefined; error: FlowError }
  | { status: 'ready'; data: T; error: null };

function toQueryState<T>(q: { status: string; data: T | undefined; error: unknown }): QueryState<T> {
  if (q.status === 'success') return { status: 'ready', data: q.data as T, error: null };
  if (q.status === 'error') return { status: 'error', data: q.data, error: toFlowError(q.error) };
  return { status: 'loading', data: undefined, error: null };
}

function useFlowState<S>(flow: Observable<S>): S {
  return useSyncExternalStore(flow.subscribe, flow.getState, flow.getState);
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
  const setDefault = useMutation({
    mutationFn: (id: string) => api.setDefaultInstrument(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['ayokit', 'instruments'] }),
  });
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
    setDefault: (id: string) => setDefault.mutateAsync(id).then(() => undefined),
    refetch: () => void q.refetch(),
  };
}

/** What useBinding and useCardRegistration share: one flow per mount, resumed after a redirect. */
interface HostedPageLike {
  attach: () => () => void;
  mode: string;
  resume: () => Promise<unknown>;
  cancel: () => void;
  retry: () => Promise<void>;
  reopen: () => void;
  refresh: () => Promise<void>;
}

function useHostedPage(flow: HostedPageLike) {
  useEffect(() => flow.attach(), [flow]);
  useEffect(() => {
    if (flow.mode === 'redirect') void flow.resume();
  }, [flow]);
}

const hostedPageActions = (flow: HostedPageLike) => ({
  cancel: () => flow.cancel(),
  retry: () => flow.retry(),
  reopen: () => flow.reopen(),
  refresh: () => flow.refresh(),
});

export interface UseBindingResult {
  state: BindingState;
  start: (bankCode?: BankCode | null) => Promise<void>;
  cancel: () => void;
  retry: () => Promise<void>;
  reopen: () => void;
  refresh: () => Promise<void>;
}

/** Binding a bank account: a discriminated union of states, and the actions that move it. */
export function useBinding(options: BindingFlowOptions = {}): UseBindingResult {
  const { api, live, locale } = useAyoContext('useBinding');
  const qc = useQueryClient();
  const [flow] = useState(() => new BindingFlow(api, live, { locale, ...options }));
  const state = useFlowState(flow);
  useHostedPage(flow);
  useEffect(() => {
    if (state.status === 'bound') {
      void qc.invalidateQueries({ queryKey: ['ayokit', 'instruments'] });
      void qc.invalidateQueries({ queryKey: ['ayokit', 'banks'] });
    }
  }, [state.status, qc]);
  return {
    state,
    start: (bankCode) => flow.start(bankCode),
    ...hostedPageActions(flow),
  };
}

export interface UseCardRegistrationResult {
  state: CardRegistrationState;
  /** Call from the click handler (a popup opened after an await is blocked). */
  start: () => Promise<void>;
  cancel: () => void;
  retry: () => Promise<void>;
  reopen: () => void;
  refresh: () => Promise<void>;
}

/**
 * Adding a card on the gateway's registration page: the same shape as useBinding. Redirect mode
 * resumes by itself when the page sends the shopper back.
 */
export function useCardRegistration(options: CardRegistrationOptions = {}): UseCardRegistrationResult {
  const { api, live, locale } = useAyoContext('useCardRegistration');
  const qc = useQueryClient();
  const [flow] = useState(() => new CardRegistrationFlow(api, live, { locale, ...options }));
  const state = useFlowState(flow);
  useHostedPage(flow);
  useEffect(() => {
    if (state.status === 'succeeded') void qc.invalidateQueries({ queryKey: ['ayokit', 'instruments'] });
  }, [state.status, qc]);
  return {
    state,
    start: () => flow.start(),
    ...hostedPageActions(flow),
  };
}

export interface UsePaymentResult {
  state: PaymentState;
  pay: (input: PayInput) => Promise<void>;
  submitOtp: (otp: string) => Promise<void>;
  /** A new OTP; refused (RATE_LIMITED in `lastError`) before `resendAvailableAt`. True when sent. */
  resendOtp: () => Promise<boolean>;
  retry: () => Promise<void>;
  reset: () => void;
}

export interface UsePaymentOptions {
  /** The mode of every `pay()` that names none (default `direct`). */
  mode?: PaymentMode;
}

/**
 * Paying with a saved account or card: idle → creating → requiresOtp? → processing → succeeded |
 * authorized (a hold, `mode: 'authorize'`) | failed.
 */
export function usePayment(options: UsePaymentOptions = {}): UsePaymentResult {
  const { api, live } = useAyoContext('usePayment');
  const qc = useQueryClient();
  const [flow] = useState(
    () =>
      new PaymentFlow(
        api,
        live,
        () => void qc.invalidateQueries({ queryKey: ['ayokit', 'payments'] }),
        options.mode,
      ),
  );
  const state = useFlowState<PaymentState>(flow);
  useEffect(() => flow.attach(), [flow]);
  return {
    state,
    pay: (input) => flow.pay(input),
    submitOtp: (otp) => flow.submitOtp(otp),
    resendOtp: () => flow.resendOtp(),
    retry: () => flow.retry(),
    reset: () => flow.reset(),
  };
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

const paymentKey = (id: string) => ['ayokit', 'payment', id] as const;

/** Refunding a payment from an order page; card payments are refunded in full only. */
export function useRefund(paymentId: string) {
  const { api, live } = useAyoContext('useRefund');
  const qc = useQueryClient();
  const payment = useQuery({ queryKey: paymentKey(paymentId), queryFn: () => api.getPayment(paymentId) });
  const make = () =>
    new RefundFlow(
      api,
      live,
      paymentId,
      () => void qc.invalidateQueries({ queryKey: ['ayokit'] }),
      () => qc.getQueryData<Payment>(paymentKey(paymentId)),
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
  const refunds = useQuery({
    queryKey: ['ayokit', 'refunds', paymentId],
    queryFn: () => api.listRefunds(paymentId),
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
 * Capturing or voiding an authorised card payment (merchant order pages). Checks what it can
 * before sending: only an `authorized` payment, a capture of at most 120 % of the hold.
 */
export function usePaymentActions(paymentId: string) {
  const { api } = useAyoContext('usePaymentActions');
  const qc = useQueryClient();
  const make = () =>
    new PaymentActionsFlow(
      api,
      paymentId,
      () => qc.getQueryData<Payment>(paymentKey(paymentId)),
      (p) => {
        qc.setQueryData(paymentKey(paymentId), p);
        void qc.invalidateQueries({ queryKey: ['ayokit', 'payments'] });
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
  return {
    state,
    capture: (amount?: number) => (current ? current.capture(amount) : Promise.resolve()),
    void: (reason?: string) => (current ? current.void(reason) : Promise.resolve()),
    reset: () => active.reset(),
  };
}

/** One payment, kept live (order pages). */
export function usePaymentStatus(paymentId: string): QueryState<Payment> & { refetch: () => void } {
  const { api } = useAyoContext('usePaymentStatus');
  const q = useQuery({
    queryKey: paymentKey(paymentId),
    queryFn: () => api.getPayment(paymentId),
    refetchInterval: (query) => (query.state.data?.status === 'processing' ? 5_000 : false),
    refetchIntervalInBackground: true,
  });
  return { ...toQueryState(q), refetch: () => void q.refetch() };
}

/** The shopper's payments, newest first (order history). */
export function usePayments(): QueryState<Payment[]> & { refetch: () => void } {
  const { api } = useAyoContext('usePayments');
  const q = useQuery({ queryKey: ['ayokit', 'payments'], queryFn: () => api.listPayments() });
  return { ...toQueryState(q), refetch: () => void q.refetch() };
}
