/**
 * PaymentStatus's back-office actions (refund; capture and void of a hold): a chunk of their own,
 * loaded only by a PaymentStatus in the back office that is asked for one, so that a shopper's
 * order page does not download them (nor the refund and capture/void flows they drive).
 */
import { formatIdr, type Locale, maxCaptureAmount, type Payment, parseIdr } from '@ayokit/core';
import { useCapabilities, usePaymentActions, useRefund } from '@ayokit/hooks';
import { type FormEvent, type Ref, useEffect, useId, useRef, useState } from 'react';
import { type AyoMessages, errorText, useMessagesOf } from '../i18n';
import { Heading } from '../internal/Heading';
import { useFocusErrorAfterSubmit } from '../internal/hooks';
import { LiveRegion } from '../internal/LiveRegion';
import { common } from '../locales/idParts/common';
import { errors } from '../locales/idParts/errors';
import { paymentActions } from '../locales/idParts/paymentActions';

/** The built-in (Indonesian) words of the actions: in this chunk, not on a shopper's page. */
const WORDS = { id: { common, errors, paymentActions } };

/**
 * An action button's name: its visible word, then its order and amount, so that a screen
 * reader's list of the page's buttons tells one order's Refund from another's.
 */
const named = (word: string, t: Pick<AyoMessages, 'paymentActions'>, payment: Payment, locale: Locale) =>
  word + t.paymentActions.actionSubject(payment.orderId ?? null, formatIdr(payment.amount, locale));

