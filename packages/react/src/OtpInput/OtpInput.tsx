import { type ChangeEvent, type ClipboardEvent, forwardRef, useEffect, useId, useRef, useState } from 'react';
import { useMessagesOf } from '../i18n';
import { AyoRoot } from '../internal/AyoRoot';
import { LiveRegion } from '../internal/LiveRegion';
import { formatClock, useCountdown } from '../internal/time';
import { otp } from '../locales/idParts/otp';

/** The built-in (Indonesian) words this component shows. */
const WORDS = { id: { otp } };

export interface OtpInputProps {
  value: string;
  onChange: (value: string) => void;
  /** Called once the sixth digit is in; the field never submits or moves focus by itself. */
  onComplete?: (otp: string) => void;
  attemptsLeft?: number;
  /** Why the last code was refused; linked to the field and announced. */
  error?: string | null;
  /**
   * Shows a "Resend code" button, disabled while it may not be used yet. Resolve `false` when no
   * code was sent (nothing is announced then).
   */
  onResend?: () => unknown;
  /** Seconds to wait after each resend when the server gives no time (`resendAvailableAt`). */
  resendAfterSeconds?: number;
  /** When the server allows the next resend (ISO or epoch ms; null: now). Drives the countdown. */
  resendAvailableAt?: string | number | null;
  /** How many more codes may be sent; 0 disables resending. */
  resendsLeft?: number;
  /** A new code is being asked for. */
  resending?: boolean;
  disabled?: boolean;
  label?: string;
}

const LENGTH = 6;

/**
 * One real input (`autocomplete="one-time-code"`), drawn as six slots: paste, SMS autofill and
 * screen readers work as with any text field. Slots are decoration only.
 */
