/**
 * The wire profile: every name or behaviour of Ayoconnect's API that its public reference does not
 * settle (tagged [snap] or [guess] in AYOCONNECT-API.md) lives here, once, with its source. The
 * proxy reads it to speak; the sandbox reads it to serve; a merchant overrides any entry (an
 * `AYOCONNECT_PROFILE` JSON file or the proxy's `ayoconnect.profile` option) without a code change.
 *
 * The defaults follow the reference; where it is silent, the SNAP standard; where that is silent
 * too, the public client code. `PROFILE_SOURCES` says which, per entry.
 */
import { z } from 'zod';
import type { SignatureEncoding } from './crypto';

/** What a callback reports on: a callback's type (the profile's `dd.callbackTypeHeader`). */
export const CALLBACK_TYPES = [
  'binding',
  'payment',
  'unbinding',
  'refund',
  'card_registration',
  'card_payment',
] as const;
export type CallbackType = (typeof CALLBACK_TYPES)[number];
/** What a card callback reports on (the profile's `card.callbackServices`). */
export const CARD_CALLBACK_TYPES = ['card_registration', 'card_payment'] as const;
export type CardCallbackType = (typeof CARD_CALLBACK_TYPES)[number];

/** A response field, read at the first of these dotted paths that holds a value (lenient reader). */
export type FieldPaths = readonly string[];

export interface WireProfile {
  /** Encoding of X-SIGNATURE, both the RSA token signature and the HMAC transactional one. */
  signatureEncoding: SignatureEncoding;
  /** CHANNEL-ID: 5 digits, the same in one flow. */
  channelId: string;
  /** Hosts that are production: `ayoconnect:probe` refuses them without --production. */
  productionHosts: readonly string[];

  externalId: {
    /**
     * Which X-EXTERNAL-ID a refund carries: its payment's (`payment`, the reference) or a new one
     * per refund flow (`new`, seed 000).
     */
    refund: 'payment' | 'new';
  };

