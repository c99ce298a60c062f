import type { AyoMessages } from '../i18n';
import * as parts from './idParts';

/**
 * Every word of the components in Bahasa Indonesia: the built-in dictionary (AyoProvider's default
 * locale), importable on its own as `@ayokit/react/locales/id`.
 */
export const id: AyoMessages = {
  common: parts.common,
  banks: parts.banks,
  otp: parts.otp,
  savedCards: parts.savedCards,
  card: parts.card,
  bind: parts.bind,
  pay: parts.pay,
  status: parts.status,
  audit: parts.audit,
  errors: parts.errors,
};
