/**
 * Every wire name of Ayoconnect's Card Acceptance API (a separate, non-SNAP API on Mastercard's
 * gateway) that the sandbox serves and the proxy speaks. AYOCONNECT-API.md §2, §3 and §9 give the
 * token path and answer, the operations, the statuses, the service codes, the header roles and,
 * for generate-webview, create-charge and the status GET, each field's role and length but few
 * names. Paths, header names and the timestamp format come from the wire profile
 * (`profile.card`); every body or query name the reference hides is marked [guess] here, and
 * lives only here.
 */

import type { SnapAmount } from './bodies';
import { DEFAULT_WIRE_PROFILE, type WireProfile } from './profile';
import { CASES, type SnapCase } from './protocol';
import { snapTimestamp } from './time';

/** The default token path (the profile's `card.paths.token`) [code: VL ayoconnect.go]. */
export const CARD_TOKEN_PATH = DEFAULT_WIRE_PROFILE.card.paths.token;
export const CARD_TOKEN_TTL_SECONDS = 3600;
/** The token request: `grant_type` in the query string, the credentials form-encoded [code: VL ayoconnect.go]. */
export const CARD_TOKEN_FORM = {
  grantType: 'grant_type',
  clientId: 'client_id',
  clientSecret: 'client_secret',
} as const;

/** Where the default card paths live [ref: page slugs]. */
export const CARD_BASE_PATH = '/api/v1/lab/mpgs/cards';

/** The card API's endpoints (the token aside): keys of `profile.card.paths`. */
export const CARD_ENDPOINTS = [
  'registration',
  'cards',
  'unbinding',
  'charge',
  'status',
  'void',
  'refund',
] as const;
export type CardEndpoint = (typeof CARD_ENDPOINTS)[number];

/**
 * The status is a GET with query parameters [ref: /reference/get_api-v1-lab-mpgs-cards-charge];
 * every other call a POST with a JSON body.
 */
export const CARD_METHODS: Record<CardEndpoint, 'GET' | 'POST'> = {
  registration: 'POST',
  cards: 'POST',
  unbinding: 'POST',
  charge: 'POST',
  status: 'GET',
  void: 'POST',
  refund: 'POST',
};

/** Endpoints the profile may say do not exist (`capabilities.cardVoid`, `capabilities.cardRefund`). */
export function cardEndpointServed(profile: WireProfile, endpoint: CardEndpoint): boolean {
  if (endpoint === 'refund') return profile.capabilities.cardRefund;
  if (endpoint === 'void') return profile.capabilities.cardVoid;
  return true;
}

/** Two-digit service codes of the Card Acceptance API [docs: /docs/errors-2]. `token` is ours. */
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

/** `Authorization` (28) is named by the reference; the other header names are `profile.card.headers`. */
export const CARD_AUTHORIZATION_HEADER = 'Authorization';
/** The request id: 32 alphanumerics, new for every request [ref: create-charge]. */
export const CARD_REQUEST_ID_PATTERN = /^[A-Za-z0-9]{32}$/;

/**
 * A card timestamp in Jakarta time: `seconds` gives 2026-11-23T19:04:05+07:00 (25 characters, the
 * length the reference gives); `milliseconds` gives 2026-11-23T19:04:05.123+07:00.
 */
export function cardTimestamp(
  ms: number,
  format: WireProfile['card']['timestampFormat'] = 'seconds',
): string {
  const seconds = snapTimestamp(ms);
  if (format === 'seconds') return seconds;
  const millis = String(((ms % 1000) + 1000) % 1000).padStart(3, '0');
  return `${seconds.slice(0, 19)}.${millis}${seconds.slice(19)}`;
}

/** What a card timestamp of this format looks like (the sandbox checks it). */
export function cardTimestampPattern(format: WireProfile['card']['timestampFormat']): RegExp {
  return format === 'seconds'
    ? /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/
    : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/;
}

/**
 * The registration page sends the user back to `successRedirectUrl` / `failedRedirectUrl` with
 * these query parameters appended [guess]; `status` is the registration status (SUCCESS or FAILED).
 */
export const CARD_REDIRECT_QUERY = { referenceNo: 'referenceNo', status: 'status' } as const;

/**
 * Query parameters of the status GET: the 1–40 alphanumeric id (the gateway's `referenceNo`, or
 * the request's own `partnerReferenceNo` while the answer that carried the former is lost), the
 * customerId (6–16) and the merchant id (1–32) [ref: /reference/get_api-v1-lab-mpgs-cards-charge];
 * the names are [guess].
 */
export const CARD_STATUS_QUERY = {
  id: 'referenceNo',
  customerId: 'customerId',
  merchantId: 'merchantId',
} as const;

/** Field limits the reference gives [ref: generate-webview, create-charge, charge]. */
export const CARD_LIMITS = {
  /** The required 1–32 string of generate-webview and create-charge. */
  reference: { min: 1, max: 32 },
  customerId: { min: 6, max: 16 },
  statusId: { min: 1, max: 40 },
  merchantId: { min: 1, max: 32 },
  /** `additionalInfo` of generate-webview: 1–10 pairs. */
  additionalInfoPairs: 10,
} as const;

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

/**
 * The token answer, camelCase [code: VL vars.go]: `expiresIn` is a string of seconds; the value of
 * `tokenType` is unseen ("BearerToken" [guess]). The proxy reads it through
 * `profile.card.tokenFields`, snake_case tolerated.
 */
