/**
 * Stable error codes of the browser-facing API. Each comes with an HTTP status and an English
 * default message; the UI translates by code.
 */
export const ERROR_CODES = {
  INVALID_REQUEST: 400,
  INVALID_JSON: 400,
  IDEMPOTENCY_KEY_MISSING: 400,
  IDEMPOTENCY_KEY_REUSED: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN_ORIGIN: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_STATE: 409,
  REBINDING_NOT_ALLOWED: 409,
  INSTRUMENT_NOT_ACTIVE: 409,
  OTP_INVALID: 422,
  OTP_EXPIRED: 422,
  OTP_BLOCKED: 422,
  INSUFFICIENT_FUNDS: 402,
  CARD_EXPIRED: 402,
  ACCOUNT_INACTIVE: 402,
  ACCOUNT_BLOCKED: 402,
  INVALID_AMOUNT: 422,
  REFUND_EXCEEDS_PAYMENT: 422,
  REFUND_NOT_ALLOWED: 422,
  PARTIAL_REFUND_NOT_ALLOWED: 422,
  CAPTURE_EXCEEDS_AUTHORIZATION: 422,
  MODE_NOT_SUPPORTED: 422,
  /** The payment provider offers no API for this (a capability of the wire profile is off). */
  NOT_SUPPORTED: 422,
  CHECKOUT_PAID: 409,
  CHECKOUT_IN_PROGRESS: 409,
  CHECKOUT_EXPIRED: 410,
  CHECKOUT_CANCELLED: 409,
  PAYMENT_DECLINED: 402,
  RATE_LIMITED: 429,
  UPSTREAM_UNAVAILABLE: 502,
  UPSTREAM_REJECTED: 502,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  INVALID_REQUEST: 'The request is not valid.',
  INVALID_JSON: 'The request body is not valid JSON.',
  IDEMPOTENCY_KEY_MISSING: 'This request needs an Idempotency-Key header.',
  IDEMPOTENCY_KEY_REUSED: 'This Idempotency-Key was already used for a different request.',
  UNAUTHENTICATED: 'You are not signed in.',
  FORBIDDEN_ORIGIN: 'This request did not come from an allowed origin.',
  FORBIDDEN: 'Your role does not allow this action.',
  NOT_FOUND: 'Not found.',
  INVALID_STATE: 'This action is not possible in the current state.',
  REBINDING_NOT_ALLOWED: 'The bank does not allow binding another account for this user.',
  INSTRUMENT_NOT_ACTIVE: 'This account cannot be used for payments.',
  OTP_INVALID: 'The OTP is not correct.',
  OTP_EXPIRED: 'The OTP has expired.',
  OTP_BLOCKED: 'Too many wrong OTPs: the account is blocked by the bank.',
  INSUFFICIENT_FUNDS: 'The account has insufficient funds.',
  CARD_EXPIRED: 'The card has expired.',
  ACCOUNT_INACTIVE: 'The bank account is inactive.',
  ACCOUNT_BLOCKED: 'The bank account is blocked.',
  INVALID_AMOUNT: 'The amount is not valid.',
  REFUND_EXCEEDS_PAYMENT: 'The refund is larger than what is left to refund.',
  REFUND_NOT_ALLOWED: 'The bank does not allow this refund.',
  PARTIAL_REFUND_NOT_ALLOWED: 'Card payments can only be refunded in full.',
  CAPTURE_EXCEEDS_AUTHORIZATION: 'A capture can be at most 120% of the authorised amount.',
  MODE_NOT_SUPPORTED: 'Only card payments can be authorised first and captured later.',
  NOT_SUPPORTED: 'The payment provider does not offer this action.',
  CHECKOUT_PAID: 'This checkout has already been paid.',
  CHECKOUT_IN_PROGRESS: 'A payment for this checkout is already under way.',
  CHECKOUT_EXPIRED: 'This checkout has expired.',
  CHECKOUT_CANCELLED: 'This checkout was cancelled.',
  PAYMENT_DECLINED: 'The bank declined the payment.',
  RATE_LIMITED: 'Too many attempts. Please wait and try again.',
  UPSTREAM_UNAVAILABLE: 'The bank could not be reached. Please try again.',
  UPSTREAM_REJECTED: 'The payment provider rejected the request.',
  INTERNAL: 'Something went wrong on our side.',
};

/** The error body every non-2xx response of /ayokit/v1 carries. */
export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  responseCode?: string;
  /** For INVALID_REQUEST: which fields were wrong. */
  issues?: { path: string; message: string }[];
}

export class AyoError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly responseCode: string | undefined;
  readonly issues: ApiErrorBody['issues'];

  constructor(
    code: ErrorCode,
    message?: string,
    extra?: { responseCode?: string; issues?: ApiErrorBody['issues'] },
  ) {
    super(message ?? ERROR_MESSAGES[code]);
    this.name = 'AyoError';
    this.code = code;
    this.status = ERROR_CODES[code];
    this.responseCode = extra?.responseCode;
    this.issues = extra?.issues;
  }

  toJSON(): ApiErrorBody {
    const body: ApiErrorBody = { code: this.code, message: this.message };
    if (this.responseCode) body.responseCode = this.responseCode;
    if (this.issues) body.issues = this.issues;
    return body;
  }
}

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && code in ERROR_CODES;
}
