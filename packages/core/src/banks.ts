/**
 * The six Direct Debit banks and their rules, as data. Seed 003 (re-binding, token expiry) and
 * AYOCONNECT-API.md (OTP, refund windows). Every layer reads this table: the sandbox enforces it,
 * the proxy explains it, the UI shows it. A bank's difference is a row here, never a branch.
 */
export const BANK_CODES = ['014', '002', '008', '009', '011', '022'] as const;
export type BankCode = (typeof BANK_CODES)[number];

/**
 * How a bank treats binding an account that is already bound on this merchant:
 * - `oneAccountPerUser` (BCA): an account may be bound by many users, a user may hold one account.
 * - `manyToMany` (BRI): any user, any number of accounts, the same account by many users.
 * - `oneUserPerAccount` (BNI, Mandiri): an account is bound once per merchant; a user may hold many.
 * - `oneBindingPerAccount` (Danamon): an account is bound once per merchant.
 * - `noSameAccountTwice` (CIMB, not in seed 003): the general rule of seed 003, "most banks reject
 *   binding the same card again on the same merchant".
 */
export type RebindingRule =
  | 'oneAccountPerUser'
  | 'manyToMany'
  | 'oneUserPerAccount'
  | 'oneBindingPerAccount'
  | 'noSameAccountTwice';

/** How long a bank keeps an accountToken alive (seed 003). */
export type TokenExpiry =
  | { kind: 'none' }
  | { kind: 'cardExpiry' }
  | { kind: 'inactivity'; days: number; dependsOnCard: boolean };

export interface Bank {
  code: BankCode;
  /** Short name shown on the bank's logo. */
  shortName: string;
  name: string;
  /** Payment OTP: `always` (BCA, CIMB) or `aboveThreshold` (the bank supports both). */
  paymentOtp: 'always' | 'aboveThreshold';
  unbindingOtp: boolean;
  rebinding: RebindingRule;
  /** The message the bank's webview shows when it refuses a re-binding (seed 003). */
  rebindingRefusal: string;
  tokenExpiry: TokenExpiry;
  /** Days after payment within which a refund is accepted; null = unlimited. */
  refundWindowDays: number | null;
}

export const BANKS: readonly Bank[] = [
  {
    code: '014',
    shortName: 'BCA',
    name: 'Bank Central Asia',
    paymentOtp: 'always',
    unbindingOtp: false,
    rebinding: 'oneAccountPerUser',
    rebindingRefusal: 'Account Already Registered',
    tokenExpiry: { kind: 'none' },
    refundWindowDays: null,
  },
  {
    code: '002',
    shortName: 'BRI',
    name: 'Bank Rakyat Indonesia',
    paymentOtp: 'aboveThreshold',
    unbindingOtp: false,
    rebinding: 'manyToMany',
    rebindingRefusal: '',
    tokenExpiry: { kind: 'cardExpiry' },
    refundWindowDays: 90,
  },
  {
    code: '008',
    shortName: 'Mandiri',
    name: 'Bank Mandiri',
    paymentOtp: 'aboveThreshold',
    unbindingOtp: false,
    rebinding: 'oneUserPerAccount',
    rebindingRefusal: 'Internal Server Error',
    tokenExpiry: { kind: 'inactivity', days: 90, dependsOnCard: true },
    refundWindowDays: 365,
  },
  {
    code: '009',
    shortName: 'BNI',
    name: 'Bank Negara Indonesia',
    paymentOtp: 'aboveThreshold',
    unbindingOtp: true,
    rebinding: 'oneUserPerAccount',
    rebindingRefusal: 'Request Not Allowed',
    tokenExpiry: { kind: 'cardExpiry' },
    refundWindowDays: null,
  },
  {
    code: '011',
    shortName: 'Danamon',
    name: 'Bank Danamon',
    paymentOtp: 'aboveThreshold',
    unbindingOtp: true,
    rebinding: 'oneBindingPerAccount',
    rebindingRefusal: 'Account Already Bound',
    tokenExpiry: { kind: 'inactivity', days: 365, dependsOnCard: false },
    refundWindowDays: 30,
  },
  {
    code: '022',
    shortName: 'CIMB',
    name: 'CIMB Niaga',
    paymentOtp: 'always',
    unbindingOtp: false,
    rebinding: 'noSameAccountTwice',
    rebindingRefusal: 'Account Already Bound',
    tokenExpiry: { kind: 'none' },
    refundWindowDays: 7,
  },
];

const byCode = new Map(BANKS.map((b) => [b.code, b]));

export function isBankCode(code: unknown): code is BankCode {
  return typeof code === 'string' && byCode.has(code as BankCode);
}

export function getBank(code: BankCode): Bank {
  const bank = byCode.get(code);
  if (!bank) throw new Error(`Unknown bank code ${code}`);
  return bank;
}

/** Amount (IDR) from which a bank that supports both asks for an OTP on payment. */
export const PAYMENT_OTP_THRESHOLD_IDR = 1_000_000;

export function paymentNeedsOtp(bank: Bank, amount: number): boolean {
  return bank.paymentOtp === 'always' || amount >= PAYMENT_OTP_THRESHOLD_IDR;
}

/** Why a user may not start another binding with a bank, given the accounts they hold; null = may. */
export function rebindingBlockedFor(
  bank: Bank,
  activeBindingsWithBank: number,
): 'ONE_ACCOUNT_PER_USER' | null {
  return bank.rebinding === 'oneAccountPerUser' && activeBindingsWithBank > 0 ? 'ONE_ACCOUNT_PER_USER' : null;
}