export interface CardTokenResponse {
  accessToken: string;
  tokenType: string;
  expiresIn: string;
  clientId: string;
  apiProductList: string[];
  organizationName: string;
  developer: { email: string };
  responseTime: string;
}

/** `additionalInfo`: 1–10 string pairs, optional [ref: generate-webview]. */
export type CardAdditionalInfo = Record<string, string>;

/**
 * The `additionalInfo` keys ayokit sends [guess]: the card page's language (ID/EN), the merchant's
 * own order id on a charge, a refund's or void's reason.
 */
export const CARD_ADDITIONAL_INFO = {
  lang: 'lang',
  merchantOrderId: 'merchantOrderId',
  reason: 'reason',
} as const;

/** The `customer` object of generate-webview [ref]; its children are [guess]. */
export interface CardCustomer {
  /** [guess] The merchant's id of its user, 6–16: the `customerId` of later calls. */
  id: string;
  /** [guess] Shown on the card page when known. */
  name?: string;
  /** [guess] */
  email?: string;
  /** [guess] */
  phoneNumber?: string;
}

/** generate-webview [ref: /reference/post_api-v1-lab-mpgs-cards-generate-webview]. */
export interface CardRegistrationRequest {
  /** [guess name] The required 1–32 string: the merchant's reference of this registration. */
  partnerReferenceNo: string;
  customer: CardCustomer;
  /** [guess name] The required redirect URL: where the page sends the user after a card is saved. */
  successRedirectUrl: string;
  /** [guess name] The optional redirect URL, after a failure. */
  failedRedirectUrl?: string;
  /** Optional; `lang` (ID/EN) [guess] picks the page's language. */
  additionalInfo?: CardAdditionalInfo;
}
/** The answer "returns a URL" [ref]; every name here is [guess]. */
export interface CardRegistrationResponse extends CardResponse {
  referenceNo: string;
  webviewUrl: string;
  registrationStatus: 'PENDING';
  sessionExpiresAt: string;
}

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

/**
 * create-charge [ref: /reference/post_api-v1-lab-mpgs-cards-create-charge]: `customerId`, `order`
 * and `additionalInfo` are named by the reference; the rest is [guess].
 */
export interface CardChargeRequest {
  /**
   * [guess name] The required 1–32 string, new for every operation (PAY, AUTHORIZE, each CAPTURE)
   * and sent again unchanged on a retry: a second use is 409xx01.
   */
  partnerReferenceNo: string;
  /** [guess name] The 40-character card token from the registration. */
  cardToken: string;
  operation: CardOperation;
  /** 6–16 [ref]. */
  customerId: string;
  order: CardOrder;
  additionalInfo?: CardAdditionalInfo;
}

/** The `order` object [ref]; its children are [guess] (Mastercard gateway style). */
export interface CardOrder {
  /**
   * [guess] The payment's id at the gateway: the PAY's or AUTHORIZE's partnerReferenceNo, sent
   * again by its CAPTURE (and void), which is how they name the authorisation.
   */
  id: string;
  /** [guess] "150000.00", as Direct Debit writes amounts. */
  amount: string;
  /** [guess] "IDR". */
  currency: string;
  /** [guess] */
  description?: string;
}

/** A payment as the gateway reports it (charge answer, status, callback); every name is [guess]. */
export interface CardPaymentView {
  /** The gateway's id of the payment (the "invoice number" used for status [docs: /docs/payment-charge]). */
  referenceNo: string;
  /** The PAY's or AUTHORIZE's own partnerReferenceNo (the order id). */
  partnerReferenceNo: string;
  operation: 'PAY' | 'AUTHORIZE';
  transactionStatus: CardPaymentStatus;
  amount: SnapAmount;
  /** AUTHORIZE: the amount held. */
  authorizedAmount?: SnapAmount;
  capturedAmount?: SnapAmount;
  refundedAmount?: SnapAmount;
  /** REFUNDED: the gateway's id of the refund (one its operations made has no id of ours). */
  refundNo?: string;
  /** AUTHORIZE: when an uncaptured authorisation is voided. */
  authorizationExpiresAt?: string;
  /** FAILED: the responseCode that failed it. */
  failureResponseCode?: string;
  failureReason?: string;
}
export interface CardChargeResponse extends CardResponse, CardPaymentView {}

/** The status GET's query [ref], keyed by CARD_STATUS_QUERY's names [guess]. */
export type CardStatusQuery = Record<(typeof CARD_STATUS_QUERY)[keyof typeof CARD_STATUS_QUERY], string>;
export interface CardStatusResponse extends CardResponse, CardPaymentView {}

/** Void of an authorisation (service 57 [docs: /docs/errors-2]); no page: all [guess], shaped like a CAPTURE. */
export interface CardVoidRequest {
  /** New for every void, 1–32. */
  partnerReferenceNo: string;
  customerId: string;
  /** The authorisation, by its order id. */
  order: { id: string };
  additionalInfo?: CardAdditionalInfo;
}
export interface CardVoidResponse extends CardResponse, CardPaymentView {}

/**
 * Refund (service 58 [docs: /docs/errors-2]): "no Refund API" [docs: /docs/important-terminologies],
 * so only sent when `capabilities.cardRefund` is on; all [guess], shaped like a charge. Full only.
 */
export interface CardRefundRequest {
  /** New for every refund, 1–32. */
  partnerReferenceNo: string;
  customerId: string;
  order: CardOrder;
  additionalInfo?: CardAdditionalInfo;
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