/** Capture (amount, at most 120 % of the hold) or Void (release it), each after a confirm step. */
export function HoldActions({
  payment,
  allowCapture,
  allowVoid,
}: {
  payment: Payment;
  allowCapture: boolean;
  allowVoid: boolean;
}) {
  const { t, locale } = useMessagesOf('PaymentStatus', WORDS);
  const caps = useCapabilities().data;
  // A void only where the provider has an API for it.
  const canVoid = allowVoid && caps?.cardVoid === true;
  const actions = usePaymentActions(payment.id);
  const a = actions.state;
  const id = useId();
  const [open, setOpen] = useState<'capture' | 'void' | null>(null);
  const [amountText, setAmountText] = useState(String(payment.amount));
  const [amountError, setAmountError] = useState<string | null>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const amountFocus = useFocusErrorAfterSubmit<HTMLInputElement>(amountError);
  const failFocus = useFocusErrorAfterSubmit<HTMLDivElement>(a.status === 'failed' ? a.error : null);
  const max = maxCaptureAmount(payment.amount);
  const maxText = formatIdr(max, locale);
  const busy = a.status === 'capturing' || a.status === 'voiding';
  // What the confirm button says it will capture: the amount as read, or no amount while unreadable.
  const typed = parseIdr(amountText, locale) || null;
  const announcement =
    a.status === 'capturing'
      ? t.paymentActions.capturing
      : a.status === 'voiding'
        ? t.paymentActions.voiding
        : a.status === 'captured'
          ? t.paymentActions.captured(formatIdr(a.payment.capturedAmount, locale))
          : a.status === 'voided'
            ? t.paymentActions.voided
            : a.status === 'failed'
              ? a.action === 'capture'
                ? t.paymentActions.captureFailed
                : t.paymentActions.voidFailed
              : '';

  useEffect(() => {
    if (open) titleRef.current?.focus();
  }, [open]);

  const show = (which: 'capture' | 'void') => {
    actions.reset();
    setAmountError(null);
    setAmountText(String(payment.amount));
    setOpen(which);
  };
  const close = () => {
    setOpen(null);
    actions.reset();
    queueMicrotask(() => openerRef.current?.focus());
  };
  const submitCapture = (e: FormEvent) => {
    e.preventDefault();
    amountFocus.arm();
    const n = parseIdr(amountText, locale);
    if (n === null || n < 1) {
      setAmountError(t.paymentActions.captureAmountInvalid(maxText));
      return;
    }
    if (n > max) {
      setAmountError(t.paymentActions.captureExceeds(maxText));
      return;
    }
    setAmountError(null);
    failFocus.arm();
    void actions.capture(n);
  };
  const failure =
    a.status === 'failed' ? (
      <div ref={failFocus.ref} tabIndex={-1} role="alert" className="ayo-alert ayo-alert--danger">
        <p className="ayo-alert__title">
          {a.action === 'capture' ? t.paymentActions.captureFailed : t.paymentActions.voidFailed}
        </p>
        <p>
          {a.error.code === 'CAPTURE_EXCEEDS_AUTHORIZATION'
            ? t.paymentActions.captureExceeds(maxText)
            : errorText(t, a.error)}
        </p>
      </div>
    ) : null;

  if (!allowCapture && !canVoid) return null;
  return (
    <div className="ayo-payment-status__hold" data-state={open ?? 'closed'}>
      <LiveRegion message={announcement} />
      {!open && (
        <div className="ayo-actions">
          {allowCapture && (
            <button
              ref={openerRef}
              type="button"
              className="ayo-button ayo-button--primary"
              onClick={() => show('capture')}
              aria-label={named(t.paymentActions.capture, t, payment, locale)}
            >
              {t.paymentActions.capture}
            </button>
          )}
          {canVoid && (
            <button
              ref={allowCapture ? undefined : openerRef}
              type="button"
              className="ayo-button ayo-button--danger-outline"
              onClick={() => show('void')}
              aria-label={named(t.paymentActions.void, t, payment, locale)}
            >
              {t.paymentActions.void}
            </button>
          )}
        </div>
      )}
      {open === 'capture' && (
        <form
          onSubmit={submitCapture}
          noValidate
          className="ayo-payment-status__capture-form"
          aria-labelledby={`${id}-title`}
        >
          <Heading offset={1} ref={titleRef} tabIndex={-1} id={`${id}-title`} className="ayo-subtitle">
            {t.paymentActions.captureTitle}
          </Heading>
          {failure}
          <AmountField
            id={id}
            label={t.paymentActions.captureAmount}
            hint={t.paymentActions.captureHint(formatIdr(payment.amount, locale), maxText)}
            value={amountText}
            error={amountError}
            disabled={busy}
            inputRef={amountFocus.ref}
            onChange={(v) => {
              setAmountText(v);
              setAmountError(null);
            }}
          />
          <div className="ayo-actions">
            <button
              type="submit"
              className="ayo-button ayo-button--primary"
              disabled={busy}
              aria-busy={busy || undefined}
            >
              {busy
                ? t.paymentActions.capturing
                : typed
                  ? t.paymentActions.confirmCapture(formatIdr(typed, locale))
                  : t.paymentActions.capture}
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
      {open === 'void' && (
        <section className="ayo-payment-status__void" aria-labelledby={`${id}-void-title`}>
          <Heading offset={1} ref={titleRef} tabIndex={-1} id={`${id}-void-title`} className="ayo-subtitle">
            {t.paymentActions.voidTitle}
          </Heading>
          {failure}
          <p>{t.paymentActions.voidBody(formatIdr(payment.amount, locale))}</p>
          <div className="ayo-actions">
            <button
              type="button"
              className="ayo-button ayo-button--danger"
              disabled={busy}
              aria-busy={busy || undefined}
              onClick={() => {
                failFocus.arm();
                void actions.void();
              }}
            >
              {busy ? t.paymentActions.voiding : t.paymentActions.confirmVoid}
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
        </section>
      )}
    </div>
  );
}

interface RefundProps {
  payment: Payment;
  remaining: number;
  /** Card payments: the full amount only. */
  fullOnly: boolean;
}

/** A card's refund only where the provider has an API for it; else who makes it (Ayoconnect's operations). */
export function RefundSection(props: RefundProps) {
  const { t } = useMessagesOf('PaymentStatus', WORDS);
  const cardRefund = useCapabilities().data?.cardRefund;
  if (!props.fullOnly || cardRefund) return <RefundForm {...props} />;
  return cardRefund === false && props.remaining > 0 ? (
    <p className="ayo-muted ayo-payment-status__refund-by-ops">{t.paymentActions.cardRefundByOps}</p>
  ) : null;
}

function RefundForm({ payment, remaining, fullOnly }: RefundProps) {
  const { t, locale } = useMessagesOf('PaymentStatus', WORDS);
  const refund = useRefund(payment.id);
  const r = refund.state;
  const id = useId();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<'full' | 'partial'>('full');
  const [amountText, setAmountText] = useState('');
  const [amountError, setAmountError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const titleRef = useRef<HTMLHeadingElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const amountFocus = useFocusErrorAfterSubmit<HTMLInputElement>(amountError);
  const failFocus = useFocusErrorAfterSubmit<HTMLDivElement>(r.status === 'failed' ? r.error : null);
  const max = formatIdr(remaining, locale);

  useEffect(() => {
    if (open) titleRef.current?.focus();
  }, [open]);
  // The form goes away when the refund succeeds: its result takes the focus, not <body>.
  const done = r.status === 'succeeded' && !open;
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);
  useEffect(() => {
    if (r.status === 'refunding') setAnnouncement(t.paymentActions.refunding);
    if (r.status === 'processing') setAnnouncement(t.paymentActions.refundProcessing);
    if (r.status === 'succeeded') {
      setAnnouncement(t.paymentActions.refundSucceeded(formatIdr(r.refund.amount, locale)));
      setOpen(false);
    }
  }, [r, t, locale]);

  const close = () => {
    setOpen(false);
    setAmountError(null);
    refund.reset();
    queueMicrotask(() => openerRef.current?.focus());
  };

  // What the confirm button says it will refund: all that is left, or the amount as read.
  const typed = kind === 'partial' && !fullOnly ? parseIdr(amountText, locale) || null : remaining;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    let amount: number | undefined;
    if (kind === 'partial' && !fullOnly) {
      amountFocus.arm();
      if (typed === null || typed > remaining) {
        setAmountError(t.paymentActions.refundAmountInvalid(max));
        return;
      }
      amount = typed;
    }
    setAmountError(null);
    failFocus.arm();
    void refund.refund(amount);
  };

  const busy = r.status === 'refunding' || r.status === 'processing';
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
          aria-label={named(t.paymentActions.refund, t, payment, locale)}
        >
          {t.paymentActions.refund}
        </button>
      )}
      {r.status === 'succeeded' && !open && (
        <p ref={doneRef} tabIndex={-1} className="ayo-alert ayo-alert--success">
          {t.paymentActions.refundSucceeded(formatIdr(r.refund.amount, locale))}
        </p>
      )}
      {open && (
        <form
          onSubmit={submit}
          noValidate
          className="ayo-payment-status__refund-form"
          aria-labelledby={`${id}-title`}
        >
          <Heading offset={1} ref={titleRef} tabIndex={-1} id={`${id}-title`} className="ayo-subtitle">
            {t.paymentActions.refundTitle}
          </Heading>
          {r.status === 'failed' && (
            <div ref={failFocus.ref} tabIndex={-1} role="alert" className="ayo-alert ayo-alert--danger">
              <p className="ayo-alert__title">{t.paymentActions.refundFailed}</p>
              <p>{errorText(t, r.error)}</p>
            </div>
          )}
          {fullOnly ? (
            <p className="ayo-payment-status__full-only">
              {t.paymentActions.refundFull(max)}{' '}
              <span className="ayo-muted">{t.paymentActions.refundCardFullOnly}</span>
            </p>
          ) : (
            <fieldset className="ayo-payment-status__kind" disabled={busy}>
              <legend className="ayo-sr-only">{t.paymentActions.refundTitle}</legend>
              <label className="ayo-choice">
                <input
                  type="radio"
                  name={`${id}-kind`}
                  checked={kind === 'full'}
                  onChange={() => setKind('full')}
                />
                {t.paymentActions.refundFull(max)}
              </label>
              <label className="ayo-choice">
                <input
                  type="radio"
                  name={`${id}-kind`}
                  checked={kind === 'partial'}
                  onChange={() => setKind('partial')}
                />
                {t.paymentActions.refundPartial}
              </label>
            </fieldset>
          )}
          {kind === 'partial' && !fullOnly && (
            <AmountField
              id={id}
              label={t.paymentActions.refundAmount}
              hint={t.paymentActions.refundAmountHint(max)}
              value={amountText}
              error={amountError}
              disabled={busy}
              inputRef={amountFocus.ref}
              onChange={(v) => {
                setAmountText(v);
                setAmountError(null);
              }}
            />
          )}
          {r.status === 'processing' && <p className="ayo-muted">{t.paymentActions.refundProcessing}</p>}
          <div className="ayo-actions">
            <button
              type="submit"
              className="ayo-button ayo-button--danger"
              disabled={busy}
              aria-busy={busy || undefined}
            >
              {busy
                ? t.paymentActions.refunding
                : typed && typed <= remaining
                  ? t.paymentActions.confirmRefundAmount(formatIdr(typed, locale))
                  : t.paymentActions.confirmRefund}
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

/** The amount of a capture or a partial refund: labelled, hinted, its error announced and linked. */
function AmountField(p: {
  id: string;
  label: string;
  hint: string;
  value: string;
  error: string | null;
  disabled: boolean;
  inputRef: Ref<HTMLInputElement>;
  onChange: (value: string) => void;
}) {
  const amountId = `${p.id}-amount`;
  const hintId = `${p.id}-hint`;
  const errorId = `${p.id}-amount-error`;
  return (
    <div className="ayo-field">
      <label htmlFor={amountId} className="ayo-field__label">
        {p.label}
      </label>
      <input
        ref={p.inputRef}
        id={amountId}
        className="ayo-input"
        inputMode="numeric"
        autoComplete="off"
        value={p.value}
        disabled={p.disabled}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={p.error ? `${hintId} ${errorId}` : hintId}
        onChange={(e) => p.onChange(e.target.value)}
      />
      <p id={hintId} className="ayo-muted">
        {p.hint}
      </p>
      {p.error && (
        <p id={errorId} role="alert" className="ayo-field-error">
          {p.error}
        </p>
      )}
    </div>
  );
}
