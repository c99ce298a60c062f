/**
 * Every wire name of Ayoconnect's Card Acceptance API (a separate, non-SNAP API on Mastercard's
 * gateway) that the sandbox serves and the proxy speaks. AYOCONNECT-API.md gives the token path,
 * the operations, the statuses, the service codes and the header roles; every path below the
 * token, every header name and every body field name is our guess and lives only here.
 */

import type { SnapAmount } from './bodies';
import { CASES, type SnapCase } from './protocol';

/** Token endpoint, form-encoded `client_id` + `client_secret` [code]. */
export const CARD_TOKEN_PATH = '/v1/oauth/client_credential/accesstoken';
export const CARD_TOKEN_TTL_SECONDS = 3600;
/** The token request: `grant_type` in the query string, the credentials form-encoded [code]. */
export const CARD_TOKEN_FORM = {
  grantType: 'grant_type',
  clientId: 'client_id',
  clientSecret: 'client_secret',
} as const;

/** [guess from page names: "Generate Webview" under /api/v1/lab/mpgs/cards]. */
export const CARD_BASE_PATH = '/api/v1/lab/mpgs/cards';

export const CARD_PATHS = {
  registration: `${CARD_BASE_PATH}/generate-webview`,
  cards: `${CARD_BASE_PATH}/list`,
  unbinding: `${CARD_BASE_PATH}/unbinding`,
  charge: `${CARD_BASE_PATH}/create-charge`,
  status: `${CARD_BASE_PATH}/payment-status`,
  void: `${CARD_BASE_PATH}/void`,
  refund: `${CARD_BASE_PATH}/refund`,
} as const;
export type CardEndpoint = keyof typeof CARD_PATHS;

/** Two-digit service codes of the Card Acceptance API [doc]. `token` is ours. */
export const CARD_SERVICE_CODES: Record<CardEndpoint | 'token', string> = {
  token: '00',
  registration: '01',
  cards: '03',
  unbinding: '04',
  charge: '54',
  status: '55',
  void: '57',
  refund: '58',
};

/**
 * Response codes keep the SNAP shape (HTTP status + service code + case) [guess]. Cases beyond
 * the shared ones: a declined card is SNAP's "Do Not Honor" (403xx05).
 */
export const CARD_CASES = {
  ...CASES,
  doNotHonor: ['403', '05'],
} as const satisfies Record<string, readonly [string, string]>;
export type CardCase = SnapCase | 'doNotHonor';

export function cardResponseCode(endpoint: CardEndpoint | 'token', kase: CardCase): string {
  const [http, caseCode] = CARD_CASES[kase];
  return `${http}${CARD_SERVICE_CODES[endpoint]}${caseCode}`;
}

/** Header roles are [doc]; the names are ours. */
export const CARD_HEADERS = {
  authorization: 'Authorization',
  /** ISO 8601 with milliseconds and offset, e.g. 2026-11-23T19:04:05.123+07:00. */
  timestamp: 'X-TIMESTAMP',
  /** 32 alphanumerics, new for every request. */
  requestId: 'X-REQUEST-ID',
  /** 6-character merchant code. */
  merchantCode: 'X-MERCHANT-CODE',
  /** One id shared by every call of a flow (registration; charge → capture/void/refund). */
  correlationId: 'X-CORRELATION-ID',
} as const;

/** X-TIMESTAMP of the card API: milliseconds and an offset are required. */
export const CARD_TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(?:Z|[+-]\d{2}:\d{2})$/;
export const CARD_REQUEST_ID_PATTERN = /^[A-Za-z0-9]{32}$/;

/** A card X-TIMESTAMP, in Jakarta time: 2026-11-23T19:04:05.123+07:00. */
export function cardTimestamp(ms: number): string {
  const d = new Date(ms + 7 * 3_600_000);
  return `${d.toISOString().slice(0, 23)}+07:00`;
}

/**
 * The registration page sends the user back to `successRedirectUrl` / `failedRedirectUrl` with
 * these query parameters appended [guess]; `status` is the registration status (SUCCESS or FAILED).
 */
export const CARD_REDIRECT_QUERY = { referenceNo: 'referenceNo', status: 'status' } as const;

export const CARD_TOKEN_LENGTH = 40;
export const CARD_REGISTRATION_SESSION_SECONDS = 300;
/** CAPTURE may take up to 120 % of the authorised amount [doc]. */
export const CAPTURE_MAX_RATIO = 1.2;
/** How long an authorisation waits for its capture before the gateway voids it [guess]. */
export const AUTHORIZATION_WINDOW_SECONDS = 7 * 24 * 3600;

export const CARD_BRANDS = ['VISA', 'MASTERCARD', 'JCB'] as const;
export type CardBrand = (typeof CARD_BRANDS)[number];

