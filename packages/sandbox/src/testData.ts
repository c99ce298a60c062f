/** The deterministic test data, like a card network's test cards. Served at GET /sandbox/test-data. */
import { BANKS, PAYMENT_OTP_THRESHOLD_IDR } from '@ayokit/core';

export const TEST_OTP = '123456';
export const TEST_ACCOUNT_ENDINGS = {
  insufficientFunds: '0051',
  inactiveAccount: '0119',
  slowRefund: '0036',
  refundInProgress: '0202',
} as const;
/** How long a payment takes to settle at the bank (virtual seconds) unless a `bank slow` fault says otherwise. */
export const DEFAULT_SETTLE_SECONDS = 2;
/** How long a refund of a 0036 or 0202 account stays PROCESSING (virtual seconds). */
export const SLOW_REFUND_SECONDS = 120;
/** The sandbox's per-transaction limit: larger amounts answer 404xx13. */
export const MAX_PAYMENT_IDR = 100_000_000;

/** Card Acceptance test cards, like Stripe's: any holder name, a future MM/YY and any 3-digit CVV. */
export const TEST_CARDS = {
  visa: '4111111111111111',
  mastercard: '5555555555554444',
  jcb: '3530111333300000',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
  expiredCard: '4000000000000069',
  threeDSecure: '4000000000003220',
  networkError: '4000000000000119',
} as const;
/** How a registered card answers charges. Any other valid Visa, Mastercard or JCB number succeeds. */
export type CardBehaviour = 'success' | 'declined' | 'insufficientFunds' | 'expiredCard' | 'networkError';
/** The 3-D Secure challenge's OTP. */
export const TEST_3DS_OTP = TEST_OTP;
/** How long a network-error card's charge stays PENDING before it succeeds (virtual seconds). */
export const NETWORK_ERROR_RESOLVE_SECONDS = 60;

export function cardBehaviour(cardNumber: string): { behaviour: CardBehaviour; threeDSecure: boolean } {
  switch (cardNumber) {
    case TEST_CARDS.declined:
      return { behaviour: 'declined', threeDSecure: false };
    case TEST_CARDS.insufficientFunds:
      return { behaviour: 'insufficientFunds', threeDSecure: false };
    case TEST_CARDS.expiredCard:
      return { behaviour: 'expiredCard', threeDSecure: false };
    case TEST_CARDS.networkError:
      return { behaviour: 'networkError', threeDSecure: false };
    case TEST_CARDS.threeDSecure:
      return { behaviour: 'success', threeDSecure: true };
    default:
      return { behaviour: 'success', threeDSecure: false };
  }
}

export interface TestDataRow {
  input: string;
  result: string;
}

export const TEST_DATA: readonly TestDataRow[] = [
  {
    input: `OTP ${TEST_OTP}`,
    result:
      'Passes every OTP step (binding webview, payment, unbinding). Any other 6 digits is wrong; the 3rd wrong one blocks.',
  },
  {
    input: 'Account/card number: any 10–16 digits',
    result: 'Binds; the masked number shows the last 4 digits.',
  },
  {
    input: `Account ending ${TEST_ACCOUNT_ENDINGS.insufficientFunds}`,
    result: 'Payment answers 4035414 Insufficient Funds (recorded with status 06).',
  },
  {
    input: `Account ending ${TEST_ACCOUNT_ENDINGS.inactiveAccount}`,
    result: 'Payment answers 4035418 Inactive Account (recorded with status 06).',
  },
  {
    input: `Account ending ${TEST_ACCOUNT_ENDINGS.slowRefund}`,
    result: `Refund answers 5005800 Refund In Process; it completes ${SLOW_REFUND_SECONDS} virtual seconds later (callback sent).`,
  },
  {
    input: `Account ending ${TEST_ACCOUNT_ENDINGS.refundInProgress}`,
    result: `Refund answers 2025800 Request In Progress (HTTP 202); it completes ${SLOW_REFUND_SECONDS} virtual seconds later (callback sent).`,
  },
  { input: 'Card expiry in the past (MM/YY, virtual clock)', result: 'Binding fails with "Card Expired".' },
  {
    input: 'Card expiry soon + clock advance past it',
    result: 'BRI, BNI, Mandiri payments answer 4035408 Card Expired (Danamon ignores the card).',
  },
  {
    input: `Amount ≥ ${PAYMENT_OTP_THRESHOLD_IDR} IDR`,
    result: 'BRI, Mandiri, BNI, Danamon ask for an OTP; BCA and CIMB always ask.',
  },
  {
    input: `Amount 0, negative or above ${MAX_PAYMENT_IDR} IDR`,
    result: 'Payment answers 404xx13 Invalid Amount (recorded with status 06).',
  },
  { input: `Card ${TEST_CARDS.visa} (Visa)`, result: 'Registers without a challenge; charges succeed.' },
  {
    input: `Card ${TEST_CARDS.mastercard} (Mastercard)`,
    result: 'Registers without a challenge; charges succeed.',
  },
  { input: `Card ${TEST_CARDS.jcb} (JCB)`, result: 'Registers without a challenge; charges succeed.' },
  { input: `Card ${TEST_CARDS.declined}`, result: 'Registers; charges answer 403xx05 Do Not Honor.' },
  {
    input: `Card ${TEST_CARDS.insufficientFunds}`,
    result: 'Registers; charges answer 403xx14 Insufficient Funds.',
  },
  { input: `Card ${TEST_CARDS.expiredCard}`, result: 'Registers; charges answer 403xx08 Card Expired.' },
  {
    input: `Card ${TEST_CARDS.threeDSecure}`,
    result: `Registration asks for 3-D Secure (OTP ${TEST_3DS_OTP}; the 3rd wrong one fails it); charges succeed.`,
  },
  {
    input: `Card ${TEST_CARDS.networkError}`,
    result: `Charges answer 5045400 and stay PENDING, then succeed ${NETWORK_ERROR_RESOLVE_SECONDS} virtual seconds later (callback).`,
  },
  ...BANKS.map((b) => ({
    input: `Bank ${b.shortName} (${b.code})`,
    result: `re-binding ${b.rebinding}${b.rebindingRefusal && b.rebinding !== 'manyToMany' ? ` ("${b.rebindingRefusal}")` : ''}; token expiry ${b.tokenExpiry.kind === 'inactivity' ? `${b.tokenExpiry.days} days without payment` : b.tokenExpiry.kind}; unbinding OTP ${b.unbindingOtp ? 'yes' : 'no'}; refund window ${b.refundWindowDays === null ? 'unlimited' : `${b.refundWindowDays} days`}.`,
  })),
];
