/** The hosted card registration page, one view per step. Server-rendered, no script needed. */
import { snapTimestamp } from '@ayokit/core/snap';
import { REGISTRATION_EXPIRED, THREE_DS_FAILED } from '../domain/cardRegistrations';
import type { CardRegistration } from '../state';
import { type Html, html, layout } from './html';
import { DICTIONARIES, type Dictionary } from './i18n';
import { describedBy, errorSummary, fieldError } from './pages';

export type CardField = 'cardNumber' | 'holderName' | 'expiry' | 'cvv' | 'otp';
export type CardFieldErrors = Partial<Record<CardField, string>>;
export type CardFormValues = Partial<Record<'cardNumber' | 'holderName' | 'expiry', string>>;
export type CardStep = 'card' | 'challenge';

const BRAND = 'Ayoconnect · Card';

function dictFor(registration: CardRegistration | null): Dictionary {
  return DICTIONARIES[registration?.lang ?? 'ID'];
}

function render(registration: CardRegistration | null, title: string, state: string, body: Html): string {
  const dict = dictFor(registration);
  return layout({ dict, hint: dict.card.sandboxHint, title, state, brand: BRAND, body });
}

function sessionEnds(dict: Dictionary, registration: CardRegistration): Html {
  const time = snapTimestamp(registration.expiresAt).slice(11, 16);
  return html`<p class="ayo-muted">${dict.sessionEndsAt(time)}</p>`;
}

function stepInput(step: CardStep): Html {
  return html`<input type="hidden" name="step" value="${step}">`;
}

const FIELD_ORDER: readonly CardField[] = ['cardNumber', 'holderName', 'expiry', 'cvv'];

export function cardDetailsPage(
  registration: CardRegistration,
  errors: CardFieldErrors = {},
  values: CardFormValues = {},
): string {
  const dict = dictFor(registration);
  const t = dict.card;
  const first = FIELD_ORDER.find((f) => errors[f]);
  const input = (field: CardField, label: string, hint: string | null, attrs: Html, value?: string) => {
    const error = errors[field];
    return html`<div class="ayo-field"><label for="${field}">${label}</label>${
      hint ? html`<span class="ayo-hint" id="${field}-hint">${hint}</span>` : ''
    }
<input id="${field}" name="${field}" type="text" value="${value ?? ''}"${
      hint || error ? html` aria-describedby="${describedBy(field, hint !== null, error)}"` : ''
    }${error ? html` aria-invalid="true"` : ''}${first === field ? html` autofocus` : ''} required ${attrs}>${fieldError(field, error)}</div>`;
  };
  const ordered: CardFieldErrors = Object.fromEntries(
    FIELD_ORDER.filter((f) => errors[f]).map((f) => [f, errors[f]]),
  );
  const body = html`${errorSummary(dict, ordered)}<form method="post" novalidate>${stepInput('card')}
${input('cardNumber', t.cardNumber, t.cardNumberHint, html`inputmode="numeric" autocomplete="cc-number" maxlength="23"`, values.cardNumber)}
${input('holderName', t.holderName, null, html`autocomplete="cc-name" maxlength="50"`, values.holderName)}
<div class="ayo-field-row">${input('expiry', t.expiry, t.expiryHint, html`inputmode="numeric" autocomplete="cc-exp" placeholder="${dict.expiryPlaceholder}" maxlength="5"`, values.expiry)}
${input('cvv', t.cvv, t.cvvHint, html`inputmode="numeric" autocomplete="cc-csc" maxlength="3"`)}</div>
<button type="submit">${t.save}</button></form>${sessionEnds(dict, registration)}`;
  return render(registration, t.detailsTitle, 'card-details', body);
}

export function challengePage(registration: CardRegistration, errors: CardFieldErrors = {}): string {
  const dict = dictFor(registration);
  const t = dict.card;
  const error = errors.otp;
  const masked = registration.card?.maskedCardNumber ?? '';
  const body = html`${errorSummary(dict, { otp: error })}<p id="otp-hint">${t.challengeBody(masked)}</p>
<form method="post" novalidate>${stepInput('challenge')}<div class="ayo-field"><label for="otp">${t.otpLabel}</label>
<input id="otp" name="otp" class="ayo-otp-input" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="6" pattern="[0-9]{6}" required aria-describedby="${describedBy(
    'otp',
    true,
    error,
  )}"${error ? html` aria-invalid="true" autofocus` : ''}>${fieldError('otp', error)}</div>
<button type="submit">${t.confirm}</button></form>${sessionEnds(dict, registration)}`;
  return render(registration, t.challengeTitle, 'three-ds', body);
}

/** The failure in the reader's words; the wire reason (English, for the callback) is not one. */
function failureText(t: Dictionary['card'], reason: string | undefined): string {
  if (reason === THREE_DS_FAILED) return t.failed.threeDsFailed;
  if (reason === REGISTRATION_EXPIRED) return t.expiredBody;
  return t.failed.other;
}

/** A failure names its wire reason in `data-failure-reason`, for tools (driveCardRegistration), not readers. */
export function cardResultPage(registration: CardRegistration): string {
  const t = dictFor(registration).card;
  const success = registration.status === 'SUCCESS';
  const reason = registration.failureReason;
  const body = success
    ? html`<p role="status" data-result-message>${t.successBody(registration.card?.maskedCardNumber ?? '')}</p>`
    : html`<p role="alert" data-result-message data-failure-reason="${reason ?? ''}">${failureText(t, reason)}</p>`;
  return render(registration, success ? t.successTitle : t.failedTitle, success ? 'success' : 'failed', body);
}

export function cardExpiredPage(registration: CardRegistration): string {
  const t = dictFor(registration).card;
  const body = html`<p role="alert" data-result-message>${t.expiredBody}</p>`;
  return render(registration, t.expiredTitle, 'expired', body);
}

export function cardNotFoundPage(): string {
  const dict = dictFor(null);
  return render(
    null,
    dict.card.notFoundTitle,
    'not-found',
    html`<p data-result-message>${dict.notFoundBody}</p>`,
  );
}