  dd: {
    /** Paths under the host. Only the payment path is in the reference; the rest by analogy. */
    paths: {
      b2bToken: string;
      b2b2cToken: string;
      binding: string;
      bindingInquiry: string;
      unbinding: string;
      payment: string;
      verifyOtp: string;
      /** OTP resend; only called when `capabilities.otpResend` is on. */
      otp: string;
      paymentStatus: string;
      refund: string;
    };
    /** `additionalInfo` of the B2B token request: `{ merchantId }` (v2 client code) or `{}`. */
    b2bTokenAdditionalInfo: 'merchantId' | 'empty';
    /** `action` of verify-OTP, per flow (enum of 7–9 characters; values unseen). */
    otpActions: { payment: string; unbinding: string };
    /** `additionalInfo` key carrying the payment's description (additionalInfo1..3 show on the dashboard). */
    paymentRemarkKey: string;
    /**
     * Dotted path in the binding request where the merchant's own id of its user goes, so the bank's
     * re-binding rules can tell users apart; null sends none (the sandbox then goes by phoneNo).
     */
    bindingCustomerIdField: string | null;
    /** Dotted path in the binding request that preselects the bank; null sends none (the webview asks). */
    bindingBankCodeField: string | null;
    /** Dotted paths in the binding request for the return URLs after the webview. */
    bindingRedirectFields: { success: string | null; failed: string | null };
    /**
     * When a payment's own answer was lost (no referenceNo known): `replay` sends the same request
     * with the same X-EXTERNAL-ID (idempotent); `statusByPartnerReference` asks the status API by
     * originalPartnerReferenceNo, which the reference does not list.
     */
    lostPaymentAnswer: 'replay' | 'statusByPartnerReference';
    /**
     * Where a bound account's authCode (for its customer token, B2B2C) comes from: `answer`, the
     * binding callback's or inquiry's `authCode` field (`responseFields.authCode`), and when the
     * answer names none, the binding's X-EXTERNAL-ID rather than waiting for one forever;
     * `bindingExternalId`, always the binding's X-EXTERNAL-ID (as Instant Transfer v3's is).
     */
    authCodeSource: 'answer' | 'bindingExternalId';
    /**
     * A payment answer's status (`responseFields.paymentTransactionStatus`) that means the bank
     * waits for the shopper's OTP, when the answer has no `paymentOtpRequired` flag.
     */
    otpPendingStatuses: string[];
    /** Response fields the proxy reads, each a list of paths tried in order. */
    responseFields: {
      bindingWebviewUrl: FieldPaths;
      bindingPublicUserId: FieldPaths;
      bindingStatus: FieldPaths;
      paymentOtpRequired: FieldPaths;
      paymentTransactionStatus: FieldPaths;
      otpExpiresAt: FieldPaths;
      unbindingStatus: FieldPaths;
      unbindingOtpRequired: FieldPaths;
      /** A refund's status (SUCCESS, PROCESSING, FAILED), in each entry of the status API's `refunds`. */
      refundStatus: FieldPaths;
      /** The transaction's referenceNo (payment, binding, unbinding answers; status: originalReferenceNo). */
      referenceNo: FieldPaths;
      /** Inquiry and binding callback: the bound account. */
      accountToken: FieldPaths;
      authCode: FieldPaths;
      bankCode: FieldPaths;
      maskedAccountNo: FieldPaths;
      tokenStatus: FieldPaths;
      tokenEndDate: FieldPaths;
      /** Why a binding or payment failed. */
      failureReason: FieldPaths;
      failureResponseCode: FieldPaths;
      /** Status: the payment's refunds, each read with partnerRefundNo, refundNo, refundStatus, refundAmount. */
      refunds: FieldPaths;
      partnerRefundNo: FieldPaths;
      refundNo: FieldPaths;
      /** A refund's amount value ("10000.00"). */
      refundAmount: FieldPaths;
      /** Wrong OTP: tries left. */
      remainingAttempts: FieldPaths;
    };
    /**
     * Callback fields the proxy reads (bodies are not public [guess: as status/inquiry]), each a
     * list of paths tried in order. Failure reasons and the bound account are read with
     * `responseFields`.
     */
    callbackFields: {
      /** Our reference of the flow a callback reports on, per callback type. */
      bindingReference: FieldPaths;
      paymentReference: FieldPaths;
      paymentStatus: FieldPaths;
      /** Ayoconnect's reference of the payment. */
      paymentReferenceNo: FieldPaths;
      refundReference: FieldPaths;
      refundStatus: FieldPaths;
      refundNo: FieldPaths;
      unbindingReference: FieldPaths;
      unbindingStatus: FieldPaths;
      unbindingReferenceNo: FieldPaths;
    };
    /**
     * How callbacks are trusted: `signature` requires our HMAC signature (X-SIGNATURE over the
     * body, keyed by the callback secret); `confirm` accepts them unsigned and believes nothing in
     * them until the status or inquiry API confirms it. Ayoconnect documents no callback auth.
     */
    callbackAuth: 'signature' | 'confirm';
    /**
     * The header that names a callback's type (one of CALLBACK_TYPES): ours, as Ayoconnect's is not
     * public; null when callbacks carry none. Without it (or with a value we do not know), the type
     * is the callback's responseCode service (`callbackServices`).
     */
    callbackTypeHeader: string | null;
    /** A callback's responseCode service (its 4th and 5th digits) → what it reports on. */
    callbackServices: Record<string, CallbackType>;
  };

