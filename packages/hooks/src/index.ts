export { type Audience, type AuditQuery, type AyoApi, newIdempotencyKey } from './api';
export type { BankWindow, BindingFlowOptions, BindingMode, BindingState } from './flows/binding';
export type {
  CardPageWindow,
  CardRegistrationMode,
  CardRegistrationOptions,
  CardRegistrationState,
} from './flows/cardRegistration';
export { type FlowError, resendRefusal } from './flows/errors';
export type { PayInput, PaymentState } from './flows/payment';
export type { PaymentAction, PaymentActionsState } from './flows/paymentActions';
export { type RefundState, refundableAmount, refundsFullOnly } from './flows/refund';
export type { UnbindingState } from './flows/unbinding';
export {
  type QueryState,
  type UseBindingResult,
  type UseCardRegistrationResult,
  type UsePaymentResult,
  useAuditTrail,
  useBanks,
  useBinding,
  useCapabilities,
  useCardRegistration,
  useCheckout,
  usePayment,
  usePaymentActions,
  usePaymentStatus,
  usePayments,
  useRefund,
  useSavedCards,
  useStaff,
  useStaffPayments,
  useUnbinding,
} from './hooks';
export { HttpAyoClient, type HttpAyoClientOptions } from './http';
export {
  type Appearance,
  AyoProvider,
  type AyoProviderProps,
  backOfficeOnly,
  useAyoContext,
  useNow,
} from './provider';
