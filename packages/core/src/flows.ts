/**
 * The state machines of every flow. A status only moves forward: `canAdvance(from, to)` is the
 * one rule the proxy applies to API answers, callbacks and reconciliation alike.
 */
export const BINDING_STATUSES = ['in_progress', 'verification_pending', 'succeeded', 'failed'] as const;
export type BindingStatus = (typeof BINDING_STATUSES)[number];

/** `authorized` and `voided` only for cards paid in `authorize` mode; `succeeded` means captured. */
export const PAYMENT_STATUSES = [
  'created',
  'requires_otp',
  'processing',
  'authorized',
  'succeeded',
  'failed',
  'voided',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const REFUND_STATUSES = ['created', 'processing', 'succeeded', 'failed'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

export const UNBINDING_STATUSES = ['created', 'requires_otp', 'succeeded', 'failed'] as const;
export type UnbindingStatus = (typeof UNBINDING_STATUSES)[number];

/** Card registration: the shopper is on the registration page, then the card is tokenised or not. */
export const CARD_REGISTRATION_STATUSES = ['in_progress', 'succeeded', 'failed'] as const;
export type CardRegistrationStatus = (typeof CARD_REGISTRATION_STATUSES)[number];

export const INSTRUMENT_STATUSES = ['active', 'expired', 'blocked', 'unbound'] as const;
export type InstrumentStatus = (typeof INSTRUMENT_STATUSES)[number];

type Transitions<S extends string> = Record<S, readonly S[]>;

const binding: Transitions<BindingStatus> = {
  in_progress: ['verification_pending', 'succeeded', 'failed'],
  verification_pending: ['succeeded', 'failed'],
  succeeded: [],
  failed: [],
};

const payment: Transitions<PaymentStatus> = {
  created: ['requires_otp', 'processing', 'authorized', 'succeeded', 'failed'],
  requires_otp: ['processing', 'succeeded', 'failed'],
  processing: ['authorized', 'succeeded', 'failed'],
  // A hold is captured (succeeded) or voided, by the merchant or by the gateway when it expires.
  authorized: ['succeeded', 'voided'],
  succeeded: [],
  failed: [],
  voided: [],
};

const cardRegistration: Transitions<CardRegistrationStatus> = {
  in_progress: ['succeeded', 'failed'],
  succeeded: [],
  failed: [],
};

const refund: Transitions<RefundStatus> = {
  created: ['processing', 'succeeded', 'failed'],
  processing: ['succeeded', 'failed'],
  succeeded: [],
  failed: [],
};

const unbinding: Transitions<UnbindingStatus> = {
  created: ['requires_otp', 'succeeded', 'failed'],
  requires_otp: ['succeeded', 'failed'],
  succeeded: [],
  failed: [],
};

/** Instruments: expiry and blocking can be lifted only by the bank's inquiry (ACTIVE again); unbound is final. */
const instrument: Transitions<InstrumentStatus> = {
  active: ['expired', 'blocked', 'unbound'],
  expired: ['active', 'blocked', 'unbound'],
  blocked: ['active', 'unbound'],
  unbound: [],
};

export const FLOWS = { binding, cardRegistration, payment, refund, unbinding, instrument } as const;
export type FlowName = keyof typeof FLOWS;
type StatusOf<F extends FlowName> = keyof (typeof FLOWS)[F] & string;

export function canAdvance<F extends FlowName>(flow: F, from: StatusOf<F>, to: StatusOf<F>): boolean {
  const next = FLOWS[flow][from as never] as readonly string[];
  return next.includes(to);
}

export function isTerminal<F extends FlowName>(flow: F, status: StatusOf<F>): boolean {
  return (FLOWS[flow][status as never] as readonly string[]).length === 0;
}
