/**
 * Type tests of the public hook signatures, checked by `tsc` (the typecheck step): a change that
 * breaks what a team's code compiles against fails here, not in their build.
 */
import type {
  AuditEntry,
  Checkout,
  Failure,
  Instrument,
  Payment,
  StaffIdentity,
  StaffPayment,
  StaffRole,
} from '@ayokit/core';
import { expectTypeOf } from 'vitest';
import type {
  AyoProviderProps,
  PayInput,
  PaymentState,
  UseBindingResult,
  UseCardRegistrationResult,
  UsePaymentResult,
} from './index';
import {
  useAuditTrail,
  useBanks,
  useBinding,
  useCardRegistration,
  useCheckout,
  usePayment,
  usePaymentActions,
  usePaymentStatus,
  useRefund,
  useSavedCards,
  useStaff,
  useStaffPayments,
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

// The shopper names a checkout and an instrument: never an amount, an order or a mode.
expectTypeOf<PayInput>().toEqualTypeOf<{ checkoutId: string; instrumentId: string }>();
expectTypeOf<UsePaymentResult['pay']>().parameter(0).toEqualTypeOf<PayInput>();
// @ts-expect-error: the amount is the checkout's, fixed by the merchant's server
({ checkoutId: 'chk_x', instrumentId: 'ins_x', amount: 1000 }) satisfies PayInput;
expectTypeOf(usePayment).parameters.toEqualTypeOf<[]>();
expectTypeOf<UsePaymentResult['resume']>().parameters.toEqualTypeOf<[paymentId: string]>();
expectTypeOf<UsePaymentResult['resendOtp']>().returns.toEqualTypeOf<Promise<boolean>>();
expectTypeOf<UsePaymentResult['submitOtp']>().parameters.toEqualTypeOf<[otp: string]>();
expectTypeOf(useCheckout).parameters.toEqualTypeOf<[checkoutId: string]>();
expectTypeOf(useCheckout).returns.toHaveProperty('data').toEqualTypeOf<Checkout | undefined>();
expectTypeOf<UseBindingResult['start']>().toBeFunction();
expectTypeOf<UseCardRegistrationResult['state']['status']>().toEqualTypeOf<
  'idle' | 'creating' | 'awaitingPage' | 'verifying' | 'succeeded' | 'failed' | 'expired' | 'stillProcessing'
>();

// The provider's audience.
expectTypeOf<AyoProviderProps['audience']>().toEqualTypeOf<'shopper' | 'staff' | undefined>();

// Back office.
expectTypeOf(usePaymentActions)
  .returns.toHaveProperty('capture')
  .toEqualTypeOf<(amount?: number) => Promise<void>>();
expectTypeOf(useRefund).parameters.toEqualTypeOf<[paymentId: string]>();
expectTypeOf(usePaymentStatus).returns.toHaveProperty('data').toEqualTypeOf<Payment | undefined>();
expectTypeOf(useStaff).returns.toHaveProperty('data').toEqualTypeOf<StaffIdentity | undefined>();
expectTypeOf(useStaff).returns.toHaveProperty('can').toEqualTypeOf<(role: StaffRole) => boolean>();
expectTypeOf(useStaffPayments).returns.toHaveProperty('data').toEqualTypeOf<StaffPayment[] | undefined>();
expectTypeOf(useStaffPayments).parameter(0).exclude<undefined>().toHaveProperty('userId');
expectTypeOf(useAuditTrail).returns.toHaveProperty('data').toEqualTypeOf<AuditEntry[] | undefined>();
expectTypeOf(useAuditTrail).parameter(0).toEqualTypeOf<{ paymentId?: string; limit?: number } | undefined>();

expectTypeOf(useUnbinding).returns.toHaveProperty('resendOtp').returns.toEqualTypeOf<Promise<boolean>>();
expectTypeOf(useSavedCards).returns.toHaveProperty('instruments').toEqualTypeOf<Instrument[]>();
expectTypeOf(useBanks).returns.toHaveProperty('refetch').toBeFunction();
expectTypeOf(useBinding).parameter(0).not.toBeAny();
expectTypeOf(useCardRegistration).parameter(0).not.toBeAny();

// Instruments are a union: a card has no bankCode until narrowed.
declare const instrument: Instrument;
// @ts-expect-error: bankCode exists on bank accounts only
instrument.bankCode;
if (instrument.type === 'card') expectTypeOf(instrument.brand).toEqualTypeOf<'visa' | 'mastercard' | 'jcb'>();
