import { formatIdr, isValidAmount, type Payment } from '@ayokit/core';
import {
  type BindingMode,
  type FlowError,
  type PayInput,
  type PaymentState,
  usePayment,
  useSavedCards,
} from '@ayokit/hooks';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { BindAccount } from '../BindAccount';
import { type AyoMessages, errorText, useMessages } from '../i18n';
import { AyoRoot } from '../internal/AyoRoot';
import { kebab, useFocusErrorAfterSubmit, useFocusOnChange, useOnce } from '../internal/hooks';
import { LiveRegion } from '../internal/LiveRegion';
import { OtpStep } from '../internal/OtpStep';
import { Result } from '../internal/Result';
import { isPayable, SavedCardList } from '../SavedCardList/SavedCardList';

export interface PayWithSavedCardProps {
  /** Whole rupiah, positive. */
  amount: number;
  description?: string;
  orderId?: string;
  onSucceeded?: (payment: Payment) => void;
  onFailed?: (error: FlowError) => void;
  /** How a new account is bound from here (see BindAccount's `mode`). */
  bindMode?: BindingMode;
}

function statusMessage(t: AyoMessages, s: PaymentState, amount: string): string {
  switch (s.status) {
    case 'idle':
      return '';
    case 'creating':
      return t.pay.paying;
    case 'requiresOtp':
      return t.pay.otpTitle;
    case 'submittingOtp':
      return t.pay.checkingOtp;
    case 'processing':
      return t.pay.processing;
    case 'stillProcessing':
      return t.pay.stillProcessing;
    case 'succeeded':
      return t.pay.succeeded(amount);
    case 'failed':
      return t.pay.failedTitle;
    default:
      return s satisfies never;
  }
}

/** Checkout with a saved bank account: choose (or bind) an account, pay, the bank's OTP, the result. */
export function PayWithSavedCard(props: PayWithSavedCardProps) {
  const { t } = useMessages('PayWithSavedCard');
  if (!isValidAmount(props.amount)) {
    return (
      <AyoRoot component="pay-with-saved-card" state="invalid">
        <LiveRegion message="" />
        <p role="alert" className="ayo-alert ayo-alert--danger">
          {t.pay.invalidAmount}
        </p>
      </AyoRoot>
    );
  }
  return <PayForm {...props} />;
}

