/** SNAP answers as data: an endpoint, a case, a message; the HTTP status is the code's first three digits. */
import {
  type CardCase,
  type CardEndpoint,
  type CardResponse,
  cardResponseCode,
  type DdEndpoint,
  responseCode,
  type SnapCase,
  type SnapResponse,
} from '@ayokit/core/snap';

export const CASE_MESSAGES: Record<SnapCase, string> = {
  success: 'Successful',
  inProgress: 'Request In Progress',
  invalidFieldFormat: 'Invalid Field Format',
  missingField: 'Invalid Mandatory Field',
  unauthorizedSignature: 'Unauthorized. Signature',
  invalidToken: 'Invalid Token (B2B)',
  invalidCustomerToken: 'Invalid Customer Token',
  cardExpired: 'Card Expired',
  otpBlocked: 'OTP Blocked',
  otpExpired: 'OTP Expired',
  insufficientFunds: 'Insufficient Funds',
  inactiveAccount: 'Inactive Account',
  requestNotAllowed: 'Request Not Allowed',
  transactionNotFound: 'Transaction Not Found',
  invalidAccount: 'Invalid Account',
  invalidAmount: 'Invalid Amount',
  invalidOtp: 'Invalid OTP',
  conflictExternalId: 'Conflict',
  duplicatePartnerReference: 'Duplicate partnerReferenceNo',
  tooManyRequests: 'Too Many Requests',
  generalError: 'General Error',
  internalServerError: 'Internal Server Error',
  timeout: 'Timeout',
};

/** A refusal: which case, and the message when it is not the case's standard one. */
export interface SnapError {
  kase: SnapCase;
  message?: string;
  additionalInfo?: Record<string, unknown>;
  /** Top-level fields of the answer (e.g. a refused payment's referenceNo, for the status API). */
  fields?: Record<string, unknown>;
}

export function fieldError(kase: 'missingField' | 'invalidFieldFormat', field: string): SnapError {
  return { kase, message: `${CASE_MESSAGES[kase]} {${field}}` };
}

export function snapBody(endpoint: DdEndpoint, kase: SnapCase, message?: string): SnapResponse {
  return { responseCode: responseCode(endpoint, kase), responseMessage: message ?? CASE_MESSAGES[kase] };
}

export function httpStatusOf(code: string): number {
  return Number(code.slice(0, 3));
}

export function snapJson(body: SnapResponse): Response {
  return new Response(JSON.stringify(body), {
    status: httpStatusOf(body.responseCode),
    headers: { 'content-type': 'application/json' },
  });
}

export function errorResponse(endpoint: DdEndpoint, error: SnapError): Response {
  const body: SnapResponse & { additionalInfo?: Record<string, unknown> } = {
    ...snapBody(endpoint, error.kase, error.message),
    ...error.fields,
  };
  if (error.additionalInfo) body.additionalInfo = error.additionalInfo;
  return snapJson(body);
}

// ---- Card Acceptance ----------------------------------------------------------------------

export type CardApiEndpoint = CardEndpoint | 'token';

export const CARD_CASE_MESSAGES: Record<CardCase, string> = {
  ...CASE_MESSAGES,
  invalidToken: 'Invalid Token',
  doNotHonor: 'Do Not Honor',
};

/** A card API refusal; every SnapError (e.g. a FieldReader issue) is one. */
export interface CardError {
  kase: CardCase;
  message?: string;
  additionalInfo?: Record<string, unknown>;
}

export function cardBody(endpoint: CardApiEndpoint, kase: CardCase, message?: string): CardResponse {
  return {
    responseCode: cardResponseCode(endpoint, kase),
    responseMessage: message ?? CARD_CASE_MESSAGES[kase],
  };
}

export function cardErrorResponse(endpoint: CardApiEndpoint, error: CardError): Response {
  const body: CardResponse & { additionalInfo?: Record<string, unknown> } = cardBody(
    endpoint,
    error.kase,
    error.message,
  );
  if (error.additionalInfo) body.additionalInfo = error.additionalInfo;
  return snapJson(body);
}
