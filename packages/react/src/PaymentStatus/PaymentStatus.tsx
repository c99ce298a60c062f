import { formatIdr, type Payment } from '@ayokit/core';
import {
  backOfficeOnly,
  refundableAmount,
  refundsFullOnly,
  useAyoContext,
  usePaymentStatus,
} from '@ayokit/hooks';
import { type ReactNode, useEffect, useRef } from 'react';
import { cardErrorText, errorText, useMessagesOf } from '../i18n';
import { AyoRoot } from '../internal/AyoRoot';
import { Heading, type HeadingLevel } from '../internal/Heading';
import { LiveRegion } from '../internal/LiveRegion';
import { lazyModule, useLazyModule } from '../internal/lazy';
import { Result } from '../internal/Result';
import { formatDate } from '../internal/time';
import { WORDS, type Words } from './words';

export interface PaymentStatusProps {
  paymentId: string;
  /**
   * Back office only (`<AyoProvider audience="staff">`, role `refund`): a refund action with a
   * confirm step, full by default or a partial amount (bank accounts only; card payments are
   * refunded in full, and only when the provider has a card refund API, `useCapabilities()`;
   * otherwise a note says Ayoconnect's operations refund cards). In a shopper's page it throws:
   * shoppers never move money back.
   */
  allowRefund?: boolean;
  /** Back office only (role `capture`): a Capture action (up to 120 % of the hold) on an authorised card payment. */
  allowCapture?: boolean;
  /**
   * Back office only (role `void`): a Void action (release the hold) on an authorised card payment,
   * when the provider has a card void API (`useCapabilities().data.cardVoid`).
   */
  allowVoid?: boolean;
  /** The level of the component's main heading (default 2, or the enclosing component's); sub-headings follow. */
  headingLevel?: HeadingLevel;
}

export type PaymentDisplayStatus =
  | 'processing'
  | 'requires-otp'
  | 'succeeded'
  | 'failed'
  | 'refunded'
  | 'partially-refunded'
  | 'authorized'
  | 'captured'
  | 'voided'
  | 'expired-hold';

/** What a payment shows as: refunds are read from the refunded amount of a succeeded payment. */
export function displayStatus(p: Payment): PaymentDisplayStatus {
  switch (p.status) {
    case 'processing':
      return 'processing';
    case 'requires_otp':
      return 'requires-otp';
    case 'failed':
      return 'failed';
    case 'authorized':
      return 'authorized';
    case 'voided':
      return p.failure?.code === 'AUTHORIZATION_EXPIRED' ? 'expired-hold' : 'voided';
    case 'succeeded':
      if (p.refundedAmount > 0 && p.refundedAmount >= p.capturedAmount) return 'refunded';
      if (p.refundedAmount > 0) return 'partially-refunded';
      return p.mode === 'authorize' ? 'captured' : 'succeeded';
    default:
      return p.status satisfies never;
  }
}

const label = (t: Words, s: PaymentDisplayStatus) =>
  ({
    processing: t.status.states.processing,
    'requires-otp': t.status.states.requiresOtp,
    succeeded: t.status.states.succeeded,
    failed: t.status.states.failed,
    refunded: t.status.states.refunded,
    'partially-refunded': t.status.states.partiallyRefunded,
    authorized: t.status.states.authorized,
    captured: t.status.states.captured,
    voided: t.status.states.voided,
    'expired-hold': t.status.states.expiredHold,
  })[s];

/**
 * One payment, kept live: its status, amount and date. In the back office (`audience="staff"`),
 * also whose it is and (optionally) refund, capture and void.
 */
/** Refund, capture and void: loaded only where they may show (see staffActions.tsx). */
const staffActions = lazyModule(() => import('./staffActions'));

