import { BANKS, type BankCode, getBank, isBankCode } from '@ayokit/core';
import { type BindingMode, type BindingState, useBinding } from '@ayokit/hooks';
import { type FormEvent, type ReactNode, useRef, useState } from 'react';
import { BankPicker } from '../BankPicker';
import { errorText, useMessagesOf } from '../i18n';
import { AyoRoot } from '../internal/AyoRoot';
import { Heading, type HeadingLevel } from '../internal/Heading';
import { HostedPageWaiting, Progress, useHostedPageTiming } from '../internal/HostedPage';
import { kebab, useFocusOnChange, useOnce } from '../internal/hooks';
import { LiveRegion } from '../internal/LiveRegion';
import { Result, type ResultAction } from '../internal/Result';
import { bind } from '../locales/idParts/bind';
import { common } from '../locales/idParts/common';
import { errors } from '../locales/idParts/errors';

/** The built-in (Indonesian) words this component shows. */
const WORDS = { id: { bind, common, errors } };
type Words = typeof WORDS.id;

export interface BindAccountProps {
  /** How the bank's page opens: a popup window (default), a modal with an iframe, or a full redirect. */
  mode?: BindingMode;
  /** Preselect a bank. */
  bankCode?: BankCode;
  onBound?: (instrumentId: string) => void;
  /** Shows a Cancel button on the first step. */
  onCancel?: () => void;
  /** The level of the component's main heading (default 2, or the enclosing component's); sub-headings follow. */
  headingLevel?: HeadingLevel;
}

/** Seed 003: a bank refusing a re-binding: use the account already bound, or unbind it first. */
export function isRebindingRefusal(code: string): boolean {
  return code === 'REBINDING_NOT_ALLOWED' || code === 'BINDING_REFUSED';
}

function bankOf(s: BindingState, chosen: BankCode | null): BankCode | null {
  if ('binding' in s && s.binding?.bankCode) return s.binding.bankCode;
  if (s.status === 'creating' && s.bankCode) return s.bankCode;
  return chosen;
}

function statusMessage(t: Words, s: BindingState, bank: string): string {
  switch (s.status) {
    case 'choosingBank':
      return '';
    case 'creating':
      return t.bind.creating;
    case 'awaitingBank':
      if (s.window === 'popupBlocked') return t.bind.popupBlocked;
      if (s.window === 'popupClosed') return t.bind.popupClosed;
      if (s.window === 'redirect') return t.bind.redirecting(bank);
      return s.window === 'iframe' ? t.bind.dialogTitle(bank) : t.bind.continueInWindow(bank);
    case 'verifying':
      return t.bind.verifying;
    case 'bound':
      return t.bind.bound(bank);
    case 'failed':
      return isRebindingRefusal(s.error.code) ? t.bind.refusedTitle : t.bind.failedTitle;
    case 'expired':
      return t.bind.expired;
    case 'stillProcessing':
      return t.bind.stillProcessing;
    default:
      return s satisfies never;
  }
}

