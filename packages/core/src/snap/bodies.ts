/**
 * JSON bodies of the Direct Debit v3 endpoints and callbacks, as the sandbox serves them and the
 * proxy sends and reads them. Names that Ayoconnect's public docs do not give are ours and live
 * only here.
 */
import type { BankCode } from '../banks';
import type { SnapBindingStatus, SnapTokenStatus, TransactionStatusCode } from './protocol';

export interface SnapAmount {
  value: string;
  currency: 'IDR';
}

export interface SnapResponse {
  responseCode: string;
  responseMessage: string;
}

/** Required: grantType and an additionalInfo object [ref: /reference/it-v3-access-token-b2b-1-1]. */
export interface B2bTokenRequest {
  grantType: 'client_credentials';
  /** `{ merchantId }` (v2 client code) or `{}`, per `profile.dd.b2bTokenAdditionalInfo`. */
  additionalInfo: { merchantId?: string };
}
export interface TokenResponse extends SnapResponse {
  accessToken: string;
  tokenType: 'BearerToken';
  expiresIn: string;
}
/** All required [ref: /reference/dd-v3-access-token-b2b2c]. */
export interface B2b2cTokenRequest {
  grantType: 'authorization_code';
  authCode: string;
  additionalInfo: Record<string, unknown>;
}

/**
 * Binding (07) [ref: /reference/dd-v3-registration-account-binding]. The children of
 * `additionalData` and `additionalInfo` are not public: where the bank code, the return URLs and
 * the merchant's id of its user go is set by `profile.dd.binding*Field(s)`.
 */
export interface BindingRequest {
  partnerReferenceNo: string;
  lang: string;
  /** 62…, optional. */
  phoneNo?: string;
  merchantId: string;
  additionalData: Record<string, unknown>;
  additionalInfo?: Record<string, unknown>;
}
export interface BindingResponse extends SnapResponse {
  referenceNo: string;
  partnerReferenceNo: string;
  /** The webview URL [snap name]. */
  redirectUrl: string;
  additionalInfo: {
    publicUserId: string;
    latestBindingStatus: SnapBindingStatus;
    sessionExpiresAt: string;
  };
}

/**
 * Binding inquiry (08): the binding's partnerReferenceNo, sent with the binding's X-EXTERNAL-ID
 * [ref: /reference/dd-v3-registration-account-inquiry].
 */
export interface BindingInquiryRequest {
  partnerReferenceNo: string;
  additionalInfo: Record<string, unknown>;
}
/** What the inquiry says of one binding; the account fields only once it is bound [snap names]. */
export interface BindingInquiryResponse extends SnapResponse {
  partnerReferenceNo: string;
  referenceNo: string;
  additionalInfo: {
    publicUserId: string;
    latestBindingStatus: SnapBindingStatus;
    bankCode: BankCode | null;
    failureReason?: string;
    accountToken?: string;
    authCode?: string;
    maskedAccountNo?: string;
    tokenStatus?: SnapTokenStatus;
    /** ISO date the token stops working, or null when the bank sets none. */
    tokenEndDate?: string | null;
    boundAt?: string;
  };
}
/** A bound account, as the proxy reads it from an inquiry or a binding callback. */
export interface InquiryAccount {
  accountToken: string;
  authCode: string;
  bankCode: BankCode;
  maskedAccountNo: string;
  tokenStatus: SnapTokenStatus;
  tokenEndDate: string | null;
}

/** Unbinding (09) [ref: /reference/unbinding]; inside additionalInfo as the v2 client put them. */
export interface UnbindingRequest {
  partnerReferenceNo: string;
  merchantId: string;
  additionalInfo: { publicUserId: string; accountToken: string; bankCode: BankCode };
}
export interface UnbindingResponse extends SnapResponse {
  referenceNo: string;
  partnerReferenceNo: string;
  additionalInfo: { latestBindingStatus: SnapBindingStatus; otpRequired: boolean; otpExpiresAt?: string };
}

/** Payment (54) [ref: /reference/dd-v3-debit-payment-host-to-host]: additionalInfo required. */
export interface PaymentRequest {
  partnerReferenceNo: string;
  bankCardToken: string;
  merchantId: string;
  amount: SnapAmount;
  /** `additionalInfo1..3` show on the dashboard: 1–100 characters of alnum and space@.-_+*!~. */
  additionalInfo: Record<string, string>;
}
export interface PaymentResponse extends SnapResponse {
  referenceNo: string;
  partnerReferenceNo: string;
  additionalInfo: {
    otpRequired: boolean;
    otpExpiresAt?: string;
    latestTransactionStatus: TransactionStatusCode;
  };
}

