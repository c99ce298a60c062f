import { useCapabilities } from '@ayokit/hooks';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useMessagesOf } from '../i18n';
import { otp } from '../locales/idParts/otp';
import { OtpInput } from '../OtpInput';
import { useFocusErrorAfterSubmit } from './hooks';

/** The built-in (Indonesian) words this component shows. */
const WORDS = { id: { otp } };

export interface OtpStepProps {
  /** The step's heading (the caller keeps its focus ref). */
  title: ReactNode;
  body: string;
  attemptsLeft?: number | undefined;
  /** Why the bank refused the last code, in words; null when it did not. */
  serverError: string | null;
  submitting: boolean;
  submitLabel: string;
  submittingLabel?: string;
  tone: 'primary' | 'danger';
  /** Shown when fewer than 6 digits are submitted. */
  incomplete: string;
  cancelLabel: string;
  onSubmit: (otp: string) => Promise<void>;
  onCancel: () => void;
  /**
   * A "Resend code" button, counting down to the server's `resendAvailableAt`: shown only when the
   * provider has a resend API (`useCapabilities().otpResend`); otherwise a hint to wait or start again.
   */
  resend?: {
    resendsLeft: number;
    availableAt: string | null;
    resending: boolean;
    onResend: () => Promise<boolean>;
  };
}

/** The bank's OTP as a form: one OtpInput, submit and cancel; focus goes to the error on submit. */
export function OtpStep(p: OtpStepProps) {
  const [otp, setOtp] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const error = localError ?? p.serverError;
  const focus = useFocusErrorAfterSubmit<HTMLInputElement>(error);
  const { t } = useMessagesOf('OtpStep', WORDS);
  const canResend = useCapabilities().data?.otpResend;
  const resend = canResend ? p.resend : undefined;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    focus.arm();
    if (otp.length !== 6) {
      setLocalError(p.incomplete);
      return;
    }
    setLocalError(null);
    void p.onSubmit(otp).then(() => setOtp(''));
  };

  return (
    <form onSubmit={submit} noValidate>
      {p.title}
      <p>{p.body}</p>
      <OtpInput
        ref={focus.ref}
        value={otp}
        onChange={(v) => {
          setOtp(v);
          setLocalError(null);
        }}
        attemptsLeft={p.attemptsLeft}
        error={error}
        disabled={p.submitting}
        {...(resend
          ? {
              onResend: () => {
                setLocalError(null);
                return resend.onResend();
              },
              resendAvailableAt: resend.availableAt,
              resendsLeft: resend.resendsLeft,
              resending: resend.resending,
            }
          : {})}
      />
      {p.resend && canResend === false && (
        <p className="ayo-muted ayo-otp-step__no-resend">{t.otp.noResend}</p>
      )}
      <div className="ayo-actions">
        <button
          type="submit"
          className={`ayo-button ayo-button--${p.tone}`}
          disabled={p.submitting}
          aria-busy={p.submitting || undefined}
        >
          {p.submitting && p.submittingLabel ? p.submittingLabel : p.submitLabel}
        </button>
        <button
          type="button"
          className="ayo-button ayo-button--secondary"
          disabled={p.submitting}
          onClick={() => {
            setOtp('');
            setLocalError(null);
            p.onCancel();
          }}
        >
          {p.cancelLabel}
        </button>
      </div>
    </form>
  );
}
