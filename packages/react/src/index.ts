// The provider and its types, so a frontend team needs one import (the same module as in
// @ayokit/hooks, a peer dependency: one context, one copy).
export { type Appearance, AyoProvider, type AyoProviderProps, type FlowError } from '@ayokit/hooks';
export { AddCard, type AddCardProps } from './AddCard';
export { AuditTrail, type AuditTrailProps } from './AuditTrail';
export { BankPicker, type BankPickerProps } from './BankPicker';
export { BindAccount, type BindAccountProps } from './BindAccount';
export { type AyoMessages, cardErrorText, type FailureCode, messages } from './i18n';
export { OtpInput, type OtpInputProps } from './OtpInput';
export { PaymentStatus, type PaymentStatusProps } from './PaymentStatus';
export { PayWithSavedCard, type PayWithSavedCardProps } from './PayWithSavedCard';
export { SavedCardList, type SavedCardListProps } from './SavedCardList';
