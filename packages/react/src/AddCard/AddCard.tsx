import type { CardInstrument } from '@ayokit/core';
import { type CardRegistrationMode, type CardRegistrationState, useCardRegistration } from '@ayokit/hooks';
import { type ReactNode, useRef } from 'react';
import { cardErrorText, useMessagesOf } from '../i18n';
import { AyoRoot } from '../internal/AyoRoot';
import { Heading, type HeadingLevel } from '../internal/Heading';
import { HostedPageWaiting, Progress, useHostedPageTiming } from '../internal/HostedPage';
import { kebab, useFocusOnChange, useOnce } from '../internal/hooks';
import { LiveRegion } from '../internal/LiveRegion';
import { Result, type ResultAction } from '../internal/Result';
import { card } from '../locales/idParts/card';
import { common } from '../locales/idParts/common';
import { errors } from '../locales/idParts/errors';
import { savedCards } from '../locales/idParts/savedCards';
import { accountName, InstrumentLabel } from '../SavedCardList/InstrumentList';

/** The built-in (Indonesian) words this component shows. */
const WORDS = { id: { card, common, errors, savedCards } };
type Words = typeof WORDS.id;

export interface AddCardProps {
  /** How the gateway's card page opens: a popup window (default), a modal with an iframe, or a redirect. */
  mode?: CardRegistrationMode;
  /** The new card (its id pays with PayWithSavedCard). */
  onAdded?: (card: CardInstrument | null, instrumentId: string) => void;
  /** Shows a Cancel button on the first step and after a failure. */
  onCancel?: () => void;
  /** The level of the component's main heading (default 2, or the enclosing component's); sub-headings follow. */
  headingLevel?: HeadingLevel;
}

function statusMessage(t: Words, s: CardRegistrationState): string {
  switch (s.status) {
    case 'idle':
      return '';
    case 'creating':
      return t.card.creating;
    case 'awaitingPage':
      if (s.window === 'popupBlocked') return t.card.popupBlocked;
      if (s.window === 'popupClosed') return t.card.popupClosed;
      if (s.window === 'redirect') return t.card.redirecting;
      return s.window === 'iframe' ? t.card.dialogTitle : t.card.continueInWindow;
    case 'verifying':
      return t.card.verifying;
    case 'succeeded':
      return t.card.added(s.card ? accountName(t, s.card) : t.card.add);
    case 'failed':
      return s.error.code === 'AUTHENTICATION_FAILED' ? t.card.authFailedTitle : t.card.failedTitle;
    case 'expired':
      return t.card.expired;
    case 'stillProcessing':
      return t.card.stillProcessing;
    default:
      return s satisfies never;
  }
}

/**
 * Adds a credit or debit card: the gateway's secure page (popup, iframe dialog or redirect) with a
 * countdown to its expiry → verifying → the new card, or a failure with a retry.
 */
export function AddCard({ mode = 'popup', onAdded, onCancel, headingLevel }: AddCardProps) {
  const { t } = useMessagesOf('AddCard', WORDS);
  const registration = useCardRegistration({ mode });
  const s = registration.state;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const step = s.status === 'awaitingPage' ? `${s.status}:${s.window}` : s.status;
  useFocusOnChange(step, headingRef);
  useOnce(s.status === 'succeeded' ? s.registration.id : null, () => {
    if (s.status === 'succeeded') onAdded?.(s.card, s.instrumentId);
  });

  const { announcement, countdown } = useHostedPageTiming(
    t,
    s.status === 'awaitingPage' ? s.expiresAt : null,
    statusMessage(t, s),
  );
  const heading = (text: string) => (
    <Heading ref={headingRef} tabIndex={-1} className="ayo-title">
      {text}
    </Heading>
  );
  const progress = (text: string) => <Progress>{heading(text)}</Progress>;
  const retry = { label: t.common.tryAgain, onClick: () => void registration.retry(), primary: true };
  const cancel: ResultAction[] = onCancel ? [{ label: t.common.cancel, onClick: onCancel }] : [];

  let body: ReactNode;
  switch (s.status) {
    case 'idle':
      body = (
        <>
          {heading(t.card.title)}
          <p className="ayo-muted">{t.card.intro}</p>
          <div className="ayo-actions">
            {/* Straight from the click: a popup opened after an await would be blocked. */}
            <button
              type="button"
              className="ayo-button ayo-button--primary"
              onClick={() => void registration.start()}
            >
              {t.card.add}
            </button>
            {onCancel && (
              <button type="button" className="ayo-button ayo-button--secondary" onClick={onCancel}>
                {t.common.cancel}
              </button>
            )}
          </div>
        </>
      );
      break;
    case 'creating':
      body = progress(t.card.creating);
      break;
    case 'awaitingPage':
      body = (
        <HostedPageWaiting
          window={s.window}
          webviewUrl={s.webviewUrl}
          countdown={countdown}
          heading={heading}
          texts={{
            dialogTitle: t.card.dialogTitle,
            pageTitle: t.card.pageTitle,
            redirecting: t.card.redirecting,
            continueInWindow: t.card.continueInWindow,
            windowHint: t.card.windowHint,
            popupBlocked: t.card.popupBlocked,
            popupClosed: t.card.popupClosed,
            reopen: t.card.reopen,
            cancel: t.common.cancel,
          }}
          frameClassName="ayo-add-card__frame"
          onReopen={registration.reopen}
          onCancel={registration.cancel}
        />
      );
      break;
    case 'verifying':
      body = progress(t.card.verifying);
      break;
    case 'succeeded':
      body = (
        <Result tone="success" title={heading(t.card.added(s.card ? accountName(t, s.card) : t.card.add))}>
          {s.card && (
            <p className="ayo-add-card__card">
              <InstrumentLabel t={t} instrument={s.card} />
            </p>
          )}
        </Result>
      );
      break;
    case 'failed':
      body = (
        <Result
          tone="danger"
          title={heading(
            s.error.code === 'AUTHENTICATION_FAILED' ? t.card.authFailedTitle : t.card.failedTitle,
          )}
          actions={[retry, ...cancel]}
        >
          <p role="alert" className="ayo-alert ayo-alert--danger">
            {cardErrorText(t, s.error)}
          </p>
        </Result>
      );
      break;
    case 'expired':
      body = <Result tone="warning" title={heading(t.card.expired)} actions={[retry, ...cancel]} />;
      break;
    case 'stillProcessing':
      body = (
        <Result
          tone="warning"
          title={heading(t.card.stillProcessing)}
          actions={[
            { label: t.card.checkAgain, onClick: () => void registration.refresh(), primary: true },
            { label: t.common.cancel, onClick: registration.cancel },
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
      component="add-card"
      state={kebab(s.status)}
      data-window={s.status === 'awaitingPage' ? kebab(s.window) : undefined}
      aria-busy={s.status === 'creating' || s.status === 'verifying' || undefined}
    >
      <LiveRegion message={announcement} />
      {body}
    </AyoRoot>
  );
}