/** Registration statuses [doc: PENDING, SUCCESS, UNBINDED]; FAILED is ours (3-D Secure failed, session expired). */
export const CARD_REGISTRATION_STATUSES = ['PENDING', 'SUCCESS', 'FAILED', 'UNBINDED'] as const;
export type CardRegistrationStatus = (typeof CARD_REGISTRATION_STATUSES)[number];

/** Payment statuses [doc]. */
export const CARD_PAYMENT_STATUSES = [
  'PENDING',
  'SUCCESS',
  'AUTHORIZED',
  'VOIDED',
  'REFUNDED',
  'FAILED',
] as const;
export type CardPaymentStatus = (typeof CARD_PAYMENT_STATUSES)[number];

export const CARD_OPERATIONS = ['PAY', 'AUTHORIZE', 'CAPTURE'] as const;
export type CardOperation = (typeof CARD_OPERATIONS)[number];

// ---- bodies --------------------------------------------------------------------------------

export interface CardResponse {
  responseCode: string;
  responseMessage: string;
}

/** Form fields of the token request: grant_type=client_credentials in the query string. */
export interface CardTokenResponse {
  access_token: string;
  token_type: 'BearerToken';
  /** Seconds, as a string (Apigee style). */
  expires_in: string;
  issued_at: string;
  status: 'approved';
}

export interface CardRegistrationRequest {
  /** The merchant's id of its user; cards are listed per customer. */
  customerId: string;
  lang?: 'ID' | 'EN';
  successRedirectUrl?: string;
  failedRedirectUrl?: string;
}
export interface CardRegistrationResponse extends CardResponse {
  referenceNo: string;
  webviewUrl: string;
  registrationStatus: 'PENDING';
  sessionExpiresAt: string;
}

/** A card as the list and the registration callback show it; no token until SUCCESS. */
export interface CardRecord {
  /** The registration's referenceNo. */
  referenceNo: string;
  registrationStatus: CardRegistrationStatus;
  cardToken?: string;
  brand?: CardBrand;
  /** e.g. 411111******1111 */
  maskedCardNumber?: string;
  expiryMonth?: string;
  expiryYear?: string;
  failureReason?: string;
}

export interface CardListRequest {
  customerId: string;
  /** Only this registration. */
  referenceNo?: string;
}
export interface CardListResponse extends CardResponse {
  customerId: string;
  cards: CardRecord[];
}

export interface CardUnbindingRequest {
  customerId: string;
  cardToken: string;
}
export interface CardUnbindingResponse extends CardResponse {
  registrationStatus: 'UNBINDED';
}

export interface CardChargeRequest {
  /** 32 alphanumerics, unique per charge operation; re-sent on retry. */
  partnerReferenceNo: string;
  customerId: string;
  operation: CardOperation;
  amount: SnapAmount;
  /** PAY and AUTHORIZE. */
  cardToken?: string;
  /** CAPTURE: the referenceNo of the authorisation. */
  originalReferenceNo?: string;
  description?: string;
}

export interface CardPaymentView {
  referenceNo: string;
  partnerReferenceNo: string;
  operation: 'PAY' | 'AUTHORIZE';
  transactionStatus: CardPaymentStatus;
  amount: SnapAmount;
  /** AUTHORIZE: the amount held. */
  authorizedAmount?: SnapAmount;
  capturedAmount?: SnapAmount;
  refundedAmount?: SnapAmount;
  /** AUTHORIZE: when an uncaptured authorisation is voided. */
  authorizationExpiresAt?: string;
  /** FAILED: the responseCode that failed it. */
  failureResponseCode?: string;
  failureReason?: string;
}
export interface CardChargeResponse extends CardResponse, CardPaymentView {}

export interface CardStatusRequest {
  originalReferenceNo?: string;
  originalPartnerReferenceNo?: string;
}
export interface CardStatusResponse extends CardResponse, CardPaymentView {}

export interface CardVoidRequest {
  partnerReferenceNo: string;
  originalReferenceNo: string;
  reason?: string;
}
export interface CardVoidResponse extends CardResponse, CardPaymentView {}

export interface CardRefundRequest {
  partnerRefundNo: string;
  originalReferenceNo: string;
  /** Must equal the captured (or paid) amount: full refunds only [doc]. */
  refundAmount: SnapAmount;
  reason?: string;
}
export interface CardRefundResponse extends CardResponse, CardPaymentView {
  refundNo: string;
}

/** Callbacks: X-CALLBACK-TYPE `card_registration` / `card_payment`, signed like Direct Debit's. */
export interface CardRegistrationCallback extends CardResponse {
  customerId: string;
  card: CardRecord;
}
export interface CardPaymentCallback extends CardResponse, CardPaymentView {}
