import {
  type Checkout,
  checkoutIdCheck,
  formatIdr,
  type Instrument,
  type Payment,
  validate,
} from '@ayokit/core';
import {
  type BindingMode,
  type CardRegistrationMode,
  type FlowError,
  type PaymentState,
  useCheckout,
  useNow,
  usePayment,
  useSavedCards,
} from '@ayokit/hooks';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { cardErrorText, errorText, type FailureCode, useMessagesOf } from '../i18n';
import { AyoRoot } from '../internal/AyoRoot';
import { Heading, type HeadingLevel } from '../internal/Heading';
import { kebab, useFocusErrorAfterSubmit, useFocusOnChange, useOnce } from '../internal/hooks';
import { LiveRegion } from '../internal/LiveRegion';
import { lazyModule, useLazyModule } from '../internal/lazy';
import { Result } from '../internal/Result';
import { formatDate } from '../internal/time';
import { bind } from '../locales/idParts/bind';
import { card } from '../locales/idParts/card';
import { common } from '../locales/idParts/common';
import { errors } from '../locales/idParts/errors';
import { pay } from '../locales/idParts/pay';
import { InstrumentList, isPayable, issuerName } from '../SavedCardList/InstrumentList';

/** The built-in (Indonesian) words this component shows. */
const WORDS = { id: { bind, card, common, errors, pay } };
type Words = typeof WORDS.id;

export interface PayWithSavedCardProps {
  /**
   * The checkout to pay (`chk_…`), made for this shopper by the merchant's server
   * (`proxy.checkouts.create`). Its amount, order, description and mode are the server's: the
   * browser never names them. In `authorize` mode (a hold, captured later by the shop) only cards
   * are offered.
   */
  checkout: string;
  /** Called when the money is taken (`succeeded`) or, in `authorize` mode, held (`authorized`). */
  onSucceeded?: (payment: Payment) => void;
  onFailed?: (error: FlowError) => void;
  /** How a new account is bound from here (see BindAccount's `mode`). */
  bindMode?: BindingMode;
  /** How a new card is added from here (see AddCard's `mode`; default: `bindMode`). */
  addCardMode?: CardRegistrationMode;
  /** The level of the component's main heading (default 2, or the enclosing component's); sub-headings follow. */
  headingLevel?: HeadingLevel;
}

function statusMessage(t: Words, s: PaymentState, amount: string, hold: boolean): string {
  switch (s.status) {
    case 'idle':
      return '';
    case 'creating':
      return hold ? t.pay.holding : t.pay.paying;
    case 'requiresOtp':
      return s.payment.instrumentType === 'card' ? t.pay.otpTitleCard : t.pay.otpTitle;
    case 'submittingOtp':
      return t.pay.checkingOtp;
    case 'processing':
      return t.pay.processing;
    case 'stillProcessing':
      return t.pay.stillProcessing;
    case 'succeeded':
      return t.pay.succeeded(amount);
    case 'authorized':
      return t.pay.held(amount);
    case 'voided':
      return t.pay.voided;
    case 'failed':
      return t.pay.failedTitle;
    default:
      return s satisfies never;
  }
}

// Binding and adding a card are loaded when the shopper asks for them (or points at the button);
// the OTP step, shown only when the bank asks for a code, starts loading with the payment, so
// that it is there by the time the bank answers and out of the page's first load.
const steps = lazyModule(() => import('./steps'));
const otpStep = lazyModule(() => import('./otp'));

/** What a checkout that cannot be paid (any more) shows instead of the form. */
/** Why the page shows no payment step: the checkout's own state, or a payment left at its OTP. */
type Closed = 'alreadyPaid' | 'inProgress' | 'expired' | 'cancelled' | 'otpPaused';