function PayForm({
  amount,
  description,
  orderId,
  onSucceeded,
  onFailed,
  bindMode = 'popup',
}: PayWithSavedCardProps) {
  const { t, locale } = useMessages('PayWithSavedCard');
  const payment = usePayment();
  const cards = useSavedCards();
  const s = payment.state;
  const [selected, setSelected] = useState<string | null>(null);
  const [boundId, setBoundId] = useState<string | null>(null);
  const [view, setView] = useState<'choose' | 'bind'>('choose');
  const [chooseError, setChooseError] = useState<string | null>(null);
  const attempt = useRef(0);
  const rootRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const price = formatIdr(amount, locale);

  // The default account is chosen for the shopper; a removed, blocked or expired choice falls back.
  useEffect(() => {
    const current = cards.instruments.find((i) => i.id === selected);
    if (current && isPayable(current)) return;
    if (selected && selected === boundId && !current) return; // just bound: the list is catching up
    const def = cards.defaultInstrument;
    const next = def && isPayable(def) ? def.id : (cards.instruments.find((i) => isPayable(i))?.id ?? null);
    if (next !== selected) setSelected(next);
  }, [cards.instruments, cards.defaultInstrument, selected, boundId]);

  const failFocus = useFocusErrorAfterSubmit<HTMLDivElement>(s.status === 'failed' ? s.error : null);
  const step = view === 'bind' && (s.status === 'idle' || s.status === 'failed') ? 'bind' : s.status;
  // The pay form stays put through idle → creating → failed, and the OTP form through its checks.
  const focusStep =
    step === 'idle' || step === 'creating' || step === 'failed' || step === 'bind'
      ? 'form'
      : step === 'submittingOtp'
        ? 'requiresOtp'
        : step;
  useFocusOnChange(focusStep, headingRef);

  useOnce(s.status === 'succeeded' ? s.payment.id : null, () => {
    if (s.status === 'succeeded') onSucceeded?.(s.payment);
  });
  useOnce(s.status === 'failed' ? `${attempt.current}:${s.payment?.id ?? ''}` : null, () => {
    if (s.status === 'failed') onFailed?.(s.error);
  });

  const onPay = (e: FormEvent) => {
    e.preventDefault();
    if (!selected) {
      setChooseError(t.pay.noAccountChosen);
      rootRef.current
        ?.querySelector<HTMLElement>(
          '.ayo-saved-card-list input:not(:disabled), .ayo-pay-with-saved-card__bind',
        )
        ?.focus();
      return;
    }
    setChooseError(null);
    // Props are read now: a new amount or order after a failure is a new payment (a new key).
    const input: PayInput = {
      instrumentId: selected,
      amount,
      ...(description ? { description } : {}),
      ...(orderId ? { orderId } : {}),
    };
    attempt.current++;
    failFocus.arm();
    // The hook decides the Idempotency-Key: the same one only when the last answer was lost.
    void payment.pay(input);
  };

  const heading = (text: string, level: 'h2' | 'h3' = 'h3') => {
    const Tag = level;
    return (
      <Tag ref={headingRef} tabIndex={-1} className="ayo-subtitle">
        {text}
      </Tag>
    );
  };
  const instrumentOf = (id: string) => cards.instruments.find((i) => i.id === id);

  let body: ReactNode;
  if (step === 'bind') {
    body = (
      <BindAccount
        mode={bindMode}
        onBound={(id) => {
          setBoundId(id);
          setSelected(id);
          setView('choose');
        }}
        onCancel={() => setView('choose')}
      />
    );
  } else {
    switch (s.status) {
      case 'idle':
      case 'creating':
      case 'failed':
        body = (
          <form onSubmit={onPay} noValidate>
            {s.status === 'failed' && (
              <div
                ref={failFocus.ref}
                tabIndex={-1}
                role="alert"
                className="ayo-alert ayo-alert--danger ayo-pay-with-saved-card__error"
              >
                <p className="ayo-alert__title">{t.pay.failedTitle}</p>
                <p>{errorText(t, s.error)}</p>
              </div>
            )}
            <SavedCardList
              selectedId={selected}
              onSelect={(id) => {
                setSelected(id);
                setChooseError(null);
              }}
              legend={t.pay.chooseAccount}
              error={chooseError}
            />
            <button
              type="button"
              className="ayo-button ayo-button--link ayo-pay-with-saved-card__bind"
              onClick={() => setView('bind')}
            >
              {t.pay.bindNew}
            </button>
            <div className="ayo-actions">
              <button
                type="submit"
                className="ayo-button ayo-button--primary ayo-button--block"
                disabled={s.status === 'creating'}
                aria-busy={s.status === 'creating' || undefined}
              >
                {s.status === 'creating'
                  ? t.pay.paying
                  : s.status === 'failed'
                    ? t.pay.tryAgain
                    : t.pay.payButton(price)}
              </button>
            </div>
          </form>
        );
        break;
      case 'requiresOtp':
      case 'submittingOtp': {
        const bank = instrumentOf(s.payment.instrumentId)?.bankName ?? t.bind.anyBank;
        body = (
          <OtpStep
            title={heading(t.pay.otpTitle)}
            body={t.pay.otpBody(bank)}
            attemptsLeft={s.status === 'requiresOtp' ? s.attemptsLeft : undefined}
            serverError={s.status === 'requiresOtp' && s.lastError ? errorText(t, s.lastError) : null}
            submitting={s.status === 'submittingOtp'}
            submitLabel={t.pay.confirmOtp}
            submittingLabel={t.pay.checkingOtp}
            tone="primary"
            incomplete={t.pay.otpIncomplete}
            cancelLabel={t.common.cancel}
            onSubmit={(otp) => payment.submitOtp(otp)}
            onCancel={() => payment.reset()}
          />
        );
        break;
      }
      case 'processing':
        body = (
          <div className="ayo-progress">
            <span className="ayo-spinner" aria-hidden="true" />
            {heading(t.pay.processing)}
          </div>
        );
        break;
      case 'stillProcessing':
        body = (
          <Result
            tone="warning"
            title={heading(t.pay.stillProcessing)}
            actions={[{ label: t.pay.checkAgain, onClick: () => void payment.retry() }]}
          />
        );
        break;
      case 'succeeded':
        body = (
          <Result tone="success" title={heading(t.pay.succeeded(formatIdr(s.payment.amount, locale)))} />
        );
        break;
      default:
        body = s satisfies never;
    }
  }

  return (
    <AyoRoot
      ref={rootRef}
      component="pay-with-saved-card"
      state={step === 'bind' ? 'binding' : kebab(s.status)}
      aria-busy={s.status === 'creating' || s.status === 'processing' || undefined}
    >
      <LiveRegion message={statusMessage(t, s, price)} />
      <div className="ayo-pay-with-saved-card__header">
        <h2 className="ayo-title">{t.pay.title(price)}</h2>
        {description && <p className="ayo-pay-with-saved-card__description ayo-muted">{description}</p>}
      </div>
      {body}
    </AyoRoot>
  );
}