  card: {
    /** Paths under the card host; create-charge, generate-webview and charge (status) are in the reference. */
    paths: {
      token: string;
      registration: string;
      cards: string;
      unbinding: string;
      charge: string;
      status: string;
      void: string;
      refund: string;
    };
    /** Header names (the reference hides them; it gives only their roles and lengths). */
    headers: {
      timestamp: string;
      /** 32 characters, new for every request. */
      requestId: string;
      /** 6-character merchant code. */
      merchantCode: string;
      /** One value shared by every call of a flow. */
      correlationId: string;
    };
    /** `seconds`: 2026-01-01T10:00:00+07:00 (25 characters, fits the reference); `milliseconds` adds .123. */
    timestampFormat: 'seconds' | 'milliseconds';
    /** Fields of the OAuth token answer, each a list of paths tried in order. */
    tokenFields: { accessToken: FieldPaths; expiresIn: FieldPaths };
    /**
     * Fields of the card answers and callbacks (the reference names almost none), each a list of
     * paths tried in order.
     */
    responseFields: {
      /** generate-webview: the page, our registration's id, when the page expires. */
      registrationWebviewUrl: FieldPaths;
      registrationReferenceNo: FieldPaths;
      registrationSessionExpiresAt: FieldPaths;
      /** The card list answer's cards; the registration callback's card. */
      cards: FieldPaths;
      callbackCard: FieldPaths;
      /** Inside one card record. */
      cardReferenceNo: FieldPaths;
      cardStatus: FieldPaths;
      cardToken: FieldPaths;
      cardBrand: FieldPaths;
      cardMaskedNumber: FieldPaths;
      cardExpiryMonth: FieldPaths;
      cardExpiryYear: FieldPaths;
      cardFailureReason: FieldPaths;
      /** A payment (charge answers, the status answer, payment callbacks). */
      referenceNo: FieldPaths;
      partnerReferenceNo: FieldPaths;
      transactionStatus: FieldPaths;
      capturedAmount: FieldPaths;
      refundedAmount: FieldPaths;
      /** A refunded payment's refund id (named in a REFUNDED callback or status answer). */
      refundNo: FieldPaths;
      authorizationExpiresAt: FieldPaths;
      failureResponseCode: FieldPaths;
      failureReason: FieldPaths;
    };
    /**
     * A card callback's responseCode service (its 4th and 5th digits) → what it reports on, for a
     * callback without `dd.callbackTypeHeader`. The card API numbers its charge 54 and refund 58 as
     * Direct Debit does: a service in both maps goes to the type whose reference finds a row of its
     * own (a card payment, a bank payment, a refund).
     */
    callbackServices: Record<string, CardCallbackType>;
  };

  /**
   * What the real API may lack. The UI offers each only when the proxy says it exists
   * (`GET /ayokit/v1/capabilities`).
   */
  capabilities: {
    /** A public API that sends a new OTP (SNAP service 81). None is documented. */
    otpResend: boolean;
    /** Card refunds by API. The docs say refunds are done by Ayoconnect internally. */
    cardRefund: boolean;
    /** Card void of an authorisation by API (service 57 exists; no page documents it). */
    cardVoid: boolean;
  };
}

/** Deep partial, for overrides. */
export type WireProfileOverrides = {
  [K in keyof WireProfile]?: WireProfile[K] extends readonly unknown[]
    ? WireProfile[K]
    : WireProfile[K] extends object
      ? {
          [L in keyof WireProfile[K]]?: WireProfile[K][L] extends readonly unknown[]
            ? WireProfile[K][L]
            : WireProfile[K][L] extends object
              ? Partial<WireProfile[K][L]>
              : WireProfile[K][L];
        }
      : WireProfile[K];
};

const DD = '/dd/api/v3.0';
const CARD = '/api/v1/lab/mpgs/cards';

