/** The webview's pages, one per step of the binding session. Server-rendered, no script needed. */
import { BANKS, getBank } from '@ayokit/core';
import { snapTimestamp } from '@ayokit/core/snap';
import { rebindingRefusalReason } from '../domain/accounts';
import { CARD_EXPIRED, OTP_BLOCKED, SESSION_EXPIRED } from '../domain/bindings';
import type { BindingSession } from '../state';
import { type Html, html, layout } from './html';
import { DICTIONARIES, type Dictionary } from './i18n';

export type FieldErrors = Partial<Record<'bankCode' | 'accountNumber' | 'cardExpiry' | 'otp', string>>;

export interface FormValues {
  accountNumber?: string;
  cardExpiry?: string;
}

export const STEP_FIELD = 'step';
export type Step = 'bank' | 'account' | 'otp';

function dictFor(session: BindingSession | null): Dictionary {
  return DICTIONARIES[session?.lang ?? 'ID'];
}

function brandOf(session: BindingSession): string {
  return session.bankCode ? `${getBank(session.bankCode).name} · Ayoconnect` : 'Ayoconnect';
}

export function errorSummary(dict: Dictionary, errors: FieldErrors): Html {
  const entries = Object.entries(errors).filter((e): e is [string, string] => Boolean(e[1]));
  if (entries.length === 0) return html``;
  return html`<div class="ayo-error-summary" role="alert"><p>${dict.errorSummary}</p><ul>${entries.map(
    ([field, message]) => html`<li><a href="#${field}">${message}</a></li>`,
  )}</ul></div>`;
}

export function fieldError(field: string, message: string | undefined): Html {
  return message ? html`<p id="${field}-error" class="ayo-field__error" data-error>${message}</p>` : html``;
}

export function describedBy(field: string, hasHint: boolean, error: string | undefined): string {
  return [hasHint ? `${field}-hint` : '', error ? `${field}-error` : ''].filter(Boolean).join(' ');
}

function sessionEnds(dict: Dictionary, session: BindingSession): Html {
  const time = snapTimestamp(session.expiresAt).slice(11, 16);
  return html`<p class="ayo-muted">${dict.sessionEndsAt(time)}</p>`;
}

function stepInput(step: Step): Html {
  return html`<input type="hidden" name="${STEP_FIELD}" value="${step}">`;
}

export function chooseBankPage(session: BindingSession, errors: FieldErrors = {}): string {
  const dict = dictFor(session);
  const error = errors.bankCode;
  const body = html`${errorSummary(dict, errors)}<form method="post" novalidate>${stepInput('bank')}
<fieldset class="ayo-bank-picker" id="bankCode"${error ? html` aria-describedby="bankCode-error"` : ''}><legend>${dict.chooseBankLegend}</legend>
${BANKS.map(
  (b, i) =>
    html`<label class="ayo-bank-picker__option"><input type="radio" name="bankCode" value="${b.code}" required${
      i === 0 && error ? html` autofocus` : ''
    }><span>${b.shortName} — ${b.name}</span></label>`,
)}
${fieldError('bankCode', error)}</fieldset>
<button type="submit">${dict.continue}</button></form>${sessionEnds(dict, session)}`;
  return layout({ dict, title: dict.chooseBankTitle, state: 'choosing-bank', brand: brandOf(session), body });
}