/** Verify OTP (04): every field required [ref: /reference/dd-v3-otp-verification]. */
export interface VerifyOtpRequest {
  originalPartnerReferenceNo: string;
  originalReferenceNo: string;
  /** `profile.dd.otpActions`. */
  action: string;
  merchantId: string;
  otp: string;
  additionalInfo: Record<string, unknown>;
}
export interface VerifyOtpResponse extends SnapResponse {
  originalReferenceNo: string;
  originalPartnerReferenceNo: string;
  additionalInfo: {
    latestTransactionStatus?: TransactionStatusCode;
    latestBindingStatus?: SnapBindingStatus;
    /** On 404xx15 (wrong OTP). */
    remainingAttempts?: number;
  };
}

/** Asks the bank to send the customer a new OTP; the wrong-attempt count is not reset. */
export interface OtpRequest {
  originalPartnerReferenceNo: string;
  originalReferenceNo: string;
  action: string;
  merchantId: string;
  additionalInfo: Record<string, unknown>;
}
export interface OtpResponse extends SnapResponse {
  originalReferenceNo: string;
  originalPartnerReferenceNo: string;
  additionalInfo: {
    otpExpiresAt: string;
    /** When the next resend is allowed (429xx00 before). */
    nextResendAt: string;
    remainingResends: number;
  };
}

/** `additionalInfo` of a 429xx00 answer to an OTP request: too soon, or no resends left (then null). */
export interface OtpResendRefusal {
  nextResendAt: string | null;
  remainingResends: number;
}

/**
 * Status (55) [ref: /reference/dd-v3-debit-status]: by originalReferenceNo (the payment's
 * referenceNo); by originalPartnerReferenceNo only when `profile.dd.lostPaymentAnswer` is
 * `statusByPartnerReference` (not in the reference).
 */
export type PaymentStatusRequest = {
  merchantId: string;
  serviceCode: '54';
} & ({ originalReferenceNo: string } | { originalPartnerReferenceNo: string });
export interface StatusRefund {
  partnerRefundNo: string;
  refundNo: string;
  amount: SnapAmount;
  status: 'PROCESSING' | 'SUCCESS' | 'FAILED';
}
export interface PaymentStatusResponse extends SnapResponse {
  originalReferenceNo: string;
  originalPartnerReferenceNo: string;
  serviceCode: '54';
  latestTransactionStatus: TransactionStatusCode;
  transactionStatusDesc: string;
  amount: SnapAmount;
  additionalInfo: {
    /** The responseCode that failed the transaction (status 06). */
    failureResponseCode?: string;
    failureReason?: string;
    refundedAmount: SnapAmount;
    refunds: StatusRefund[];
  };
}

export interface RefundRequest {
  originalPartnerReferenceNo: string;
  originalReferenceNo: string;
  partnerRefundNo: string;
  refundAmount: SnapAmount;
  merchantId: string;
  additionalInfo?: Record<string, unknown>;
}
export interface RefundResponse extends SnapResponse {
  originalReferenceNo: string;
  originalPartnerReferenceNo: string;
  partnerRefundNo: string;
  refundNo: string;
  refundAmount: SnapAmount;
  refundTime: string;
}

/** Callbacks: POST to the merchant's URL, header X-CALLBACK-TYPE, signed (see crypto.signCallback). */
export interface BindingCallback extends SnapResponse {
  partnerReferenceNo: string;
  referenceNo: string;
  additionalInfo: {
    publicUserId: string;
    latestBindingStatus: 'SUCCESS' | 'FAIL';
    bankCode: BankCode | null;
    accountToken?: string;
    authCode?: string;
    maskedAccountNo?: string;
    tokenEndDate?: string | null;
    failureReason?: string;
  };
}
export interface PaymentCallback extends SnapResponse {
  originalPartnerReferenceNo: string;
  originalReferenceNo: string;
  latestTransactionStatus: TransactionStatusCode;
  transactionStatusDesc: string;
  amount: SnapAmount;
  additionalInfo: { failureResponseCode?: string; failureReason?: string };
}
export interface UnbindingCallback extends SnapResponse {
  partnerReferenceNo: string;
  referenceNo: string;
  additionalInfo: { publicUserId: string; accountToken: string; latestBindingStatus: 'UNBINDED' };
}
export interface RefundCallback extends SnapResponse {
  originalPartnerReferenceNo: string;
  originalReferenceNo: string;
  partnerRefundNo: string;
  refundNo: string;
  refundAmount: SnapAmount;
  additionalInfo: { refundStatus: 'SUCCESS' | 'FAILED'; failureReason?: string };
}
