/**
 * Type tests of the public hook signatures, checked by `tsc` (the typecheck step): a change that
 * breaks what a team's code compiles against fails here, not in their build.
 */
import type { Failure, Instrument, Payment } from '@ayokit/core';
import { expectTypeOf } from 'vitest';
import type { PaymentState, UseBindingResult, UseCardRegistrationResult, UsePaymentResult } from './index';
import {
  useBanks,
  useBinding,
  useCardRegistration,
  usePayment,
  usePaymentActions,
  useRefund,
  useSavedCards,
  useUnbinding,
} from './index';

declare const state: PaymentState;

// Every state is a discriminated union: narrowing gives exactly that state's fields.
if (state.status === 'requiresOtp') {
  expectTypeOf(state.attemptsLeft).toEqualTypeOf<number>();
  expectTypeOf(state.resendsLeft).toEqualTypeOf<number>();
  expectTypeOf(state.resendAvailableAt).toEqualTypeOf<string | null>();
  expectTypeOf(state.lastError).toEqualTypeOf<Failure | null>();
}
if (state.status === 'failed') {
  expectTypeOf(state.error.code).toEqualTypeOf<Failure['code']>();
  expectTypeOf(state.payment).toEqualTypeOf<Payment | null>();
  expectTypeOf(state.retryable).toEqualTypeOf<boolean>();
}
if (state.status === 'authorized') expectTypeOf(state.payment).toEqualTypeOf<Payment>();
// @ts-expect-error: an idle payment has no payment
state.status === 'idle' && state.payment;

// Actions.
expectTypeOf<UsePaymentResult['pay']>()
  .parameter(0)
  .toMatchTypeOf<{ instrumentId: string; amount: number }>();
expectTypeOf<UsePaymentResult['resendOtp']>().returns.toEqualTypeOf<Promise<boolean>>();
expectTypeOf<UsePaymentResult['submitOtp']>().parameters.toEqualTypeOf<[otp: string]>();
expectTypeOf(usePayment).parameter(0).toEqualTypeOf<{ mode?: 'direct' | 'authorize' } | undefined>();
expectTypeOf<UseBindingResult['start']>().toBeFunction();
expectTypeOf<UseCardRegistrationResult['state']['status']>().toEqualTypeOf<
  'idle' | 'creating' | 'awaitingPage' | 'verifying' | 'succeeded' | 'failed' | 'expired' | 'stillProcessing'
>();
expectTypeOf(usePaymentActions)
  .returns.toHaveProperty('capture')
  .toEqualTypeOf<(amount?: number) => Promise<void>>();
expectTypeOf(useUnbinding).returns.toHaveProperty('resendOtp').returns.toEqualTypeOf<Promise<boolean>>();
expectTypeOf(useRefund).parameters.toEqualTypeOf<[paymentId: string]>();
expectTypeOf(useSavedCards).returns.toHaveProperty('instruments').toEqualTypeOf<Instrument[]>();
expectTypeOf(useBanks).returns.toHaveProperty('refetch').toBeFunction();
expectTypeOf(useBinding).parameter(0).not.toBeAny();
expectTypeOf(useCardRegistration).parameter(0).not.toBeAny();

// Instruments are a union: a card has no bankCode until narrowed.
declare const instrument: Instrument;
// @ts-expect-error: bankCode exists on bank accounts only
instrument.bankCode;
if (instrument.type === 'card') expectTypeOf(instrument.brand).toEqualTypeOf<'visa' | 'mastercard' | 'jcb'>();