/** The defaults: the reference, else SNAP, else public client code (see PROFILE_SOURCES). */
export const DEFAULT_WIRE_PROFILE: WireProfile = {
  signatureEncoding: 'hex',
  channelId: '95221',
  productionHosts: ['api.of.ayoconnect.id'],
  externalId: { refund: 'payment' },
  dd: {
    paths: {
      b2bToken: `${DD}/access-token/b2b`,
      b2b2cToken: `${DD}/access-token/b2b2c`,
      binding: `${DD}/registration-account-binding`,
      bindingInquiry: `${DD}/registration-account-inquiry`,
      unbinding: `${DD}/registration-account-unbinding`,
      payment: `${DD}/debit/payment-host-to-host`,
      verifyOtp: `${DD}/otp-verification`,
      otp: `${DD}/otp`,
      paymentStatus: `${DD}/debit/status`,
      refund: `${DD}/debit/refund`,
    },
    b2bTokenAdditionalInfo: 'merchantId',
    otpActions: { payment: 'PAYMENT', unbinding: 'UNBINDING' },
    paymentRemarkKey: 'additionalInfo1',
    bindingCustomerIdField: 'additionalInfo.customerId',
    bindingBankCodeField: 'additionalData.bankCode',
    bindingRedirectFields: {
      success: 'additionalData.successRedirectUrl',
      failed: 'additionalData.failedRedirectUrl',
    },
    lostPaymentAnswer: 'replay',
    authCodeSource: 'answer',
    otpPendingStatuses: ['PENDING_USER_VERIFICATION'],
    responseFields: {
      bindingWebviewUrl: ['redirectUrl', 'webviewUrl', 'additionalInfo.redirectUrl'],
      bindingPublicUserId: ['additionalInfo.publicUserId', 'publicUserId'],
      bindingStatus: ['additionalInfo.latestBindingStatus', 'latestBindingStatus'],
      paymentOtpRequired: ['additionalInfo.otpRequired', 'otpRequired'],
      paymentTransactionStatus: [
        'latestTransactionStatus',
        'additionalInfo.latestTransactionStatus',
        'additionalInfo.paymentResult',
      ],
      otpExpiresAt: ['additionalInfo.otpExpiresAt', 'otpExpiresAt'],
      unbindingStatus: ['additionalInfo.latestBindingStatus', 'latestBindingStatus'],
      unbindingOtpRequired: ['additionalInfo.otpRequired', 'otpRequired'],
      refundStatus: ['status', 'refundStatus', 'additionalInfo.refundStatus'],
      referenceNo: ['referenceNo', 'originalReferenceNo', 'additionalInfo.referenceNo'],
      accountToken: ['additionalInfo.accountToken', 'accountToken'],
      authCode: ['additionalInfo.authCode', 'authCode'],
      bankCode: ['additionalInfo.bankCode', 'bankCode'],
      maskedAccountNo: ['additionalInfo.maskedAccountNo', 'maskedAccountNo', 'additionalInfo.maskedCardNo'],
      tokenStatus: ['additionalInfo.tokenStatus', 'tokenStatus'],
      tokenEndDate: ['additionalInfo.tokenEndDate', 'tokenEndDate', 'additionalInfo.tokenExpiryDate'],
      failureReason: ['additionalInfo.failureReason', 'failureReason'],
      failureResponseCode: ['additionalInfo.failureResponseCode', 'failureResponseCode'],
      refunds: ['additionalInfo.refunds', 'refunds'],
      partnerRefundNo: ['partnerRefundNo', 'originalPartnerRefundNo'],
      refundNo: ['refundNo', 'additionalInfo.refundNo'],
      refundAmount: ['amount.value', 'refundAmount.value'],
      remainingAttempts: ['additionalInfo.remainingAttempts', 'remainingAttempts'],
    },
    callbackFields: {
      bindingReference: ['partnerReferenceNo', 'originalPartnerReferenceNo'],
      paymentReference: ['originalPartnerReferenceNo', 'partnerReferenceNo'],
      paymentStatus: ['latestTransactionStatus', 'additionalInfo.latestTransactionStatus'],
      paymentReferenceNo: ['originalReferenceNo', 'referenceNo'],
      refundReference: ['partnerRefundNo', 'originalPartnerRefundNo'],
      refundStatus: ['additionalInfo.refundStatus', 'refundStatus'],
      refundNo: ['refundNo', 'originalRefundNo'],
      unbindingReference: ['partnerReferenceNo', 'originalPartnerReferenceNo'],
      unbindingStatus: ['additionalInfo.latestBindingStatus', 'latestBindingStatus'],
      unbindingReferenceNo: ['referenceNo', 'originalReferenceNo'],
    },
    callbackAuth: 'signature',
    callbackTypeHeader: 'X-CALLBACK-TYPE',
    callbackServices: { '07': 'binding', '54': 'payment', '09': 'unbinding', '58': 'refund' },
  },
  card: {
    paths: {
      token: '/v1/oauth/client_credential/accesstoken',
      registration: `${CARD}/generate-webview`,
      cards: `${CARD}/list`,
      unbinding: `${CARD}/unbinding`,
      charge: `${CARD}/create-charge`,
      status: `${CARD}/charge`,
      void: `${CARD}/void`,
      refund: `${CARD}/refund`,
    },
    headers: {
      timestamp: 'X-Timestamp',
      requestId: 'X-Request-ID',
      merchantCode: 'X-Merchant-Code',
      correlationId: 'X-Correlation-ID',
    },
    timestampFormat: 'seconds',
    tokenFields: { accessToken: ['accessToken', 'access_token'], expiresIn: ['expiresIn', 'expires_in'] },
    responseFields: {
      registrationWebviewUrl: ['webviewUrl', 'webViewUrl', 'redirectUrl', 'url', 'data.url'],
      registrationReferenceNo: ['referenceNo', 'referenceNumber', 'registrationId', 'data.referenceNo'],
      registrationSessionExpiresAt: ['sessionExpiresAt', 'expiredAt', 'expiresAt'],
      cards: ['cards', 'data.cards'],
      callbackCard: ['card', 'data.card'],
      cardReferenceNo: ['referenceNo', 'registrationId'],
      cardStatus: ['registrationStatus', 'status'],
      cardToken: ['cardToken', 'token'],
      cardBrand: ['brand', 'cardBrand'],
      cardMaskedNumber: ['maskedCardNumber', 'maskedCardNo', 'maskedPan'],
      cardExpiryMonth: ['expiryMonth'],
      cardExpiryYear: ['expiryYear'],
      cardFailureReason: ['failureReason', 'additionalInfo.failureReason'],
      referenceNo: ['referenceNo', 'data.referenceNo'],
      partnerReferenceNo: ['partnerReferenceNo', 'order.id'],
      transactionStatus: ['transactionStatus', 'latestTransactionStatus'],
      capturedAmount: ['capturedAmount.value'],
      refundedAmount: ['refundedAmount.value'],
      refundNo: ['refundNo', 'additionalInfo.refundNo'],
      authorizationExpiresAt: ['authorizationExpiresAt'],
      failureResponseCode: ['failureResponseCode', 'additionalInfo.failureResponseCode'],
      failureReason: ['failureReason', 'additionalInfo.failureReason'],
    },
    callbackServices: {
      '01': 'card_registration',
      '04': 'card_registration',
      '54': 'card_payment',
      '57': 'card_payment',
      '58': 'card_payment',
    },
  },
  capabilities: { otpResend: false, cardRefund: false, cardVoid: true },
};

