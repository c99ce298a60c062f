import { formatIdr, type Payment } from '@ayokit/core';
import { usePaymentStatus, useRefund } from '@ayokit/hooks';
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { type AyoMessages, errorText, useMessages } from '../i18n';
import { AyoRoot } from '../internal/AyoRoot';
import { useFocusErrorAfterSubmit } from '../internal/hooks';
import { LiveRegion } from '../internal/LiveRegion';
import { formatDate } from '../internal/time';

export interface PaymentStatusProps {
  paymentId: string;
  /** Shows a refund action (full by default, or a partial amount) with a confirm step. */
  allowRefund?: boolean;
}

export type PaymentDisplayStatus =
  | 'processing'
  | 'requires-otp'
  | 'succeeded'
  | 'failed'
  | 'refunded'
  | 'partially-refunded';

/** What a payment shows as: refunds are read from the refunded amount of a succeeded payment. */
export function displayStatus(p: Payment): PaymentDisplayStatus {
  switch (p.status) {
    case 'processing':
      return 'processing';
    case 'requires_otp':
      return 'requires-otp';
    case 'failed':
      return 'failed';
    case 'succeeded':
      if (p.refundedAmount >= p.amount) return 'refunded';
      return p.refundedAmount > 0 ? 'partially-refunded' : 'succeeded';
    default:
      return p.status satisfies never;
  }
}

const label = (t: AyoMessages, s: PaymentDisplayStatus) =>
  ({
    processing: t.status.states.processing,
    'requires-otp': t.status.states.requiresOtp,
    succeeded: t.status.states.succeeded,
    failed: t.status.states.failed,
    refunded: t.status.states.refunded,
    'partially-refunded': t.status.states.partiallyRefunded,
  })[s];

/** One payment, kept live: its status, amount and date, and (optionally) a refund. */
export function PaymentStatus({ paymentId, allowRefund = false }: PaymentStatusProps) {
  const { t, locale } = useMessages('PaymentStatus');
  const q = usePaymentStatus(paymentId);
  const payment = q.data;
  const status = payment ? displayStatus(payment) : null;
  const state = status ?? (q.status === 'error' ? 'error' : 'loading');
  const message = !payment
    ? q.status === 'loading'
      ? t.status.loading
      : ''
    : `${t.status.title}: ${label(t, status!)}`;

  let body: ReactNode = null;
  if (!payment) {
    body =
      q.status === 'error' ? (
        <div role="alert" className="ayo-alert ayo-alert--danger">
          <p>{q.error.code === 'NOT_FOUND' ? t.errors.NOT_FOUND : t.status.loadError}</p>
          <button type="button" className="ayo-button ayo-button--secondary" onClick={q.refetch}>
            {t.common.retry}
          </button>
        </div>
      ) : (
        <p className="ayo-muted">{t.status.loading}</p>
      );
  } else {
    const left = payment.amount - payment.refundedAmount;
    body = (
      <>
        <div className="ayo-payment-status__header">
          <h2 className="ayo-title">{t.status.title}</h2>
          <span className={`ayo-badge ayo-badge--${status}`} data-status={status}>
            {label(t, status!)}
          </span>
        </div>
        {payment.status === 'failed' && payment.failure && (
          <p className="ayo-alert ayo-alert--danger ayo-payment-status__reason">
            {errorText(t, payment.failure)}
          </p>
        )}
        <dl className="ayo-payment-status__facts">
          <div>
            <dt>{t.status.amount}</dt>
            <dd className="ayo-payment-status__amount">{formatIdr(payment.amount, locale)}</dd>
          </div>
          {payment.refundedAmount > 0 && (
            <div>
              <dt>{t.status.refunded}</dt>
              <dd>{formatIdr(payment.refundedAmount, locale)}</dd>
            </div>
          )}
          <div>
            <dt>{t.status.date}</dt>
            <dd>
              <time dateTime={payment.createdAt}>{formatDate(payment.createdAt, locale)}</time>
            </dd>
          </div>
          {payment.orderId && (
            <div>
              <dt>{t.status.order}</dt>
              <dd>{payment.orderId}</dd>
            </div>
          )}
        </dl>
        {payment.description && <p className="ayo-muted">{payment.description}</p>}
        {allowRefund && payment.status === 'succeeded' && (
          <RefundSection paymentId={paymentId} remaining={left} />
        )}
      </>
    );
  }

  return (
    <AyoRoot component="payment-status" state={state} aria-busy={state === 'loading' || undefined}>
      <LiveRegion message={message} />
      {body}
    </AyoRoot>
  );
}

