import { formatIdr, type Locale, type StaffPayment } from '@ayokit/core';
import { useStaffPayments } from '@ayokit/hooks';
import { AuditTrail, AyoProvider, PaymentStatus } from '@ayokit/react';
import { useCallback, useEffect, useState } from 'react';
import { backend, type Shopper, type Staff, type WebhookLogEntry } from '../backend';
import { focusNewHeading } from '../focus';
import { problemText } from '../problem';
import { STRINGS } from '../strings';
import { TRANSLATIONS } from '../translations';

const WEBHOOK_POLL_MS = 2_000;

/**
 * The shop's back office: not the shop. Staff sign in on their own (a separate cookie with
 * roles), and the proxy's staff API (`audience="staff"`) lets each role do only its part:
 * the front desk captures or voids hotel deposits, finance refunds. What the role lacks, the
 * server refuses; what staff do, the audit trail records.
 */
export function BackOffice({ locale }: { locale: Locale }) {
  const t = STRINGS[locale];
  const [staff, setStaff] = useState<Staff | null | undefined>(undefined);
  useEffect(() => {
    backend.staffSession().then(setStaff, () => setStaff(null));
  }, []);

  if (staff === undefined) return <p>{t.loading}</p>;
  if (staff === null) return <StaffSignIn locale={locale} onSignedIn={setStaff} />;
  return (
    // A new provider per member of staff: nothing of one role's session leaks into the next.
    <AyoProvider
      key={staff.id}
      baseUrl="/ayokit"
      audience="staff"
      locale={locale}
      translations={TRANSLATIONS}
    >
      <StaffDesk
        locale={locale}
        staff={staff}
        onSignOut={() =>
          backend.staffSignOut().then(() => {
            setStaff(null);
            focusNewHeading();
          })
        }
      />
    </AyoProvider>
  );
}