/**
 * Where each default comes from, keyed by dotted entry path (the README table is checked against
 * this). Tags as in AYOCONNECT-API.md.
 */
export const PROFILE_SOURCES: Record<string, string> = {
  signatureEncoding: '[code: PW directdebit/signature.go] hex; SNAP says base64',
  channelId: '[snap] 95221, the usual example',
  productionHosts: '[guess] public code uses api.of.ayoconnect.id',
  'externalId.refund': "[ref: /reference/dd-v3-debit-refund] the payment's; seed 000 says new per refund",
  'dd.paths': '[ref: /reference/dd-v3-debit-payment-host-to-host] for payment; the rest by analogy [guess]',
  'dd.b2bTokenAdditionalInfo': '[code: PW directdebit/access_token.go] (v2)',
  'dd.otpActions': '[guess] enum of 7–9 characters [ref: /reference/dd-v3-otp-verification]',
  'dd.paymentRemarkKey':
    '[ref: /reference/dd-v3-debit-payment-host-to-host] additionalInfo1..3 on the dashboard',
  'dd.bindingCustomerIdField': '[guess] inside the optional additionalInfo',
  'dd.bindingBankCodeField': '[guess] inside the required additionalData',
  'dd.bindingRedirectFields': '[guess] inside the required additionalData',
  'dd.lostPaymentAnswer': '[docs: /docs/idempotent-requests] X-EXTERNAL-ID is the idempotency key',
  'dd.otpPendingStatuses':
    '[docs: /docs/direct-debit-payment] statuses include PENDING_USER_VERIFICATION ("… WITH URL", Danamon, is a page, not an OTP)',
  'dd.authCodeSource':
    "[guess] DD v3's is probably the binding's X-EXTERNAL-ID [ref: /reference/it-v3-access-token-b2b2c-1]; the inquiry lists none [docs: /docs/get-users-binding-information]",
  'dd.responseFields': '[guess] SNAP-style names first, then the v2 client code',
  'dd.callbackFields': '[guess: as status/inquiry] callback bodies are not public [docs: /docs/callbacks]',
  'dd.callbackAuth': '[guess] no DD callback auth is documented [docs: /docs/callbacks]',
  'dd.callbackTypeHeader':
    "[guess] our name: Ayoconnect's callback headers are not public [docs: /docs/callbacks]",
  'dd.callbackServices':
    '[docs: /docs/error-codes-1] callbacks carry the service code they report on; 58 refund [ref: /reference/dd-v3-debit-refund]',
  'card.paths': '[ref: page slugs] for generate-webview, create-charge, charge; [guess] for the rest',
  'card.headers': '[docs: /docs/product-flows-3] X-Correlation-ID; [guess] the others',
  'card.timestampFormat': '[ref: /reference/post_api-v1-lab-mpgs-cards-create-charge] 25 characters',
  'card.tokenFields': '[code: VL vars.go] camelCase, expiresIn a string',
  'card.responseFields':
    '[ref: /reference/post_api-v1-lab-mpgs-cards-generate-webview] "returns a URL"; every name [guess]',
  'card.callbackServices':
    '[docs: /docs/errors-2] services 01 registration, 04 unbind, 54 charge, 57 void, 58 refund; callbacks carry the service code they report on [docs: /docs/error-codes-1]',
  'capabilities.otpResend': '[docs: /docs/error-codes-1] no OTP service (81) anywhere',
  'capabilities.cardRefund':
    '[docs: /docs/important-terminologies] "no Refund API… done by Ayoconnect internally"',
  'capabilities.cardVoid': '[docs: /docs/errors-2] service 57 void exists; no page [guess]',
};

