import { type ChangeEvent, type ClipboardEvent, forwardRef, useEffect, useId, useState } from 'react';
import { useMessages } from '../i18n';
import { AyoRoot } from '../internal/AyoRoot';
import { LiveRegion } from '../internal/LiveRegion';
import { formatClock } from '../internal/time';

export interface OtpInputProps {
  value: string;
  onChange: (value: string) => void;
  /** Called once the sixth digit is in; the field never submits or moves focus by itself. */
  onComplete?: (otp: string) => void;
  attemptsLeft?: number;
  /** Why the last code was refused; linked to the field and announced. */
  error?: string | null;
  /** Shows a "Resend code" button, disabled while `resendAfterSeconds` count down. */
  onResend?: () => void;
  resendAfterSeconds?: number;
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
    disabled = false,
    label,
  },
  ref,
) {
  const { t } = useMessages('OtpInput');
  const id = useId();
  const inputId = `${id}-input`;
  const hintId = `${id}-hint`;
  const attemptsId = `${id}-attempts`;
  const errorId = `${id}-error`;
  const [focused, setFocused] = useState(false);
  const [resendLeft, setResendLeft] = useState(onResend ? resendAfterSeconds : 0);
  const [announcement, setAnnouncement] = useState('');
  const digits = value.replace(/\D/g, '').slice(0, LENGTH);

  useEffect(() => {
    if (!onResend || resendLeft <= 0) return;
    const timer = setTimeout(() => {
      setResendLeft((s) => Math.max(0, s - 1));
      if (resendLeft === 1) setAnnouncement(t.otp.resendReady);
    }, 1000);
    return () => clearTimeout(timer);
  }, [onResend, resendLeft, t]);

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

  const resend = () => {
    if (resendLeft > 0 || !onResend) return;
    onResend();
    setResendLeft(resendAfterSeconds);
    setAnnouncement(t.otp.resent);
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
        <button
          type="button"
          className="ayo-button ayo-button--link ayo-otp-input__resend"
          disabled={disabled || resendLeft > 0}
          onClick={resend}
        >
          {resendLeft > 0 ? t.otp.resendIn(formatClock(resendLeft)) : t.otp.resend}
        </button>
      )}
    </AyoRoot>
  );
});
