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

export interface B2bTokenRequest {
  grantType: 'client_credentials';
  additionalInfo?: { merchantId?: string };
}
export interface TokenResponse extends SnapResponse {
  accessToken: string;
  tokenType: 'BearerToken';
  expiresIn: string;
}
export interface B2b2cTokenRequest {
  grantType: 'authorization_code';
  authCode: string;
  additionalInfo?: Record<string, unknown>;
}

export interface BindingRequest {
  partnerReferenceNo: string;
  /** 62… */
  phoneNo: string;
  merchantId: string;
  /** The merchant's own id of its user: the "user ID" of seed 003's re-binding rules. */
  custIdMerchant: string;
  /** Preselects the bank; without it the webview shows the bank list. */
  bankCode?: BankCode;
  lang?: 'ID' | 'EN';
  successRedirectUrl?: string;
  failedRedirectUrl?: string;
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

export interface BindingInquiryRequest {
  merchantId: string;
  publicUserId: string;
}
export interface InquiryAccount {
  accountToken: string;
  authCode: string;
  bankCode: BankCode;
  maskedAccountNo: string;
  tokenStatus: SnapTokenStatus;
  /** ISO date the token stops working, or null when the bank sets none. */
  tokenEndDate: string | null;
  bindingPartnerReferenceNo: string;
}
export interface InquiryBinding {
  partnerReferenceNo: string;
  referenceNo: string;
  latestBindingStatus: SnapBindingStatus;
  bankCode: BankCode | null;
  failureReason?: string;
  accountToken?: string;
}
export interface BindingInquiryResponse extends SnapResponse {
  additionalInfo: {
    publicUserId: string;
    accounts: InquiryAccount[];
    bindings: InquiryBinding[];
  };
}

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

export interface PaymentRequest {
  partnerReferenceNo: string;
  bankCardToken: string;
  merchantId: string;
  amount: SnapAmount;
  additionalInfo?: { remark?: string };
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

export interface VerifyOtpRequest {
  originalPartnerReferenceNo: string;
  originalReferenceNo: string;
  action: 'PAYMENT' | 'UNBINDING';
  otp: string;
  merchantId: string;
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
  action: 'PAYMENT' | 'UNBINDING';
  merchantId: string;
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

export interface PaymentStatusRequest {
  merchantId: string;
  serviceCode: '54';
  originalPartnerReferenceNo?: string;
  originalReferenceNo?: string;
}
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
  reason?: string;
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
