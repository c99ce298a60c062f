import type { InstrumentStatus, PaymentMode } from '@ayokit/core';
import type { FlowContext } from '../context';
import { newReference } from '../ids';
import type { InstrumentRow, PaymentRow } from '../store/rows';
import { sendCharge } from './cardPayment';
import { expireCardIfPast } from './cardRegistration';
import { sendPayment } from './payment';

/**
 * One payment method: what a flow needs to know of a bank account or a card, so that paying a
 * checkout never branches on the instrument's type (Adyen: one implementation per method).
 */
export interface PaymentMethod<I extends InstrumentRow = InstrumentRow> {
  modes: readonly PaymentMode[];
  /** What the instrument can do now (a card past its expiry month is expired). */
  currentStatus: (ctx: FlowContext, instrument: I) => Promise<InstrumentStatus>;
  /** X-CORRELATION-ID for every call of one payment, where the method has one. */
  newCorrelationId: () => string | null;
  /** Sends the payment's first request (again, unchanged, on a retry). */
  send: (
    ctx: FlowContext,
    row: PaymentRow,
    instrument: I,
    options: { leased?: boolean },
  ) => Promise<PaymentRow>;
}

const bankAccount: PaymentMethod<Extract<InstrumentRow, { type: 'bank_account' }>> = {
  modes: ['direct'],
  currentStatus: async (_ctx, instrument) => instrument.status,
  newCorrelationId: () => null,
  send: sendPayment,
};

const card: PaymentMethod<Extract<InstrumentRow, { type: 'card' }>> = {
  modes: ['direct', 'authorize'],
  currentStatus: expireCardIfPast,
  newCorrelationId: newReference,
  send: sendCharge,
};

export const PAYMENT_METHODS = { bank_account: bankAccount, card } as const;

export function methodOf<I extends InstrumentRow>(instrument: I): PaymentMethod<I> {
  return PAYMENT_METHODS[instrument.type] as unknown as PaymentMethod<I>;
}
