import { type AuditEntry, formatIdr } from '@ayokit/core';
import { useAuditTrail } from '@ayokit/hooks';
import { type ReactNode, useId } from 'react';
import { errorText, useMessagesOf } from '../i18n';
import { AyoRoot } from '../internal/AyoRoot';
import { Heading, type HeadingLevel } from '../internal/Heading';
import { LiveRegion } from '../internal/LiveRegion';
import { formatDate } from '../internal/time';
import { audit } from '../locales/idParts/audit';
import { common } from '../locales/idParts/common';
import { errors } from '../locales/idParts/errors';

/** The built-in (Indonesian) words this component shows. */
const WORDS = { id: { audit, common, errors } };
type Words = typeof WORDS.id;

export interface AuditTrailProps {
  /** One payment's refunds, captures and voids; every payment's when left out. */
  paymentId?: string;
  /** How many entries, newest first (default 50). */
  limit?: number;
  /** The level of the component's main heading (default 2, or the enclosing component's). */
  headingLevel?: HeadingLevel;
}

/** What was asked for: an amount, or what no amount means for that action. */
function amountText(t: Words, e: AuditEntry, locale: 'id' | 'en') {
  if (e.amount !== null) return formatIdr(e.amount, locale);
  if (e.action === 'refund') return t.audit.fullAmount;
  if (e.action === 'capture') return t.audit.heldAmount;
  return null;
}

/**
 * The back office's audit trail (`<AyoProvider audience="staff">`): who refunded, captured or
 * voided what, when, and whether it was accepted or refused (and why), as a table.
 */
export function AuditTrail({ paymentId, limit, headingLevel }: AuditTrailProps) {
  const { t, locale } = useMessagesOf('AuditTrail', WORDS);
  const q = useAuditTrail({
    ...(paymentId !== undefined ? { paymentId } : {}),
    ...(limit !== undefined ? { limit } : {}),
  });
  const id = useId();
  const entries = q.data;
  const state = entries ? (entries.length ? 'ready' : 'empty') : q.status === 'error' ? 'error' : 'loading';

  let body: ReactNode;
  if (!entries) {
    body =
      q.status === 'error' ? (
        <div role="alert" className="ayo-alert ayo-alert--danger">
          <p className="ayo-alert__title">{t.audit.loadError}</p>
          <p>{errorText(t, q.error)}</p>
          <button type="button" className="ayo-button ayo-button--secondary" onClick={q.refetch}>
            {t.common.retry}
          </button>
        </div>
      ) : (
        <p className="ayo-muted">{t.audit.loading}</p>
      );
  } else if (entries.length === 0) {
    body = <p className="ayo-muted ayo-audit-trail__empty">{t.audit.empty}</p>;
  } else {
    body = (
      // A wide table scrolls on its own on a phone; the region is focusable so keyboards can too.
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
      <section className="ayo-audit-trail__scroll" aria-labelledby={`${id}-title`} tabIndex={0}>
        <table className="ayo-audit-trail__table" aria-describedby={`${id}-intro`}>
          <thead>
            <tr>
              <th scope="col">{t.audit.when}</th>
              <th scope="col">{t.audit.who}</th>
              <th scope="col">{t.audit.action}</th>
              {!paymentId && <th scope="col">{t.audit.payment}</th>}
              <th scope="col">{t.audit.amount}</th>
              <th scope="col">{t.audit.result}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => {
              const amount = amountText(t, e, locale);
              return (
                <tr key={e.id} data-result={e.result} data-action={e.action}>
                  <td>
                    <time dateTime={e.at}>{formatDate(e.at, locale)}</time>
                  </td>
                  <td>
                    {e.actor.type === 'staff' ? (e.actor.name ?? e.actor.id) : t.audit[e.actor.type]}
                    {e.actor.type === 'staff' && e.actor.name && (
                      <span className="ayo-audit-trail__actor-id ayo-muted"> ({e.actor.id})</span>
                    )}
                  </td>
                  <td>
                    {t.audit.actions[e.action]}
                    {e.reason && (
                      <span className="ayo-audit-trail__reason ayo-muted">{t.audit.reason(e.reason)}</span>
                    )}
                  </td>
                  {!paymentId && (
                    <td>
                      <code className="ayo-audit-trail__payment">{e.paymentId}</code>
                    </td>
                  )}
                  <td className="ayo-audit-trail__amount">
                    {amount ?? (
                      <>
                        <span aria-hidden="true">—</span>
                        <span className="ayo-sr-only">{t.audit.noAmount}</span>
                      </>
                    )}
                  </td>
                  <td>
                    <span className={`ayo-badge ayo-badge--${e.result}`}>
                      {e.result === 'accepted' ? t.audit.accepted : t.audit.refused}
                    </span>
                    {e.errorCode && (
                      <span className="ayo-audit-trail__why ayo-muted">
                        {errorText(t, { code: e.errorCode })}
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    );
  }

  return (
    <AyoRoot
      component="audit-trail"
      state={state}
      headingLevel={headingLevel}
      aria-busy={state === 'loading' || undefined}
    >
      <LiveRegion
        message={entries ? t.audit.loaded(entries.length) : q.status === 'loading' ? t.audit.loading : ''}
      />
      <Heading className="ayo-title" id={`${id}-title`}>
        {t.audit.title}
      </Heading>
      <p id={`${id}-intro`} className="ayo-muted">
        {t.audit.intro}
      </p>
      {body}
    </AyoRoot>
  );
}
