import type { AyoMessages } from '../i18n';
import { audit } from './idParts/audit';
import { banks } from './idParts/banks';
import { bind } from './idParts/bind';
import { card } from './idParts/card';
import { common } from './idParts/common';
import { errors } from './idParts/errors';
import { otp } from './idParts/otp';
import { pay } from './idParts/pay';
import { paymentActions } from './idParts/paymentActions';
import { savedCards } from './idParts/savedCards';
import { status } from './idParts/status';

// One module per part of the dictionary (locales/idParts/): a component's built-in words are the
// parts it shows (`useMessagesOf` in i18n.ts), and bundlers, which put whole modules in chunks,
// leave the others out of a page. This is all of them.

/**
 * Every word of the components in Bahasa Indonesia: the built-in dictionary (AyoProvider's default
 * locale), importable on its own as `@ayokit/react/locales/id`.
 */
export const id: AyoMessages = {
  common,
  banks,
  otp,
  savedCards,
  card,
  bind,
  pay,
  status,
  paymentActions,
  audit,
  errors,
};
