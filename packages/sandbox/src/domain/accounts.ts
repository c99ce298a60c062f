/** Bank rules on bound accounts: masking, token end dates and status, re-binding, payment refusals. */
import { type Bank, type BankCode, getBank } from '@ayokit/core';
import type { SnapTokenStatus } from '@ayokit/core/snap';
import type { SnapError } from '../respond';
import type { Account, State } from '../state';

const DAY_MS = 86_400_000;
const JAKARTA_OFFSET_MS = 7 * 3_600_000;

export function maskAccountNo(accountNumber: string): string {
  return `${'*'.repeat(Math.max(accountNumber.length - 4, 0))}${accountNumber.slice(-4)}`;
}

/** The last millisecond (Jakarta time) of the card's expiry month; null when MM/YY is malformed. */
export function parseCardExpiry(value: string): number | null {
  const m = /^(\d{2})\s*\/\s*(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const month = Number(m[1]);
  const year = 2000 + Number(m[2]);
  if (month < 1 || month > 12) return null;
  return Date.UTC(year, month, 1) - JAKARTA_OFFSET_MS - 1;
}

function inactivityEnd(account: Account, days: number): number {
  return account.lastActivityAt + days * DAY_MS;
}

/** When the bank stops honouring the token; null = no end (BCA, CIMB). */
export function tokenEndDate(account: Account): number | null {
  const expiry = getBank(account.bankCode).tokenExpiry;
  switch (expiry.kind) {
    case 'none':
      return null;
    case 'cardExpiry':
      return account.cardExpiresAt;
    case 'inactivity': {
      const end = inactivityEnd(account, expiry.days);
      return expiry.dependsOnCard ? Math.min(end, account.cardExpiresAt) : end;
    }
    default:
      return expiry satisfies never;
  }
}

export function tokenStatus(account: Account, now: number): Exclude<SnapTokenStatus, 'NOT FOUND'> {
  if (account.status === 'BLOCKED') return 'BLOCKED';
  const end = tokenEndDate(account);
  return end !== null && now > end ? 'DISABLED' : 'ACTIVE';
}

/** Accounts that count for the re-binding rules: bound and still usable (blocked ones are still bound). */
function heldAccounts(state: State, bankCode: BankCode, now: number): Account[] {
  return [...state.accounts.values()].filter(
    (a) => a.bankCode === bankCode && a.status !== 'UNBINDED' && tokenStatus(a, now) !== 'DISABLED',
  );
}

/** The bank's refusal message when this user may not bind this account (seed 003); null = allowed. */
export function rebindingRefusal(
  state: State,
  bank: Bank,
  publicUserId: string,
  accountNumber: string,
  now: number,
): string | null {
  const held = heldAccounts(state, bank.code, now);
  const refused = (() => {
    switch (bank.rebinding) {
      case 'manyToMany':
        return false;
      case 'oneAccountPerUser':
        return held.some((a) => a.publicUserId === publicUserId);
      case 'oneUserPerAccount':
      case 'oneBindingPerAccount':
        return held.some((a) => a.accountNumber === accountNumber);
      case 'noSameAccountTwice':
        return held.some((a) => a.publicUserId === publicUserId && a.accountNumber === accountNumber);
      default:
        return bank.rebinding satisfies never;
    }
  })();
  return refused ? rebindingRefusalReason(bank) : null;
}

/** The failure reason a binding refused by the bank's re-binding rule carries. */
export function rebindingRefusalReason(bank: Bank): string {
  return bank.rebindingRefusal || 'Request Not Allowed';
}

/** Why the bank refuses to debit this token now (blocked, inactive, card expired); null = it may. */
export function accountPaymentRefusal(account: Account, now: number): SnapError | null {
  if (account.status === 'BLOCKED') return { kase: 'inactiveAccount', message: 'Account Blocked' };
  const expiry = getBank(account.bankCode).tokenExpiry;
  if (expiry.kind === 'inactivity' && now > inactivityEnd(account, expiry.days)) {
    return { kase: 'inactiveAccount', message: 'Account Blocked. Token disabled after inactivity' };
  }
  const cardMatters = expiry.kind === 'cardExpiry' || (expiry.kind === 'inactivity' && expiry.dependsOnCard);
  if (cardMatters && now > account.cardExpiresAt) return { kase: 'cardExpired' };
  return null;
}
