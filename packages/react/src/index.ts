export { AddCard, type AddCardProps } from './AddCard';
export { AuditTrail, type AuditTrailProps } from './AuditTrail';
export { BankPicker, type BankPickerProps } from './BankPicker';
export { BindAccount, type BindAccountProps } from './BindAccount';
export { type AyoMessages, cardErrorText, type FailureCode, messages } from './i18n';
export { OtpInput, type OtpInputProps } from './OtpInput';
export { PaymentStatus, type PaymentStatusProps } from './PaymentStatus';
export { PayWithSavedCard, type PayWithSavedCardProps } from './PayWithSavedCard';
export { SavedCardList, type SavedCardListProps } from './SavedCardList';