function StaffSignIn({ locale, onSignedIn }: { locale: Locale; onSignedIn: (s: Staff) => void }) {
  const t = STRINGS[locale];
  const [staff, setStaff] = useState<Staff[]>([]);
  useEffect(() => {
    backend.staffList().then(setStaff, () => setStaff([]));
  }, []);
  return (
    <section aria-labelledby="staff-signin-title" className="office__panel">
      <h1 id="staff-signin-title">{t.staffSignInTitle}</h1>
      <p>{t.staffSignInHelp}</p>
      <ul className="office__staff">
        {staff.map((s) => (
          <li key={s.id}>
            <button
              type="button"
              className="demo__button"
              onClick={() =>
                backend.staffSignIn(s.id).then((r) => {
                  onSignedIn(r.staff);
                  focusNewHeading();
                })
              }
            >
              {t.signIn}: {s.name} — {t.staffTitles[s.id]}
            </button>
            <p className="demo__muted">{t.staffDescriptions[s.id]}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function StaffDesk({ locale, staff, onSignOut }: { locale: Locale; staff: Staff; onSignOut: () => void }) {
  const t = STRINGS[locale];
  return (
    <div className="office__desk">
      <h1>{t.backOffice}</h1>
      <div className="office__who">
        <p>
          {t.signedInAs} <strong>{staff.name}</strong> ({t.staffTitles[staff.id]})
          <br />
          {t.yourRoles}: {staff.roles.map((r) => t.roleNames[r]).join(', ')}
        </p>
        <button type="button" className="demo__button demo__button--secondary" onClick={onSignOut}>
          {t.switchStaff}
        </button>
      </div>
      <StaffPayments locale={locale} />
      <WebhookLogPanel locale={locale} />
      {/* The kit's audit trail brings its own heading and introduction. */}
      <div className="office__panel">
        <AuditTrail headingLevel={2} />
      </div>
    </div>
  );
}

function StaffPayments({ locale }: { locale: Locale }) {
  const t = STRINGS[locale];
  const payments = useStaffPayments({ limit: 50 });
  const [shoppers, setShoppers] = useState<Shopper[]>([]);
  useEffect(() => {
    backend.shoppers().then(setShoppers, () => setShoppers([]));
  }, []);
  const shopperName = (p: StaffPayment) => shoppers.find((s) => s.id === p.userId)?.name ?? p.userId;
  return (
    <section aria-labelledby="staff-payments-title" className="office__panel">
      <h2 id="staff-payments-title">{t.staffPayments}</h2>
      <p className="demo__muted">{t.staffPaymentsHelp}</p>
      {payments.status === 'ready' && payments.data.length === 0 ? <p>{t.paymentsEmpty}</p> : null}
      {payments.status === 'error' ? (
        <p role="alert">{problemText(t, t.loadFailed, payments.error)}</p>
      ) : null}
      <ul className="office__payments" aria-label={t.staffPaymentsList}>
        {(payments.data ?? []).map((p) => (
          <li key={p.id} data-mode={p.mode}>
            <h3 className="demo__order-title">
              {p.mode === 'authorize' ? `${t.frontDesk} · ` : ''}
              {p.orderId ?? p.id}
            </h3>
            <p className="demo__muted">
              {t.shopperLabel}: {shopperName(p)}
            </p>
            {p.mode === 'authorize' ? <p className="demo__muted">{t.frontDeskHelp}</p> : null}
            <PaymentStatus paymentId={p.id} allowRefund allowCapture allowVoid headingLevel={4} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function WebhookLogPanel({ locale }: { locale: Locale }) {
  const t = STRINGS[locale];
  const [log, setLog] = useState<{ endpoint: string | null; entries: WebhookLogEntry[] } | null>(null);
  // The error itself, put in words when shown: a change of language re-words it.
  const [failed, setFailed] = useState<{ error: unknown } | null>(null);
  const load = useCallback(
    () =>
      backend.webhookLog().then(
        (l) => {
          setLog(l);
          setFailed(null);
        },
        (error: unknown) => setFailed({ error }),
      ),
    [],
  );
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), WEBHOOK_POLL_MS);
    return () => clearInterval(timer);
  }, [load]);
  // Jakarta time, like the audit trail's, to the second (webhooks come in bursts).
  const time = (iso: string) =>
    new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
      dateStyle: 'medium',
      timeStyle: 'medium',
      timeZone: 'Asia/Jakarta',
    }).format(new Date(iso));

  return (
    <section aria-labelledby="webhooks-title" className="office__panel office__webhooks">
      <h2 id="webhooks-title">{t.webhookTitle}</h2>
      <p className="demo__muted">{t.webhookHelp}</p>
      <p className="demo__muted">
        {log?.endpoint ? (
          <>
            {t.webhookEndpoint} <code>{log.endpoint}</code>
          </>
        ) : log ? (
          t.webhookNone
        ) : null}
      </p>
      <button type="button" className="demo__button demo__button--secondary" onClick={() => void load()}>
        {t.refresh}
      </button>
      {failed ? <p role="alert">{problemText(t, t.loadFailed, failed.error)}</p> : null}
      {log && log.entries.length === 0 ? <p>{t.webhookEmpty}</p> : null}
      {log && log.entries.length > 0 ? (
        // A wide table scrolls on its own on a phone; the region is focusable so keyboards can too.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        <section className="office__scroll" aria-labelledby="webhooks-caption" tabIndex={0}>
          <table className="office__table">
            <caption id="webhooks-caption">{t.webhookCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.webhookCols.time}</th>
                <th scope="col">{t.webhookCols.type}</th>
                <th scope="col">{t.webhookCols.order}</th>
                <th scope="col">{t.webhookCols.amount}</th>
                <th scope="col">{t.webhookCols.verified}</th>
              </tr>
            </thead>
            <tbody>
              {log.entries.map((e) => (
                <tr key={e.seq}>
                  <td>
                    <time dateTime={e.receivedAt}>{time(e.receivedAt)}</time>
                  </td>
                  <td>
                    <code className="office__event">{e.type ?? '—'}</code>
                  </td>
                  <td className="office__order">{e.orderId ?? '—'}</td>
                  <td>{e.amount === null ? '—' : formatIdr(e.amount, locale)}</td>
                  <td>
                    <span className={e.verified ? 'office__ok' : 'office__bad'}>
                      {e.verified ? t.verified : t.notVerified}
                    </span>
                    {e.deliveries > 1 ? (
                      <span className="demo__muted"> ({t.deliveries(e.deliveries)})</span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </section>
  );
}