const path = z.string().regex(/^\/[\w\-./]*$/, 'a path starting with /');
const fieldPath = z.string().regex(/^[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*$/, 'a dotted field path');
const fieldPaths = z.array(fieldPath).min(1);
/** An override of some of a default map's field-path lists (unknown keys refused). */
const fieldPathsOf = (defaults: Record<string, FieldPaths>) =>
  z
    .object(Object.fromEntries(Object.keys(defaults).map((k) => [k, fieldPaths])))
    .strict()
    .partial();
const header = z.string().regex(/^[A-Za-z0-9-]+$/, 'a header name');

const profileSchema = z
  .object({
    signatureEncoding: z.enum(['hex', 'base64']),
    channelId: z.string().regex(/^\d{5}$/, '5 digits'),
    productionHosts: z.array(z.string().min(1)),
    externalId: z
      .object({ refund: z.enum(['payment', 'new']) })
      .strict()
      .partial(),
    dd: z
      .object({
        paths: z
          .object({
            b2bToken: path,
            b2b2cToken: path,
            binding: path,
            bindingInquiry: path,
            unbinding: path,
            payment: path,
            verifyOtp: path,
            otp: path,
            paymentStatus: path,
            refund: path,
          })
          .strict()
          .partial(),
        b2bTokenAdditionalInfo: z.enum(['merchantId', 'empty']),
        otpActions: z
          .object({ payment: z.string().min(1), unbinding: z.string().min(1) })
          .strict()
          .partial(),
        paymentRemarkKey: z.string().regex(/^\w{1,40}$/, 'a key'),
        bindingCustomerIdField: fieldPath.nullable(),
        bindingBankCodeField: fieldPath.nullable(),
        bindingRedirectFields: z
          .object({ success: fieldPath.nullable(), failed: fieldPath.nullable() })
          .strict()
          .partial(),
        lostPaymentAnswer: z.enum(['replay', 'statusByPartnerReference']),
        authCodeSource: z.enum(['answer', 'bindingExternalId']),
        otpPendingStatuses: z.array(z.string().min(1).max(64)),
        responseFields: fieldPathsOf(DEFAULT_WIRE_PROFILE.dd.responseFields),
        callbackFields: fieldPathsOf(DEFAULT_WIRE_PROFILE.dd.callbackFields),
        callbackAuth: z.enum(['signature', 'confirm']),
        callbackTypeHeader: header.nullable(),
        callbackServices: z.record(
          z.string().regex(/^\d{2}$/, 'a two-digit service code'),
          z.enum(CALLBACK_TYPES),
        ),
      })
      .strict()
      .partial(),
    card: z
      .object({
        paths: z
          .object({
            token: path,
            registration: path,
            cards: path,
            unbinding: path,
            charge: path,
            status: path,
            void: path,
            refund: path,
          })
          .strict()
          .partial(),
        headers: z
          .object({ timestamp: header, requestId: header, merchantCode: header, correlationId: header })
          .strict()
          .partial(),
        timestampFormat: z.enum(['seconds', 'milliseconds']),
        tokenFields: z.object({ accessToken: fieldPaths, expiresIn: fieldPaths }).strict().partial(),
        responseFields: fieldPathsOf(DEFAULT_WIRE_PROFILE.card.responseFields),
        callbackServices: z.record(
          z.string().regex(/^\d{2}$/, 'a two-digit service code'),
          z.enum(CARD_CALLBACK_TYPES),
        ),
      })
      .strict()
      .partial(),
    capabilities: z
      .object({ otpResend: z.boolean(), cardRefund: z.boolean(), cardVoid: z.boolean() })
      .strict()
      .partial(),
  })
  .strict()
  .partial();

export class WireProfileError extends Error {
  constructor(
    /** The dotted entry that is wrong, e.g. `card.headers.timestamp`. */
    readonly entry: string,
    detail: string,
    source?: string,
  ) {
    super(`wire profile${source ? ` (${source})` : ''}: ${entry || 'the profile'} ${detail}`);
    this.name = 'WireProfileError';
  }
}

const TYPE_NOUNS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  record: 'an object',
};

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    value =
      typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  }
  return value;
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

