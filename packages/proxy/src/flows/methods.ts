import type { Failure, InstrumentStatus, InstrumentType, PaymentMode } from '@ayokit/core';
import type { WireProfile } from '@ayokit/core/snap';
import type { FlowContext } from '../context';
import { newReference } from '../ids';
import type {
  BankAccountRow,
  CardRow,
  InstrumentRow,
  PaymentRow,
  RefundRow,
  UnbindingRow,
} from '../store/rows';
import { checkCardPayment, sendCharge } from './cardPayment';
import { expireCardIfPast } from './cardRegistration';
import { checkBankPayment, sendPayment } from './payment';
import { checkBankRefund, checkCardRefund, sendBankRefund, sendCardRefund } from './refund';
import { checkBankUnbinding, checkCardUnbinding, sendBankUnbinding, sendCardUnbinding } from './unbinding';

/**
 * One payment method: everything a flow needs of a bank account (Direct Debit) or a card (Card
 * Acceptance), so that paying, checking, refunding and unbinding never branch on the
 * instrument's type (Adyen: one implementation per method). The flows call `methodOf(...)`.
 */
export interface PaymentMethod<I extends InstrumentRow> {
  /** `authorize` (hold, then capture or void) is for cards only. */
  modes: readonly PaymentMode[];
  /** The card gateway refunds in full only [seed 001]. */
  partialRefunds: boolean;
  /** Whether the upstream API refunds at all (cards: only with `capabilities.cardRefund`). */
  refunds: (profile: WireProfile) => boolean;
  /** Whether an authorisation can be voided by API (cards: `capabilities.cardVoid`). */
  /** What the instrument can do now (a card past its expiry month is expired). */
  currentStatus: (ctx: FlowContext, instrument: I) => Promise<InstrumentStatus>;
  /** X-CORRELATION-ID for every call of one payment, where the method has one. */
  newCorrelationId: () => string | null;
  /** Sends a payment's first request (again, unchanged, on a retry). */
  charge: (
    ctx: FlowContext,
    row: PaymentRow,
    instrument: I,
    options: { leased?: boolean },
  ) => Promise<PaymentRow>;
  /** Asks the bank or gateway about a payment and applies its word. */
  check: (
    ctx: FlowContext,
    row: PaymentRow,
    refusal?: Failure,
    options?: { afterConflict?: boolean },
  ) => Promise<PaymentRow>;
  refund: (ctx: FlowContext, row: RefundRow, payment: PaymentRow, instrument: I) => Promise<RefundRow>;
  checkRefund: (
    ctx: FlowContext,
    row: RefundRow,
    payment: PaymentRow,
    options?: { afterConflict?: boolean },
  ) => Promise<RefundRow>;
  unbind: (ctx: FlowContext, row: UnbindingRow, instrument: I) => Promise<UnbindingRow>;
  checkUnbinding: (ctx: FlowContext, row: UnbindingRow, instrument: I) => Promise<UnbindingRow>;
}

// Arrow wrappers: the flows import this module and it imports them; calls resolve when made.
const bankAccount: PaymentMethod<BankAccountRow> = {
  modes: ['direct'],
  partialRefunds: true,
  refunds: () => true,
  currentStatus: async (_ctx, instrument) => instrument.status,
  newCorrelationId: () => null,
  charge: (ctx, row, instrument, options) => sendPayment(ctx, row, instrument, options),
  check: (ctx, row, refusal, options) => checkBankPayment(ctx, row, refusal, options),
  refund: (ctx, row, payment, instrument) => sendBankRefund(ctx, row, payment, instrument),
  checkRefund: (ctx, row, payment, options) => checkBankRefund(ctx, row, payment, options),
  unbind: (ctx, row, instrument) => sendBankUnbinding(ctx, row, instrument),
  checkUnbinding: (ctx, row, instrument) => checkBankUnbinding(ctx, row, instrument),
};

const card: PaymentMethod<CardRow> = {
  modes: ['direct', 'authorize'],
  partialRefunds: false,
  // "No Refund API… done by Ayoconnect internally" [docs: /docs/important-terminologies].
  refunds: (profile) => profile.capabilities.cardRefund,
  currentStatus: (ctx, instrument) => expireCardIfPast(ctx, instrument),
  newCorrelationId: newReference,
  charge: (ctx, row, instrument, options) => sendCharge(ctx, row, instrument, options),
  check: (ctx, row, refusal, options) => checkCardPayment(ctx, row, refusal, options),
  // sendCardRefund fails the row itself, with no call, when the profile has no refund API.
  refund: (ctx, row, payment, instrument) => sendCardRefund(ctx, row, payment, instrument),
  checkRefund: (ctx, row, payment, options) => checkCardRefund(ctx, row, payment, options),
  unbind: (ctx, row, instrument) => sendCardUnbinding(ctx, row, instrument),
  checkUnbinding: (ctx, row, instrument) => checkCardUnbinding(ctx, row, instrument),
};

export const PAYMENT_METHODS: {
  bank_account: PaymentMethod<BankAccountRow>;
  card: PaymentMethod<CardRow>;
} & Record<InstrumentType, PaymentMethod<never>> = { bank_account: bankAccount, card };

/** The method of this instrument, typed for it. */
export function methodOf<I extends InstrumentRow>(instrument: I): PaymentMethod<I> {
  return PAYMENT_METHODS[instrument.type] as unknown as PaymentMethod<I>;
}
