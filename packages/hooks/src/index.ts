export { type AyoApi, newIdempotencyKey } from './api';
export type { BankWindow, BindingFlowOptions, BindingMode, BindingState } from './flows/binding';
export type { FlowError } from './flows/errors';
export type { PayInput, PaymentState } from './flows/payment';
export type { RefundState } from './flows/refund';
export type { UnbindingState } from './flows/unbinding';
export {
  type QueryState,
  type UseBindingResult,
  type UsePaymentResult,
  useBanks,
  useBinding,
  usePayment,
  usePaymentStatus,
  usePayments,
  useRefund,
  useSavedCards,
  useUnbinding,
} from './hooks';
export { HttpAyoClient, type HttpAyoClientOptions } from './http';
export { type Appearance, AyoProvider, type AyoProviderProps, useAyoContext } from './provider';