/** Binds a bank account: choose the bank → the bank's page → verifying → bound, failed or expired. */
export function BindAccount({ mode = 'popup', bankCode, onBound, onCancel, headingLevel }: BindAccountProps) {
  // In development, as React checks its own props (a production build drops it and its words).
  if (process.env.NODE_ENV !== 'production' && bankCode !== undefined && !isBankCode(bankCode))
    throw new TypeError(
      `<BindAccount bankCode>: not a bank the kit knows (got ${JSON.stringify(bankCode)}; ${BANKS.map((b) => b.code).join(', ')})`,
    );
  const { t } = useMessagesOf('BindAccount', WORDS);
  const binding = useBinding({ mode });
  const s = binding.state;
  const [chosen, setChosen] = useState<BankCode | null>(bankCode ?? null);
  const [chooseError, setChooseError] = useState<string | null>(null);
  const pickerRef = useRef<HTMLFieldSetElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const code = bankOf(s, chosen);
  const bankName = code ? getBank(code).shortName : t.bind.anyBank;
  const step = s.status === 'awaitingBank' ? `${s.status}:${s.window}` : s.status;

  useFocusOnChange(step, headingRef);
  useOnce(s.status === 'bound' ? s.binding.id : null, () => {
    if (s.status === 'bound') onBound?.(s.instrumentId);
  });

  const { announcement, countdown } = useHostedPageTiming(
    t,
    s.status === 'awaitingBank' ? s.expiresAt : null,
    statusMessage(t, s, bankName),
  );

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) {
      setChooseError(t.bind.noBankChosen);
      pickerRef.current?.querySelector<HTMLInputElement>('input:not(:disabled)')?.focus();
      return;
    }
    setChooseError(null);
    // Straight from the click: a popup opened after an await would be blocked.
    void binding.start(chosen);
  };

  const heading = (text: string) => (
    <Heading ref={headingRef} tabIndex={-1} className="ayo-title">
      {text}
    </Heading>
  );

  let body: ReactNode;
  switch (s.status) {
    case 'choosingBank':
      body = (
        <form onSubmit={onSubmit} noValidate>
          {heading(t.bind.title)}
          <BankPicker
            ref={pickerRef}
            value={chosen}
            onChange={(c) => {
              setChosen(c);
              setChooseError(null);
            }}
            legend={t.bind.chooseBank}
            error={chooseError}
          />
          <div className="ayo-actions">
            <button type="submit" className="ayo-button ayo-button--primary">
              {t.bind.continue}
            </button>
            {onCancel && (
              <button type="button" className="ayo-button ayo-button--secondary" onClick={onCancel}>
                {t.common.cancel}
              </button>
            )}
          </div>
        </form>
      );
      break;
    case 'creating':
      body = <Progress>{heading(t.bind.creating)}</Progress>;
      break;
    case 'awaitingBank':
      body = (
        <HostedPageWaiting
          window={s.window}
          webviewUrl={s.webviewUrl}
          countdown={countdown}
          heading={heading}
          texts={{
            dialogTitle: t.bind.dialogTitle(bankName),
            pageTitle: t.bind.bankPageTitle(bankName),
            redirecting: t.bind.redirecting(bankName),
            continueInWindow: t.bind.continueInWindow(bankName),
            windowHint: t.bind.windowHint,
            popupBlocked: t.bind.popupBlocked,
            popupClosed: t.bind.popupClosed,
            reopen: t.bind.reopen,
            cancel: t.common.cancel,
          }}
          frameClassName="ayo-bind-account__frame"
          onReopen={binding.reopen}
          onCancel={binding.cancel}
        />
      );
      break;
    case 'verifying':
      body = <Progress>{heading(t.bind.verifying)}</Progress>;
      break;
    case 'bound':
      body = <Result tone="success" title={heading(t.bind.bound(bankName))} />;
      break;
    case 'failed': {
      const refused = isRebindingRefusal(s.error.code);
      const actions: ResultAction[] = [
        ...(refused
          ? []
          : [{ label: t.common.tryAgain, onClick: () => void binding.retry(), primary: true }]),
        { label: t.bind.chooseAnother, onClick: binding.cancel, primary: refused },
        ...(onCancel ? [{ label: t.common.cancel, onClick: onCancel }] : []),
      ];
      body = (
        <Result
          tone="danger"
          title={heading(refused ? t.bind.refusedTitle : t.bind.failedTitle)}
          actions={actions}
        >
          {refused ? (
            <div role="alert" className="ayo-bind-account__guidance">
              <p>
                {s.error.code === 'REBINDING_NOT_ALLOWED'
                  ? t.bind.refusedOneAccountPerUser(bankName)
                  : t.bind.refusedBody(bankName)}
              </p>
              <ul>
                <li>{t.bind.refusedUseExisting}</li>
                <li>{t.bind.refusedUnbindFirst}</li>
              </ul>
            </div>
          ) : (
            <p role="alert" className="ayo-alert ayo-alert--danger">
              {errorText(t, s.error)}
            </p>
          )}
        </Result>
      );
      break;
    }
    case 'expired':
      body = (
        <Result
          tone="warning"
          title={heading(t.bind.expired)}
          actions={[
            { label: t.common.tryAgain, onClick: () => void binding.retry(), primary: true },
            { label: t.bind.chooseAnother, onClick: binding.cancel },
          ]}
        />
      );
      break;
    case 'stillProcessing':
      body = (
        <Result
          tone="warning"
          title={heading(t.bind.stillProcessing)}
          actions={[
            { label: t.bind.checkAgain, onClick: () => void binding.refresh(), primary: true },
            { label: t.common.cancel, onClick: binding.cancel },
          ]}
        />
      );
      break;
    default:
      body = s satisfies never;
  }

  return (
    <AyoRoot
      headingLevel={headingLevel}
      component="bind-account"
      state={kebab(s.status)}
      data-window={s.status === 'awaitingBank' ? kebab(s.window) : undefined}
      aria-busy={s.status === 'creating' || s.status === 'verifying' || undefined}
    >
      <LiveRegion message={announcement} />
      {body}
    </AyoRoot>
  );
}
