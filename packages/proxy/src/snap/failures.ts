import type { ErrorCode, Failure } from '@ayokit/core';
import { ERROR_MESSAGES } from '@ayokit/core';
import { type ParsedResponseCode, parseResponseCode, type SnapCase } from '@ayokit/core/snap';

const BY_CASE: Partial<Record<SnapCase, ErrorCode>> = {
  cardExpired: 'CARD_EXPIRED',
  otpBlocked: 'OTP_BLOCKED',
  otpExpired: 'OTP_EXPIRED',
  insufficientFunds: 'INSUFFICIENT_FUNDS',
  inactiveAccount: 'ACCOUNT_INACTIVE',
  requestNotAllowed: 'REFUND_NOT_ALLOWED',
  invalidAccount: 'INSTRUMENT_NOT_ACTIVE',
  invalidAmount: 'INVALID_AMOUNT',
  invalidOtp: 'OTP_INVALID',
  tooManyRequests: 'RATE_LIMITED',
  invalidCustomerToken: 'INSTRUMENT_NOT_ACTIVE',
};

/** What a bank's refusal means to the shopper, keeping the upstream responseCode. */
export function failureFromResponse(
  responseCode: string | ParsedResponseCode | null | undefined,
  fallback: ErrorCode = 'PAYMENT_DECLINED',
  upstreamMessage?: string,
): Failure {
  const parsed = typeof responseCode === 'string' ? parseResponseCode(responseCode) : (responseCode ?? null);
  const code = (parsed?.case && BY_CASE[parsed.case]) || fallback;
  const failure: Failure = { code, message: ERROR_MESSAGES[code] };
  const raw = typeof responseCode === 'string' ? responseCode : parsed ? raw7(parsed) : undefined;
  if (raw) failure.responseCode = raw;
  // The bank's own words, when they are text a row can hold (no NUL: PostgreSQL refuses it).
  if (
    typeof upstreamMessage === 'string' &&
    upstreamMessage &&
    !upstreamMessage.includes('\u0000') &&
    code === fallback
  )
    failure.message = `${ERROR_MESSAGES[code]} (${upstreamMessage.slice(0, 256)})`;
  return failure;
}

function raw7(p: ParsedResponseCode): string {
  return `${p.httpStatus}${p.serviceCode}${p.caseCode}`;
}