function RefundSection({ paymentId, remaining }: { paymentId: string; remaining: number }) {
  const { t, locale } = useMessages('PaymentStatus');
  const refund = useRefund(paymentId);
  const r = refund.state;
  const id = useId();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<'full' | 'partial'>('full');
  const [amountText, setAmountText] = useState('');
  const [amountError, setAmountError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const titleRef = useRef<HTMLHeadingElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const amountFocus = useFocusErrorAfterSubmit<HTMLInputElement>(amountError);
  const failFocus = useFocusErrorAfterSubmit<HTMLDivElement>(r.status === 'failed' ? r.error : null);
  const max = formatIdr(remaining, locale);

  useEffect(() => {
    if (open) titleRef.current?.focus();
  }, [open]);
  useEffect(() => {
    if (r.status === 'refunding') setAnnouncement(t.status.refunding);
    if (r.status === 'processing') setAnnouncement(t.status.refundProcessing);
    if (r.status === 'succeeded') {
      setAnnouncement(t.status.refundSucceeded(formatIdr(r.refund.amount, locale)));
      setOpen(false);
    }
  }, [r, t, locale]);

  const close = () => {
    setOpen(false);
    setAmountError(null);
    refund.reset();
    queueMicrotask(() => openerRef.current?.focus());
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    let amount: number | undefined;
    if (kind === 'partial') {
      amountFocus.arm();
      const n = Number(amountText.replace(/[.,\s]/g, ''));
      if (!/^\d[\d.,\s]*$/.test(amountText.trim()) || !Number.isSafeInteger(n) || n < 1 || n > remaining) {
        setAmountError(t.status.refundAmountInvalid(max));
        return;
      }
      amount = n;
    }
    setAmountError(null);
    failFocus.arm();
    void refund.refund(amount);
  };

  const busy = r.status === 'refunding' || r.status === 'processing';
  const amountId = `${id}-amount`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-amount-error`;
  return (
    <div
      className="ayo-payment-status__refund"
      data-state={r.status === 'idle' && !open ? 'closed' : r.status}
    >
      <LiveRegion message={announcement} />
      {remaining > 0 && !open && (
        <button
          ref={openerRef}
          type="button"
          className="ayo-button ayo-button--secondary"
          onClick={() => {
            refund.reset();
            setAnnouncement('');
            setOpen(true);
          }}
        >
          {t.status.refund}
        </button>
      )}
      {r.status === 'succeeded' && !open && (
        <p className="ayo-alert ayo-alert--success">
          {t.status.refundSucceeded(formatIdr(r.refund.amount, locale))}
        </p>
      )}
      {open && (
        <form
          onSubmit={submit}
          noValidate
          className="ayo-payment-status__refund-form"
          aria-labelledby={`${id}-title`}
        >
          <h3 ref={titleRef} tabIndex={-1} id={`${id}-title`} className="ayo-subtitle">
            {t.status.refundTitle}
          </h3>
          {r.status === 'failed' && (
            <div ref={failFocus.ref} tabIndex={-1} role="alert" className="ayo-alert ayo-alert--danger">
              <p className="ayo-alert__title">{t.status.refundFailed}</p>
              <p>{errorText(t, r.error)}</p>
            </div>
          )}
          <fieldset className="ayo-payment-status__kind" disabled={busy}>
            <legend className="ayo-sr-only">{t.status.refundTitle}</legend>
            <label className="ayo-choice">
              <input
                type="radio"
                name={`${id}-kind`}
                checked={kind === 'full'}
                onChange={() => setKind('full')}
              />
              {t.status.refundFull(max)}
            </label>
            <label className="ayo-choice">
              <input
                type="radio"
                name={`${id}-kind`}
                checked={kind === 'partial'}
                onChange={() => setKind('partial')}
              />
              {t.status.refundPartial}
            </label>
          </fieldset>
          {kind === 'partial' && (
            <div className="ayo-field">
              <label htmlFor={amountId} className="ayo-field__label">
                {t.status.refundAmount}
              </label>
              <input
                ref={amountFocus.ref}
                id={amountId}
                className="ayo-input"
                inputMode="numeric"
                autoComplete="off"
                value={amountText}
                disabled={busy}
                aria-invalid={amountError ? true : undefined}
                aria-describedby={amountError ? `${hintId} ${errorId}` : hintId}
                onChange={(e) => {
                  setAmountText(e.target.value);
                  setAmountError(null);
                }}
              />
              <p id={hintId} className="ayo-muted">
                {t.status.refundAmountHint(max)}
              </p>
              {amountError && (
                <p id={errorId} role="alert" className="ayo-field-error">
                  {amountError}
                </p>
              )}
            </div>
          )}
          {r.status === 'processing' && <p className="ayo-muted">{t.status.refundProcessing}</p>}
          <div className="ayo-actions">
            <button
              type="submit"
              className="ayo-button ayo-button--danger"
              disabled={busy}
              aria-busy={busy || undefined}
            >
              {busy ? t.status.refunding : t.status.confirmRefund}
            </button>
            <button
              type="button"
              className="ayo-button ayo-button--secondary"
              onClick={close}
              disabled={busy}
            >
              {t.common.cancel}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