export function PaymentStatus({
  paymentId,
  allowRefund = false,
  allowCapture = false,
  allowVoid = false,
  headingLevel,
}: PaymentStatusProps) {
  const { audience } = useAyoContext('PaymentStatus');
  // The same rule as the hooks: a money-moving action in a shopper's page is a mistake, said loudly.
  const asked = allowRefund ? 'allowRefund' : allowCapture ? 'allowCapture' : allowVoid ? 'allowVoid' : null;
  if (asked && audience !== 'staff') throw backOfficeOnly(`<PaymentStatus ${asked}>`);
  const { t, locale } = useMessagesOf('PaymentStatus', WORDS);
  // Asked for in the back office: loaded at once, so that it is there when the payment allows one.
  const actions = useLazyModule(staffActions, asked !== null);
  const q = usePaymentStatus(paymentId);
  const payment = q.data;
  const status = payment ? displayStatus(payment) : null;
  const headingRef = useRef<HTMLHeadingElement>(null);
  // After a capture or void the form goes away: focus goes to the heading, not to <body>.
  const previous = useRef(status);
  useEffect(() => {
    const was = previous.current;
    previous.current = status;
    if (was !== 'authorized' || status === 'authorized') return;
    const active = document.activeElement;
    if (!active || active === document.body || headingRef.current?.closest('.ayo-root')?.contains(active))
      headingRef.current?.focus();
  }, [status]);
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
    const left = refundableAmount(payment);
    const wantsHold = (allowCapture || allowVoid) && payment.status === 'authorized';
    const wantsRefund = allowRefund && payment.status === 'succeeded';
    const hold = payment.mode === 'authorize';
    body = (
      <>
        <div className="ayo-payment-status__header">
          <Heading className="ayo-title" ref={headingRef} tabIndex={-1}>
            {t.status.title}
          </Heading>
          <span className={`ayo-badge ayo-badge--${status}`} data-status={status}>
            {label(t, status!)}
          </span>
        </div>
        {payment.status === 'failed' && payment.failure && (
          <p className="ayo-alert ayo-alert--danger ayo-payment-status__reason">
            {payment.instrumentType === 'card'
              ? cardErrorText(t, payment.failure)
              : errorText(t, payment.failure)}
          </p>
        )}
        {status === 'expired-hold' && (
          <p className="ayo-alert ayo-alert--warning ayo-payment-status__reason">
            {t.status.holdExpiredBody}
          </p>
        )}
        <dl className="ayo-payment-status__facts">
          <div>
            <dt>{hold ? t.status.authorizedAmount : t.status.amount}</dt>
            <dd className="ayo-payment-status__amount">{formatIdr(payment.amount, locale)}</dd>
          </div>
          {hold && payment.capturedAmount > 0 && (
            <div>
              <dt>{t.status.capturedAmount}</dt>
              <dd className="ayo-payment-status__captured">{formatIdr(payment.capturedAmount, locale)}</dd>
            </div>
          )}
          {payment.status === 'authorized' && payment.authorizationExpiresAt && (
            <div>
              <dt>{t.status.holdExpires}</dt>
              <dd>
                <time dateTime={payment.authorizationExpiresAt}>
                  {formatDate(payment.authorizationExpiresAt, locale)}
                </time>
              </dd>
            </div>
          )}
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
          {'userId' in payment && typeof payment.userId === 'string' && (
            <div>
              <dt>{t.status.customer}</dt>
              <dd className="ayo-payment-status__customer">{payment.userId}</dd>
            </div>
          )}
        </dl>
        {payment.description && <p className="ayo-muted">{payment.description}</p>}
        {(wantsHold || wantsRefund) && !actions.module && (
          <ActionsLoading t={t} failed={actions.failed} retry={actions.retry} />
        )}
        {wantsHold && actions.module && (
          <actions.module.HoldActions payment={payment} allowCapture={allowCapture} allowVoid={allowVoid} />
        )}
        {wantsRefund && actions.module && (
          <actions.module.RefundSection
            payment={payment}
            remaining={left}
            fullOnly={refundsFullOnly(payment)}
          />
        )}
      </>
    );
  }

  return (
    <AyoRoot
      component="payment-status"
      state={state}
      headingLevel={headingLevel}
      aria-busy={state === 'loading' || undefined}
    >
      <LiveRegion message={message} />
      {body}
    </AyoRoot>
  );
}

/**
 * While the back-office actions load (as PayWithSavedCard's steps: a spinner and a line), or after
 * their load failed (a retry asks the network again).
 */
export function ActionsLoading({ t, failed, retry }: { t: Words; failed: boolean; retry: () => void }) {
  return failed ? (
    <Result
      tone="danger"
      title={<p role="alert">{t.status.actionsLoadError}</p>}
      actions={[{ label: t.common.retry, onClick: retry, primary: true }]}
    />
  ) : (
    <div className="ayo-progress">
      <span className="ayo-spinner" aria-hidden="true" />
      <p role="status">{t.common.loading}</p>
    </div>
  );
}
