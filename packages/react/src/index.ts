// The provider and its types, so a frontend team needs one import (the same component as in
// @ayokit/hooks, a peer dependency: one context, one copy; here its `messages` are typed).
export type { Appearance, FlowError } from '@ayokit/hooks';
export { AddCard, type AddCardProps } from './AddCard';
export { AuditTrail, type AuditTrailProps } from './AuditTrail';
export { AyoProvider, type AyoProviderProps } from './AyoProvider';
export { BankPicker, type BankPickerProps } from './BankPicker';
export { BindAccount, type BindAccountProps } from './BindAccount';
export {
  type AyoMessageOverrides,
  type AyoMessages,
  type AyoTranslations,
  cardErrorText,
  type FailureCode,
  type ListedKinds,
  type PartialAyoMessages,
} from './i18n';
export { OtpInput, type OtpInputProps } from './OtpInput';
export { PaymentStatus, type PaymentStatusProps } from './PaymentStatus';
export { PayWithSavedCard, type PayWithSavedCardProps } from './PayWithSavedCard';
export { SavedCardList, type SavedCardListProps } from './SavedCardList';