const CLOSED_BY_CODE: Partial<Record<FailureCode, Closed>> = {
  CHECKOUT_PAID: 'alreadyPaid',
  CHECKOUT_IN_PROGRESS: 'inProgress',
  CHECKOUT_EXPIRED: 'expired',
  CHECKOUT_CANCELLED: 'cancelled',
};
const CLOSED_BY_STATUS: Record<Checkout['status'], Closed | null> = {
  open: null,
  processing: 'inProgress',
  paid: 'alreadyPaid',
  expired: 'expired',
  cancelled: 'cancelled',
};

/**
 * Paying a checkout made by the merchant's server with a saved account or card: the server's
 * amount and description, choose (or bind, or add) an instrument, pay, the bank's OTP, the result.
 * A checkout already paid, under way, expired or cancelled says so instead of offering to pay.
 */
export function PayWithSavedCard(props: PayWithSavedCardProps) {
  const { t } = useMessagesOf('PayWithSavedCard', WORDS);
  if (!validate(checkoutIdCheck, props.checkout).success) {
    return (
      <AyoRoot component="pay-with-saved-card" state="invalid" headingLevel={props.headingLevel}>
        <LiveRegion message="" />
        <p role="alert" className="ayo-alert ayo-alert--danger">
          {t.pay.invalidCheckout}
        </p>
      </AyoRoot>
    );
  }
  return <CheckoutGate {...props} />;
}

/** Loads the checkout; the form appears once the server's amount is known. */
function CheckoutGate(props: PayWithSavedCardProps) {
  const { t } = useMessagesOf('PayWithSavedCard', WORDS);
  const q = useCheckout(props.checkout);
  if (q.data) return <PayForm key={q.data.id} {...props} order={q.data} refetchCheckout={q.refetch} />;
  const notFound = q.status === 'error' && q.error.code === 'NOT_FOUND';
  return (
    <AyoRoot
      component="pay-with-saved-card"
      state={q.status === 'loading' ? 'loading' : notFound ? 'not-found' : 'error'}
      headingLevel={props.headingLevel}
      aria-busy={q.status === 'loading' || undefined}
    >
      <LiveRegion message={q.status === 'loading' ? t.pay.loadingCheckout : ''} />
      {q.status === 'loading' ? (
        <p className="ayo-muted">{t.pay.loadingCheckout}</p>
      ) : (
        <div role="alert" className="ayo-alert ayo-alert--danger">
          <p>{notFound ? t.pay.checkoutNotFound : t.pay.checkoutLoadError}</p>
          {!notFound && (
            <button type="button" className="ayo-button ayo-button--secondary" onClick={q.refetch}>
              {t.common.retry}
            </button>
          )}
        </div>
      )}
    </AyoRoot>
  );
}