export function accountPage(
  session: BindingSession,
  errors: FieldErrors = {},
  values: FormValues = {},
): string {
  const dict = dictFor(session);
  const first = errors.accountNumber ? 'accountNumber' : errors.cardExpiry ? 'cardExpiry' : null;
  const input = (
    field: 'accountNumber' | 'cardExpiry',
    label: string,
    hint: string,
    attrs: Html,
    value: string | undefined,
  ) => {
    const error = errors[field];
    return html`<div class="ayo-field"><label for="${field}">${label}</label><span class="ayo-hint" id="${field}-hint">${hint}</span>
<input id="${field}" name="${field}" type="text" value="${value ?? ''}" aria-describedby="${describedBy(field, true, error)}"${
      error ? html` aria-invalid="true"` : ''
    }${first === field ? html` autofocus` : ''} required ${attrs}>${fieldError(field, error)}</div>`;
  };
  const body = html`${errorSummary(dict, errors)}<form method="post" novalidate>${stepInput('account')}
${input('accountNumber', dict.accountNumber, dict.accountNumberHint, html`inputmode="numeric" autocomplete="off" maxlength="16"`, values.accountNumber)}
${input('cardExpiry', dict.cardExpiry, dict.cardExpiryHint, html`inputmode="numeric" autocomplete="cc-exp" placeholder="${dict.expiryPlaceholder}" maxlength="5"`, values.cardExpiry)}
<button type="submit">${dict.continue}</button></form>${sessionEnds(dict, session)}`;
  return layout({ dict, title: dict.accountTitle, state: 'account-details', brand: brandOf(session), body });
}

function maskPhone(phone: string): string {
  return `${phone.slice(0, 4)}${'*'.repeat(Math.max(phone.length - 7, 0))}${phone.slice(-3)}`;
}

export function otpPage(session: BindingSession, errors: FieldErrors = {}): string {
  const dict = dictFor(session);
  const error = errors.otp;
  const body = html`${errorSummary(dict, errors)}<p id="otp-hint">${dict.otpSentTo(session.phoneNo ? maskPhone(session.phoneNo) : null)}</p>
<form method="post" novalidate>${stepInput('otp')}<div class="ayo-field"><label for="otp">${dict.otpLabel}</label>
<input id="otp" name="otp" class="ayo-otp-input" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="6" pattern="[0-9]{6}" required aria-describedby="${describedBy(
    'otp',
    true,
    error,
  )}"${error ? html` aria-invalid="true" autofocus` : ''}>${fieldError('otp', error)}</div>
<button type="submit">${dict.verify}</button></form>${sessionEnds(dict, session)}`;
  return layout({ dict, title: dict.otpTitle, state: 'otp', brand: brandOf(session), body });
}

/** The failure in the reader's words; the wire reason (English, for the callback) is not one. */
function failureText(dict: Dictionary, session: BindingSession): string {
  const reason = session.failureReason;
  if (reason === CARD_EXPIRED) return dict.failed.cardExpired;
  if (reason === OTP_BLOCKED) return dict.failed.otpBlocked;
  if (reason === SESSION_EXPIRED) return dict.expiredBody;
  if (session.bankCode) {
    const bank = getBank(session.bankCode);
    if (reason === rebindingRefusalReason(bank)) {
      return bank.rebinding === 'oneAccountPerUser'
        ? dict.failed.userHasAccount(bank.shortName)
        : dict.failed.accountLinked(bank.shortName);
    }
  }
  return dict.failed.other;
}

/** A failure names its wire reason in `data-failure-reason`, for tools (driveBindingWebview), not readers. */
export function resultPage(session: BindingSession): string {
  const dict = dictFor(session);
  const success = session.status === 'SUCCESS';
  const body = success
    ? html`<p role="status" data-result-message>${dict.successBody}</p>`
    : html`<p role="alert" data-result-message data-failure-reason="${session.failureReason ?? ''}">${failureText(dict, session)}</p>`;
  return layout({
    dict,
    title: success ? dict.successTitle : dict.failedTitle,
    state: success ? 'success' : 'failed',
    brand: brandOf(session),
    body,
  });
}

export function expiredPage(session: BindingSession): string {
  const dict = dictFor(session);
  const body = html`<p role="alert" data-result-message>${dict.expiredBody}</p>`;
  return layout({ dict, title: dict.expiredTitle, state: 'expired', brand: brandOf(session), body });
}

export function notFoundPage(): string {
  const dict = dictFor(null);
  const body = html`<p data-result-message>${dict.notFoundBody}</p>`;
  return layout({ dict, title: dict.notFoundTitle, state: 'not-found', brand: 'Ayoconnect', body });
}