const count = (n: number | bigint, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** What is wrong with an entry, to follow its name ("channelId must be a string, got 95221"). */
function issueDetail(issue: z.core.$ZodIssue, input: unknown): string {
  switch (issue.code) {
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => shown(v)).join(', ')}, got ${shown(valueAt(input, issue.path))}`;
    case 'invalid_type':
      return `must be ${TYPE_NOUNS[issue.expected] ?? issue.expected}, got ${shown(valueAt(input, issue.path))}`;
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? 'at least' : 'at most';
      const limit = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      if (issue.origin === 'array') return `must have ${bound} ${count(limit, 'item')}`;
      if (issue.origin === 'string') return `must have ${bound} ${count(limit, 'character')}`;
      return `must be ${bound} ${limit}`;
    }
    case 'invalid_key': {
      // The key's own rule, in the schema's words ("a two-digit service code").
      const rule = issue.issues[0];
      return rule?.code === 'invalid_format' ? `is not ${rule.message}` : 'is not a valid name here';
    }
    default:
      // The schema's own words, written to follow "must be" ("a header name", "5 digits").
      return `must be ${issue.message}`;
  }
}

/**
 * Checks overrides (a parsed AYOCONNECT_PROFILE file, or options) and throws a WireProfileError
 * naming the first wrong entry. Unknown entries are refused, so a typo never goes unnoticed.
 */
export function parseWireProfileOverrides(input: unknown, source?: string): WireProfileOverrides {
  const parsed = profileSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const entry = [...issue.path, ...keys.slice(0, 1)].join('.');
    const detail = keys.length ? 'is not a profile entry' : issueDetail(issue, input);
    throw new WireProfileError(entry, detail, source);
  }
  return parsed.data as WireProfileOverrides;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function merge<T>(base: T, over: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(over)) return (over === undefined ? base : over) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) if (v !== undefined) out[k] = merge(out[k], v);
  return out as T;
}

/** The defaults with each override laid over them in turn (later wins), each checked first. */
export function resolveWireProfile(...overrides: (WireProfileOverrides | undefined)[]): WireProfile {
  let profile = DEFAULT_WIRE_PROFILE;
  for (const o of overrides) if (o) profile = merge(profile, parseWireProfileOverrides(o));
  return profile;
}

/** Every leaf entry of a profile as dotted path → value (arrays and path maps count as one entry). */
export function profileEntries(profile: WireProfile = DEFAULT_WIRE_PROFILE): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (v: unknown, at: string) => {
    if (isPlainObject(v) && !(at in PROFILE_SOURCES)) {
      for (const [k, child] of Object.entries(v)) walk(child, at ? `${at}.${k}` : k);
    } else out[at] = v;
  };
  walk(profile, '');
  return out;
}

/** Reads the first of `paths` that holds a value (not undefined or null) in `body`. */
export function readField(body: unknown, paths: FieldPaths): unknown {
  for (const p of paths) {
    let cur: unknown = body;
    for (const key of p.split('.')) {
      cur = isPlainObject(cur) ? cur[key] : undefined;
      if (cur === undefined) break;
    }
    if (cur !== undefined && cur !== null) return cur;
  }
  return undefined;
}

/** Sets `value` at a dotted path in `target`, creating objects on the way (for request bodies). */
export function writeField(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let cur = target;
  for (const key of keys.slice(0, -1)) {
    if (!isPlainObject(cur[key])) cur[key] = {};
    cur = cur[key] as Record<string, unknown>;
  }
  cur[keys[keys.length - 1]!] = value;
}

/** The capabilities answer the proxy gives the browser (`GET /ayokit/v1/capabilities`). */
export type WireCapabilities = WireProfile['capabilities'];