function PayForm({
  order,
  refetchCheckout,
  onSucceeded,
  onFailed,
  bindMode = 'popup',
  addCardMode = bindMode,
  headingLevel,
}: PayWithSavedCardProps & { order: Checkout; refetchCheckout: () => void }) {
  const { t, locale } = useMessagesOf('PayWithSavedCard', WORDS);
  const payment = usePayment();
  const hold = order.mode === 'authorize';
  const cards = useSavedCards();
  const now = useNow();
  const s = payment.state;
  const { description } = order;
  const [selected, setSelected] = useState<string | null>(null);
  const [boundId, setBoundId] = useState<string | null>(null);
  const [view, setView] = useState<'choose' | 'bind' | 'addCard'>('choose');
  const [chooseError, setChooseError] = useState<string | null>(null);
  const attempt = useRef(0);
  const rootRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const price = formatIdr(order.amount, locale);

  // Only while the shopper has not started (or was refused) does the checkout's own state show:
  // a payment this page is making shows its own steps.
  const refused = s.status === 'failed' && s.payment === null ? s.error.code : null;
  const byCheckout =
    s.status === 'idle' || refused
      ? ((refused && CLOSED_BY_CODE[refused]) ?? CLOSED_BY_STATUS[order.status])
      : null;
  // The payment whose OTP step the shopper left with Cancel: it waits at the bank for its code (a
  // checkout takes no other payment meanwhile), so the page says so instead of asking again.
  const [paused, setPaused] = useState<string | null>(null);
  const closed: Closed | null =
    byCheckout === 'inProgress' && paused !== null && order.paymentId === paused ? 'otpPaused' : byCheckout;
  // A payment under way (another tab, or before a reload) is followed: its OTP, its wait, its end.
  const underWay = closed === 'inProgress' ? order.paymentId : null;
  useOnce(underWay, () => {
    if (!underWay) return;
    otpStep.preload();
    void payment.resume(underWay);
  });
  // An open checkout is looked at again the moment it runs out.
  useEffect(() => {
    if (order.status !== 'open') return;
    const left = Date.parse(order.expiresAt) - now();
    if (!(left < 24 * 60 * 60_000)) return;
    const timer = setTimeout(refetchCheckout, Math.max(0, left) + 1_000);
    return () => clearTimeout(timer);
  }, [order.status, order.expiresAt, refetchCheckout, now]);

  // The default account is chosen for the shopper; a removed, blocked or expired choice falls back.
  useEffect(() => {
    // A hold is for cards only: bank accounts are not offered then.
    const usable = (i: Instrument) => isPayable(i, now()) && (!hold || i.type === 'card');
    const current = cards.instruments.find((i) => i.id === selected);
    if (current && usable(current)) return;
    if (selected && selected === boundId && !current) return; // just bound: the list is catching up
    const def = cards.defaultInstrument;
    const next = def && usable(def) ? def.id : (cards.instruments.find((i) => usable(i))?.id ?? null);
    if (next !== selected) setSelected(next);
  }, [cards.instruments, cards.defaultInstrument, selected, boundId, hold, now]);

  const failFocus = useFocusErrorAfterSubmit<HTMLDivElement>(s.status === 'failed' ? s.error : null);
  const step =
    closed ?? (view !== 'choose' && (s.status === 'idle' || s.status === 'failed') ? view : s.status);
  // `step` is `closed` when the checkout is closed: no step is loaded then.
  const wantsStep = step === 'bind' || step === 'addCard';
  const lazy = useLazyModule(steps, wantsStep);
  const stepLoading = wantsStep && !lazy.module && !lazy.failed;
  const wantsOtp = step === 'requiresOtp' || step === 'submittingOtp';
  const otp = useLazyModule(otpStep, wantsOtp);
  const otpLoading = wantsOtp && !otp.module && !otp.failed;
  const intent = { onPointerEnter: steps.preload, onFocus: steps.preload, onTouchStart: steps.preload };

  // The pay form stays put through idle → creating → failed, and the OTP form through its checks
  // (its heading takes the focus again once the step has loaded).
  const focusStep =
    step === 'idle' || step === 'creating' || step === 'failed' || step === 'bind' || step === 'addCard'
      ? 'form'
      : wantsOtp
        ? `requiresOtp:${otp.module ? 'ready' : 'loading'}`
        : step;
  useFocusOnChange(focusStep, headingRef);

  useOnce(s.status === 'succeeded' || s.status === 'authorized' ? s.payment.id : null, () => {
    if (s.status === 'succeeded' || s.status === 'authorized') onSucceeded?.(s.payment);
  });
  useOnce(s.status === 'failed' ? `${attempt.current}:${s.payment?.id ?? ''}` : null, () => {
    if (s.status === 'failed') onFailed?.(s.error);
  });

  const onPay = (e: FormEvent) => {
    e.preventDefault();
    if (!selected) {
      setChooseError(hold ? t.pay.noCardChosen : t.pay.noAccountChosen);
      rootRef.current
        ?.querySelector<HTMLElement>(
          '.ayo-saved-card-list input:not(:disabled), .ayo-pay-with-saved-card__bind',
        )
        ?.focus();
      return;
    }
    setChooseError(null);
    // The bank may ask for a code: its step loads while the payment is made.
    otpStep.preload();
    attempt.current++;
    failFocus.arm();
    // The hook decides the Idempotency-Key: the same one only when the last answer was lost.
    void payment.pay({ checkoutId: order.id, instrumentId: selected });
  };

  const heading = (text: string, offset: 0 | 1 = 1) => (
    <Heading ref={headingRef} tabIndex={-1} offset={offset} className="ayo-subtitle">
      {text}
    </Heading>
  );
  const instrumentOf = (id: string) => cards.instruments.find((i) => i.id === id);
  // A card's decline in a card's words ("the card's bank declined it").
  const failureText = (p: Payment | null, error: FlowError) =>
    (p ? p.instrumentType === 'card' : instrumentOf(selected ?? '')?.type === 'card')
      ? cardErrorText(t, error)
      : errorText(t, error);
  const chosen = (id: string) => {
    setBoundId(id);
    setSelected(id);
    setView('choose');
  };

  let body: ReactNode;
  if (closed) {
    body = (
      <Result
        tone={closed === 'alreadyPaid' ? 'success' : 'warning'}
        title={heading(t.pay[`${closed}Title`])}
        actions={
          closed === 'inProgress'
            ? [
                {
                  label: t.pay.checkAgain,
                  onClick: () => {
                    refetchCheckout();
                    if (order.paymentId) void payment.resume(order.paymentId);
                  },
                },
              ]
            : closed === 'otpPaused' && paused
              ? [{ label: t.pay.enterOtp, primary: true, onClick: () => void payment.resume(paused) }]
              : []
        }
      >
        <p>{closed === 'alreadyPaid' ? t.pay.alreadyPaidBody(price) : t.pay[`${closed}Body`]}</p>
      </Result>
    );
  } else if ((step === 'addCard' || step === 'bind') && lazy.failed) {
    body = (
      <Result
        tone="danger"
        title={<p role="alert">{t.pay.stepLoadError}</p>}
        actions={[
          { label: t.common.retry, onClick: lazy.retry, primary: true },
          { label: t.common.cancel, onClick: () => setView('choose') },
        ]}
      />
    );
  } else if (stepLoading) {
    // Announced by the live region; aria-busy on the root until the step is there.
    body = (
      <div className="ayo-progress">
        <span className="ayo-spinner" aria-hidden="true" />
        <p>{t.common.loading}</p>
      </div>
    );
  } else if (step === 'addCard' && lazy.module) {
    const { AddCard } = lazy.module;
    body = <AddCard mode={addCardMode} onAdded={(_, id) => chosen(id)} onCancel={() => setView('choose')} />;
  } else if (step === 'bind' && lazy.module) {
    const { BindAccount } = lazy.module;
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
                <p>{failureText(s.payment, s.error)}</p>
              </div>
            )}
            <InstrumentList
              selectedId={selected}
              onSelect={(id) => {
                setSelected(id);
                setChooseError(null);
              }}
              legend={hold ? t.pay.chooseCard : t.pay.chooseAccount}
              error={chooseError}
              {...(hold ? { types: ['card'] as const } : {})}
            />
            <div className="ayo-pay-with-saved-card__add">
              <button
                type="button"
                className="ayo-button ayo-button--link ayo-pay-with-saved-card__add-card"
                onClick={() => setView('addCard')}
                {...intent}
              >
                {t.pay.addCard}
              </button>
              {!hold && (
                <button
                  type="button"
                  className="ayo-button ayo-button--link ayo-pay-with-saved-card__bind"
                  onClick={() => setView('bind')}
                  {...intent}
                >
                  {t.pay.bindNew}
                </button>
              )}
            </div>
            <div className="ayo-actions">
              <button
                type="submit"
                className="ayo-button ayo-button--primary ayo-button--block"
                disabled={s.status === 'creating'}
                aria-busy={s.status === 'creating' || undefined}
              >
                {s.status === 'creating'
                  ? hold
                    ? t.pay.holding
                    : t.pay.paying
                  : s.status === 'failed'
                    ? t.pay.tryAgain
                    : hold
                      ? t.pay.holdButton(price)
                      : t.pay.payButton(price)}
              </button>
            </div>
          </form>
        );
        break;
      case 'requiresOtp':
      case 'submittingOtp': {
        const ins = instrumentOf(s.payment.instrumentId);
        const issuer = ins ? issuerName(t, ins) : t.bind.anyBank;
        const isCard = s.payment.instrumentType === 'card';
        const title = isCard ? t.pay.otpTitleCard : t.pay.otpTitle;
        if (!otp.module) {
          // The OTP step is still on its way (or failed to load): its heading, and a wait or a retry.
          body = otp.failed ? (
            <Result
              tone="danger"
              title={heading(title)}
              actions={[
                { label: t.common.retry, onClick: otp.retry, primary: true },
                { label: t.common.cancel, onClick: () => payment.reset() },
              ]}
            >
              <p role="alert">{t.pay.stepLoadError}</p>
            </Result>
          ) : (
            <div className="ayo-progress">
              <span className="ayo-spinner" aria-hidden="true" />
              {heading(title)}
            </div>
          );
          break;
        }
        const { OtpStep } = otp.module;
        body = (
          <OtpStep
            title={heading(title)}
            body={isCard ? t.pay.otpBodyCard(issuer) : t.pay.otpBody(issuer)}
            resend={{
              resendsLeft: s.status === 'requiresOtp' ? s.resendsLeft : 0,
              availableAt: s.status === 'requiresOtp' ? s.resendAvailableAt : null,
              resending: s.status === 'requiresOtp' && s.resending,
              onResend: payment.resendOtp,
            }}
            attemptsLeft={s.status === 'requiresOtp' ? s.attemptsLeft : undefined}
            serverError={
              s.status === 'requiresOtp' && s.lastError ? failureText(s.payment, s.lastError) : null
            }
            submitting={s.status === 'submittingOtp'}
            submitLabel={t.pay.confirmOtp}
            submittingLabel={t.pay.checkingOtp}
            tone="primary"
            incomplete={t.pay.otpIncomplete}
            cancelLabel={t.common.cancel}
            onSubmit={(otp) => payment.submitOtp(otp)}
            onCancel={() => {
              setPaused(s.payment.id);
              payment.reset();
            }}
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
      case 'authorized':
        body = (
          <Result tone="success" title={heading(t.pay.held(formatIdr(s.payment.amount, locale)))}>
            <p>{t.pay.heldBody}</p>
          </Result>
        );
        break;
      case 'voided':
        body = <Result tone="warning" title={heading(t.pay.voided)} />;
        break;
      default:
        body = s satisfies never;
    }
  }

  return (
    <AyoRoot
      ref={rootRef}
      headingLevel={headingLevel}
      component="pay-with-saved-card"
      state={
        closed
          ? kebab(closed)
          : step === 'bind'
            ? 'binding'
            : step === 'addCard'
              ? 'adding-card'
              : kebab(s.status)
      }
      data-mode={order.mode}
      data-checkout-state={order.status}
      aria-busy={
        s.status === 'creating' || s.status === 'processing' || stepLoading || otpLoading || undefined
      }
    >
      <LiveRegion
        message={
          closed ? t.pay[`${closed}Title`] : stepLoading ? t.common.loading : statusMessage(t, s, price, hold)
        }
      />
      <div className="ayo-pay-with-saved-card__header">
        <Heading className="ayo-title">{hold ? t.pay.holdTitle(price) : t.pay.title(price)}</Heading>
        {description && <p className="ayo-pay-with-saved-card__description ayo-muted">{description}</p>}
        <p className="ayo-pay-with-saved-card__order ayo-muted">
          {t.pay.order(order.orderId)}
          {order.status === 'open' && (
            <>
              {' · '}
              <time dateTime={order.expiresAt}>{t.pay.payBefore(formatDate(order.expiresAt, locale))}</time>
            </>
          )}
        </p>
      </div>
      {body}
    </AyoRoot>
  );
}
