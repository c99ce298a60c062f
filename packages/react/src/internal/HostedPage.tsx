import type { BankWindow } from '@ayokit/hooks';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { AyoMessages } from '../i18n';
import { Dialog } from './Dialog';
import { formatClock, useCountdown } from './time';

/**
 * What BindAccount and AddCard share while the shopper is on a hosted page (the bank's or the
 * card gateway's): the countdown to the page's expiry, the announcements, and the waiting step
 * for each way the page opens (iframe dialog, popup, redirect).
 */

/**
 * The live announcement (each step's message, then the time left once a minute, never every
 * second) and the visible countdown while `expiresAt` is set.
 */
export function useHostedPageTiming(
  t: Pick<AyoMessages, 'common'>,
  expiresAt: string | null,
  stepMessage: string,
) {
  const left = useCountdown(expiresAt);
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => setAnnouncement(stepMessage), [stepMessage]);
  const minutes = left == null ? null : Math.ceil(left / 60);
  const lastMinutes = useRef<number | null>(null);
  useEffect(() => {
    if (minutes != null && lastMinutes.current != null && minutes < lastMinutes.current && minutes > 0)
      setAnnouncement(t.common.minutesLeft(minutes));
    lastMinutes.current = minutes;
  }, [minutes, t]);
  const countdown =
    left != null ? (
      <p className="ayo-countdown" role="timer" aria-live="off">
        {t.common.timeLeft(formatClock(left))}
      </p>
    ) : null;
  return { announcement, countdown };
}

/** A spinner beside a step's heading. */
export function Progress({ children }: { children: ReactNode }) {
  return (
    <div className="ayo-progress">
      <span className="ayo-spinner" aria-hidden="true" />
      {children}
    </div>
  );
}

export interface HostedPageWaitingProps {
  window: BankWindow;
  webviewUrl: string;
  countdown: ReactNode;
  heading: (text: string) => ReactNode;
  texts: {
    dialogTitle: string;
    /** The iframe's accessible name. */
    pageTitle: string;
    redirecting: string;
    continueInWindow: string;
    windowHint: string;
    popupBlocked: string;
    popupClosed: string;
    reopen: string;
    cancel: string;
  };
  frameClassName: string;
  onReopen: () => void;
  onCancel: () => void;
}

/** The shopper is on the hosted page: in a dialog here, in another window, or on the way there. */
export function HostedPageWaiting(p: HostedPageWaitingProps) {
  const { texts } = p;
  if (p.window === 'iframe') {
    return (
      <>
        {p.heading(texts.dialogTitle)}
        {p.countdown}
        <Dialog title={texts.dialogTitle} closeLabel={texts.cancel} onClose={p.onCancel}>
          {p.countdown}
          <iframe
            className={p.frameClassName}
            title={texts.pageTitle}
            src={p.webviewUrl}
            // The page needs its own scripts, forms, 3-D Secure popups and a way back to this page.
            sandbox="allow-scripts allow-forms allow-same-origin allow-popups allow-top-navigation-by-user-activation"
            referrerPolicy="no-referrer"
          />
        </Dialog>
      </>
    );
  }
  if (p.window === 'redirect') return <Progress>{p.heading(texts.redirecting)}</Progress>;
  return (
    <>
      {p.heading(texts.continueInWindow)}
      <p>{texts.windowHint}</p>
      {p.countdown}
      {p.window !== 'popup' && (
        <p className="ayo-alert ayo-alert--warning">
          {p.window === 'popupBlocked' ? texts.popupBlocked : texts.popupClosed}
        </p>
      )}
      <div className="ayo-actions">
        <button
          type="button"
          className={`ayo-button ${p.window === 'popup' ? 'ayo-button--secondary' : 'ayo-button--primary'}`}
          onClick={p.onReopen}
        >
          {texts.reopen}
        </button>
        <button type="button" className="ayo-button ayo-button--secondary" onClick={p.onCancel}>
          {texts.cancel}
        </button>
      </div>
    </>
  );
}
