/**
 * Every wire name of Ayoconnect's Direct Debit v3 (SNAP) that the sandbox serves and the proxy
 * speaks. Facts marked [snap] in AYOCONNECT-API.md are assumptions: correct them here, once.
 */
import { DEFAULT_WIRE_PROFILE, type WireProfile } from './profile';

export const DD_BASE_PATH = '/dd/api/v3.0';

/** A merchant id (X-PARTNER-ID, the bodies' merchantId) or a card merchant code: 6 letters or digits. */
export const MERCHANT_ID_PATTERN = /^[A-Za-z0-9]{6}$/;

/** The default paths of the wire profile (`profile.dd.paths`); a merchant's profile may move them. */
export const DD_PATHS: Readonly<WireProfile['dd']['paths']> = DEFAULT_WIRE_PROFILE.dd.paths;

export type DdEndpoint = keyof typeof DD_PATHS;

/** Two-digit service codes, the middle of every 7-digit responseCode. */
export const SERVICE_CODES: Record<DdEndpoint, string> = {
  b2bToken: '73',
  b2b2cToken: '74',
  binding: '07',
  bindingInquiry: '08',
  unbinding: '09',
  payment: '54',
  verifyOtp: '04',
  otp: '81',
  paymentStatus: '55',
  refund: '58',
};

/** The case codes we use, keyed by meaning; the HTTP status is the first three digits. */
export const CASES = {
  success: ['200', '00'],
  inProgress: ['202', '00'],
  invalidFieldFormat: ['400', '01'],
  missingField: ['400', '02'],
  unauthorizedSignature: ['401', '00'],
  invalidToken: ['401', '01'],
  invalidCustomerToken: ['401', '02'],
  cardExpired: ['403', '08'],
  otpBlocked: ['403', '11'],
  otpExpired: ['403', '12'],
  insufficientFunds: ['403', '14'],
  inactiveAccount: ['403', '18'],
  requestNotAllowed: ['403', '15'],
  transactionNotFound: ['404', '01'],
  invalidAccount: ['404', '11'],
  invalidAmount: ['404', '13'],
  invalidOtp: ['404', '15'],
  conflictExternalId: ['409', '00'],
  duplicatePartnerReference: ['409', '01'],
  tooManyRequests: ['429', '00'],
  generalError: ['500', '00'],
  internalServerError: ['500', '01'],
  timeout: ['504', '00'],
} as const satisfies Record<string, readonly [string, string]>;

export type SnapCase = keyof typeof CASES;

export function responseCode(endpoint: DdEndpoint, kase: SnapCase): string {
  const [http, caseCode] = CASES[kase];
  return `${http}${SERVICE_CODES[endpoint]}${caseCode}`;
}

export interface ParsedResponseCode {
  httpStatus: number;
  serviceCode: string;
  caseCode: string;
  case: SnapCase | null;
}

export function parseResponseCode(code: unknown): ParsedResponseCode | null {
  if (typeof code !== 'string' || !/^\d{7}$/.test(code)) return null;
  const http = code.slice(0, 3);
  const caseCode = code.slice(5, 7);
  const kase =
    (Object.keys(CASES) as SnapCase[]).find((k) => CASES[k][0] === http && CASES[k][1] === caseCode) ?? null;
  return { httpStatus: Number(http), serviceCode: code.slice(3, 5), caseCode, case: kase };
}

/** SNAP `latestTransactionStatus` values of the payment status API [snap]. */
export const TRANSACTION_STATUS = {
  success: '00',
  initiated: '01',
  paying: '02',
  pending: '03',
  refunded: '04',
  cancelled: '05',
  failed: '06',
  notFound: '07',
} as const;
export type TransactionStatusCode = (typeof TRANSACTION_STATUS)[keyof typeof TRANSACTION_STATUS];

export const TRANSACTION_STATUS_DESC: Record<TransactionStatusCode, string> = {
  '00': 'Success',
  '01': 'Initiated',
  '02': 'Paying',
  '03': 'Pending',
  '04': 'Refunded',
  '05': 'Cancelled',
  '06': 'Failed',
  '07': 'Not Found',
};

export const BINDING_STATUSES = [
  'IN_PROGRESS',
  'VERIFICATION_PENDING',
  'SUCCESS',
  'FAIL',
  'UNBINDED',
] as const;
export type SnapBindingStatus = (typeof BINDING_STATUSES)[number];

export const TOKEN_STATUSES = ['ACTIVE', 'DISABLED', 'BLOCKED', 'NOT FOUND'] as const;
export type SnapTokenStatus = (typeof TOKEN_STATUSES)[number];

export const HEADERS = {
  timestamp: 'X-TIMESTAMP',
  signature: 'X-SIGNATURE',
  clientKey: 'X-CLIENT-KEY',
  partnerId: 'X-PARTNER-ID',
  externalId: 'X-EXTERNAL-ID',
  channelId: 'CHANNEL-ID',
  authorization: 'Authorization',
  customerAuthorization: 'Authorization-Customer',
} as const;

/** How far X-TIMESTAMP may be from the server's clock [snap]. */
export const TIMESTAMP_TOLERANCE_SECONDS = 300;
export const B2B_TOKEN_TTL_SECONDS = 3600;
export const B2B2C_TOKEN_TTL_SECONDS = 900;
export const OTP_LENGTH = 6;
export const OTP_MAX_ATTEMPTS = 3;
export const OTP_TTL_SECONDS = 300;
/** A new OTP no sooner than this after the last one, and at most this many per challenge [guess]. */
export const OTP_RESEND_COOLDOWN_SECONDS = 30;
export const OTP_MAX_RESENDS = 3;
export const BINDING_SESSION_DEFAULT_MINUTES = 3;
export const BINDING_SESSION_MIN_MINUTES = 1;
export const BINDING_SESSION_MAX_MINUTES = 60;
/** Callbacks: first try, then retries after these delays (seconds) [doc: immediately, 1, 2, 5 min]. */
export const CALLBACK_RETRY_DELAYS_SECONDS = [0, 60, 120, 300] as const;

/** The default of `profile.dd.callbackTypeHeader` (our name; Ayoconnect's is not public). */
export const CALLBACK_TYPE_HEADER = DEFAULT_WIRE_PROFILE.dd.callbackTypeHeader ?? 'X-CALLBACK-TYPE';