export const OtpInput = forwardRef<HTMLInputElement, OtpInputProps>(function OtpInput(
  {
    value,
    onChange,
    onComplete,
    attemptsLeft,
    error,
    onResend,
    resendAfterSeconds = 30,
    resendAvailableAt,
    resendsLeft,
    resending = false,
    disabled = false,
    label,
  },
  ref,
) {
  const { t } = useMessagesOf('OtpInput', WORDS);
  const id = useId();
  const inputId = `${id}-input`;
  const hintId = `${id}-hint`;
  const attemptsId = `${id}-attempts`;
  const errorId = `${id}-error`;
  const [focused, setFocused] = useState(false);
  const resendsId = `${id}-resends`;
  const serverTimed = resendAvailableAt !== undefined;
  const [ownLeft, setResendLeft] = useState(onResend && !serverTimed ? resendAfterSeconds : 0);
  const serverLeft = useCountdown(serverTimed ? (resendAvailableAt ?? 0) : null) ?? 0;
  const resendLeft = serverTimed ? serverLeft : ownLeft;
  const [announcement, setAnnouncement] = useState('');
  // A value not given yet (undefined, null) is an empty code, not a crash.
  const digits = String(value ?? '')
    .replace(/\D/g, '')
    .slice(0, LENGTH);

  // The server's countdown reaching zero is announced once.
  const previousLeft = useRef(serverLeft);
  useEffect(() => {
    if (serverTimed && onResend && previousLeft.current > 0 && serverLeft === 0)
      setAnnouncement(t.otp.resendReady);
    previousLeft.current = serverLeft;
  }, [serverTimed, onResend, serverLeft, t]);

  useEffect(() => {
    if (!onResend || serverTimed || ownLeft <= 0) return;
    const timer = setTimeout(() => {
      setResendLeft((s) => Math.max(0, s - 1));
      if (ownLeft === 1) setAnnouncement(t.otp.resendReady);
    }, 1000);
    return () => clearTimeout(timer);
  }, [onResend, serverTimed, ownLeft, t]);

  const accept = (raw: string) => {
    const next = raw.replace(/\D/g, '').slice(0, LENGTH);
    onChange(next);
    if (next.length === LENGTH && digits.length !== LENGTH) {
      setAnnouncement(t.otp.complete);
      onComplete?.(next);
    }
  };
  const handleChange = (e: ChangeEvent<HTMLInputElement>) => accept(e.target.value);
  // maxLength would cut "123 456" or "Kode: 123456" before the digits are picked out.
  const handlePaste = (e: ClipboardEvent<HTMLInputElement>) => {
    const text = e.clipboardData.getData('text');
    if (!text) return;
    e.preventDefault();
    const el = e.currentTarget;
    const start = el.selectionStart ?? digits.length;
    const end = el.selectionEnd ?? digits.length;
    accept(digits.slice(0, start) + text + digits.slice(end));
  };

  const noMoreResends = resendsLeft !== undefined && resendsLeft <= 0;
  const resend = () => {
    if (resendLeft > 0 || noMoreResends || resending || !onResend) return;
    const sent = onResend();
    if (!serverTimed) {
      setResendLeft(resendAfterSeconds);
      setAnnouncement(t.otp.resent);
      return;
    }
    void Promise.resolve(sent).then((ok) => {
      if (ok !== false) setAnnouncement(t.otp.resent);
    });
  };

  const describedBy = [hintId, attemptsLeft !== undefined ? attemptsId : null, error ? errorId : null]
    .filter(Boolean)
    .join(' ');
  const state = disabled ? 'disabled' : error ? 'error' : digits.length === LENGTH ? 'complete' : 'idle';
  const activeSlot = focused ? Math.min(digits.length, LENGTH - 1) : -1;
  const lastAttempt = attemptsLeft !== undefined && attemptsLeft <= 1;

  return (
    <AyoRoot component="otp-input" state={state}>
      <LiveRegion message={announcement} />
      <label htmlFor={inputId} className="ayo-otp-input__label">
        {label ?? t.otp.label}
      </label>
      <p id={hintId} className="ayo-otp-input__hint ayo-muted">
        {t.otp.hint}
      </p>
      <div className="ayo-otp-input__field" data-focused={focused ? '' : undefined}>
        <div className="ayo-otp-input__slots" aria-hidden="true">
          {Array.from({ length: LENGTH }, (_, i) => (
            <span
              // biome-ignore lint/suspicious/noArrayIndexKey: six fixed slots
              key={i}
              className="ayo-otp-input__slot"
              data-state={i === activeSlot ? 'active' : digits[i] ? 'filled' : 'empty'}
            >
              {digits[i] ?? ''}
            </span>
          ))}
        </div>
        <input
          ref={ref}
          id={inputId}
          className="ayo-otp-input__input"
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="\d{6}"
          maxLength={LENGTH}
          spellCheck={false}
          value={digits}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={handleChange}
          onPaste={handlePaste}
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
        />
      </div>
      {attemptsLeft !== undefined && (
        <p id={attemptsId} className="ayo-otp-input__attempts" data-state={lastAttempt ? 'last' : undefined}>
          {attemptsLeft > 0 ? t.otp.attemptsLeft(attemptsLeft) : t.otp.noAttemptsLeft}
        </p>
      )}
      {error && (
        <p id={errorId} role="alert" className="ayo-field-error">
          {error}
        </p>
      )}
      {onResend && (
        <div className="ayo-otp-input__resend-row">
          <button
            type="button"
            className="ayo-button ayo-button--link ayo-otp-input__resend"
            disabled={disabled || resendLeft > 0 || noMoreResends || resending}
            aria-busy={resending || undefined}
            aria-describedby={resendsLeft !== undefined ? resendsId : undefined}
            onClick={resend}
          >
            {resending
              ? t.otp.resending
              : resendLeft > 0 && !noMoreResends
                ? t.otp.resendIn(formatClock(resendLeft))
                : t.otp.resend}
          </button>
          {resendsLeft !== undefined && (
            <span id={resendsId} className="ayo-otp-input__resends ayo-muted">
              {noMoreResends ? t.otp.noResendsLeft : t.otp.resendsLeft(resendsLeft)}
            </span>
          )}
        </div>
      )}
    </AyoRoot>
  );
});
