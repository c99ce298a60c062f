import type { Instrument, InstrumentType } from '@ayokit/core';
import { useNow, useSavedCards, useUnbinding } from '@ayokit/hooks';
import { type ReactNode, type Ref, useEffect, useId, useRef, useState } from 'react';
import { type AyoMessages, errorText, type ListedKinds, useMessages } from '../i18n';
import { AyoRoot } from '../internal/AyoRoot';
import { BankMark } from '../internal/BankMark';
import { CardMark } from '../internal/CardMark';
import { Heading, type HeadingLevel } from '../internal/Heading';
import { kebab } from '../internal/hooks';
import { LiveRegion } from '../internal/LiveRegion';
import { OtpStep } from '../internal/OtpStep';
import { formatCardExpiry } from '../internal/time';

export interface SavedCardListProps {
  /** The chosen account (with `onSelect`, the list is a radio group). */
  selectedId?: string | null;
  onSelect?: (instrumentId: string) => void;
  allowRemove?: boolean;
  allowSetDefault?: boolean;
  /**
   * Legend of the group / heading of the list (default: by what it lists, "Saved accounts",
   * "Saved cards" or "Saved accounts and cards").
   */
  legend?: string;
  /** An error about the choice (e.g. "Choose an account"), linked to the group and announced. */
  error?: string | null;
  /** Which kinds to show (default: bank accounts and cards together). */
  types?: readonly InstrumentType[];
  /** The level of the component's main heading (default 2, or the enclosing component's); sub-headings follow. */
  headingLevel?: HeadingLevel;
}

const EXPIRING_WITHIN_MS = 30 * 24 * 60 * 60 * 1000;

export type InstrumentBadge = 'default' | 'expired' | 'expiring' | 'blocked';

/** When it stops working: the bank's token expiry, or the end of a card's expiry month. */
export function expiryOf(i: Instrument): number {
  if (i.expiresAt) return Date.parse(i.expiresAt);
  return i.type === 'card' ? Date.UTC(i.expiryYear, i.expiryMonth, 1) - 1 : Number.NaN;
}

/** The badges of an account or card at `now` (epoch ms, the provider's clock: `useNow()()`). */
export function badgesOf(i: Instrument, now: number): InstrumentBadge[] {
  const badges: InstrumentBadge[] = [];
  const expires = expiryOf(i);
  if (i.isDefault && i.status === 'active') badges.push('default');
  if (i.status === 'blocked') badges.push('blocked');
  if (i.status === 'expired' || (!Number.isNaN(expires) && expires <= now)) badges.push('expired');
  else if (!Number.isNaN(expires) && expires - now <= EXPIRING_WITHIN_MS) badges.push('expiring');
  return badges;
}

export function isPayable(i: Instrument, now: number): boolean {
  return i.status === 'active' && !badgesOf(i, now).includes('expired');
}

const last4 = (i: Instrument) => (i.type === 'card' ? i.last4 : i.maskedNumber.replace(/\D/g, '').slice(-4));
/** The account's bank, or the card's brand. */
export const issuerName = (t: AyoMessages, i: Instrument) =>
  i.type === 'card' ? t.card.brands[i.brand] : i.bankName;
/** What a screen reader says for an account or card: "BCA ending in 1234", "Visa ending in 1111". */
export const accountName = (t: AyoMessages, i: Instrument) =>
  `${issuerName(t, i)} ${t.savedCards.endingIn(last4(i))}`;

/** The mark and the words of one account or card (the issuer, last 4, a card's expiry). */
export function InstrumentLabel({ t, instrument: i }: { t: AyoMessages; instrument: Instrument }) {
  return (
    <>
      {i.type === 'card' ? (
        <CardMark brand={i.brand} label={t.card.brands[i.brand]} />
      ) : (
        <BankMark code={i.bankCode} />
      )}{' '}
      <span className="ayo-saved-card-list__text">
        {i.type === 'bank_account' && (
          <>
            <span className="ayo-saved-card-list__bank">{i.bankName}</span>{' '}
          </>
        )}
        <span className="ayo-saved-card-list__number" aria-hidden="true">
          •••• {last4(i)}
        </span>
        <span className="ayo-sr-only"> {t.savedCards.endingIn(last4(i))}</span>
        {i.type === 'card' && (
          <>
            {' '}
            <span className="ayo-saved-card-list__expiry ayo-muted">
              {t.savedCards.expires(formatCardExpiry(i.expiryMonth, i.expiryYear))}
            </span>
          </>
        )}
      </span>
    </>
  );
}

const ALL_TYPES: readonly InstrumentType[] = ['bank_account', 'card'];

/** What a list of these types holds, for its words: bank accounts, cards, or both. */
const listedKinds = (types: readonly InstrumentType[]): ListedKinds =>
  !types.includes('card') ? 'accounts' : types.includes('bank_account') ? 'both' : 'cards';

const badgeText = (t: AyoMessages, b: InstrumentBadge) =>
  ({
    default: t.savedCards.badgeDefault,
    expired: t.savedCards.badgeExpired,
    expiring: t.savedCards.badgeExpiring,
    blocked: t.savedCards.badgeBlocked,
  })[b];

/** The shopper's saved bank accounts and cards: choose one, make it the default, or remove it. */
export function SavedCardList({
  selectedId = null,
  onSelect,
  allowRemove = false,
  allowSetDefault = false,
  legend,
  error,
  types,
  headingLevel,
}: SavedCardListProps) {
  const { t } = useMessages('SavedCardList');
  const cards = useSavedCards();
  const now = useNow();
  const unbinding = useUnbinding();
  const id = useId();
  const listRef = useRef<HTMLElement>(null);
  const [announcement, setAnnouncement] = useState('');
  const [actionError, setActionError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Instrument | null>(null);

  const u = unbinding.state;
  useEffect(() => {
    if (u.status === 'succeeded' && removing) {
      setAnnouncement(t.savedCards.removed(accountName(t, removing)));
      setRemoving(null);
      unbinding.cancel();
      listRef.current?.focus();
    }
  }, [u.status, removing, t, unbinding]);

  const shown = types ? cards.instruments.filter((i) => types.includes(i.type)) : cards.instruments;
  const state =
    cards.status === 'loading'
      ? 'loading'
      : cards.status === 'error' && cards.instruments.length === 0
        ? 'error'
        : shown.length === 0
          ? 'empty'
          : 'ready';
  // Named by what it shows once loaded, and until then by what it looks for.
  const kinds = listedKinds(state === 'ready' ? shown.map((i) => i.type) : (types ?? ALL_TYPES));

  const status =
    state === 'loading'
      ? t.savedCards.loading[kinds]
      : u.status === 'unbinding'
        ? removing?.type === 'card'
          ? t.savedCards.removingCard
          : t.savedCards.removing
        : u.status === 'requiresOtp'
          ? t.savedCards.otpTitle
          : announcement;

  const setDefault = async (i: Instrument) => {
    setActionError(null);
    try {
      await cards.setDefault(i.id);
      setAnnouncement(t.savedCards.defaultSet(accountName(t, i)));
    } catch (err) {
      setActionError(errorText(t, { code: (err as { code?: string } | null)?.code ?? 'INTERNAL' }));
    }
  };

  const requestRemove = (i: Instrument) => {
    setRemoving(i);
    setAnnouncement('');
    unbinding.request(i.id);
  };
  const cancelRemove = () => {
    const target = removing;
    unbinding.cancel();
    setRemoving(null);
    if (target) document.getElementById(`${id}-remove-${target.id}`)?.focus();
  };

  const errorId = `${id}-error`;
  const items = shown.map((i) => {
    const badges = badgesOf(i, now());
    const name = accountName(t, i);
    const payable = isPayable(i, now());
    const inputId = `${id}-${i.id}`;
    const detailsId = `${inputId}-details`;
    const isRemoving = removing?.id === i.id && u.status !== 'idle';
    const body = <InstrumentLabel t={t} instrument={i} />;
    return (
      <li
        key={i.id}
        data-type={i.type}
        className="ayo-saved-card-list__item"
        data-state={onSelect ? (selectedId === i.id ? 'checked' : 'unchecked') : undefined}
        data-disabled={onSelect && !payable ? '' : undefined}
      >
        <div className="ayo-saved-card-list__row">
          {onSelect ? (
            <>
              <input
                type="radio"
                id={inputId}
                name={`${id}-account`}
                className="ayo-saved-card-list__radio"
                value={i.id}
                checked={selectedId === i.id}
                disabled={!payable}
                aria-describedby={badges.length ? detailsId : undefined}
                onChange={() => onSelect(i.id)}
              />
              <label htmlFor={inputId} className="ayo-saved-card-list__label">
                {body}
              </label>
            </>
          ) : (
            <span className="ayo-saved-card-list__label">{body}</span>
          )}
          {badges.length > 0 && (
            <span className="ayo-saved-card-list__badges" id={detailsId}>
              {badges.map((b) => (
                <span key={b} className={`ayo-badge ayo-badge--${b}`} data-badge={b}>
                  {badgeText(t, b)}
                </span>
              ))}
            </span>
          )}
          {(allowSetDefault || allowRemove) && (
            <span className="ayo-saved-card-list__actions">
              {allowSetDefault && !i.isDefault && i.status === 'active' && (
                <button
                  type="button"
                  className="ayo-button ayo-button--secondary ayo-button--small"
                  aria-label={t.savedCards.setDefaultFor(name)}
                  onClick={() => void setDefault(i)}
                >
                  {t.savedCards.setDefault}
                </button>
              )}
              {allowRemove && (
                <button
                  type="button"
                  id={`${id}-remove-${i.id}`}
                  className="ayo-button ayo-button--danger-outline ayo-button--small"
                  aria-label={t.savedCards.removeFor(name)}
                  aria-expanded={isRemoving}
                  disabled={u.status !== 'idle' && !isRemoving}
                  onClick={() => (isRemoving ? cancelRemove() : requestRemove(i))}
                >
                  {t.savedCards.remove}
                </button>
              )}
            </span>
          )}
        </div>
        {isRemoving && <RemovePanel instrument={i} t={t} unbinding={unbinding} onCancel={cancelRemove} />}
      </li>
    );
  });

  return (
    <AyoRoot
      component="saved-card-list"
      state={state}
      headingLevel={headingLevel}
      aria-busy={state === 'loading' || undefined}
    >
      <LiveRegion message={status} />
      {state === 'loading' && <p className="ayo-muted">{t.savedCards.loading[kinds]}</p>}
      {state === 'error' && (
        <div role="alert" className="ayo-alert ayo-alert--danger">
          <p>{t.savedCards.loadError[kinds]}</p>
          <button type="button" className="ayo-button ayo-button--secondary" onClick={cards.refetch}>
            {t.common.retry}
          </button>
        </div>
      )}
      {state === 'empty' && <p className="ayo-saved-card-list__empty">{t.savedCards.empty[kinds]}</p>}
      {error && state !== 'ready' && (
        <p role="alert" className="ayo-field-error">
          {error}
        </p>
      )}
      {actionError && (
        <p role="alert" className="ayo-field-error">
          {actionError}
        </p>
      )}
      {state === 'ready' &&
        (onSelect ? (
          <fieldset
            className="ayo-saved-card-list__group"
            ref={listRef as Ref<HTMLFieldSetElement>}
            tabIndex={-1}
            aria-describedby={error ? errorId : undefined}
          >
            <legend className="ayo-saved-card-list__legend">{legend ?? t.savedCards.legend[kinds]}</legend>
            {error && (
              <p id={errorId} role="alert" className="ayo-field-error">
                {error}
              </p>
            )}
            <ul className="ayo-saved-card-list__items">{items}</ul>
          </fieldset>
        ) : (
          <section aria-labelledby={`${id}-title`} ref={listRef} tabIndex={-1}>
            <Heading offset={1} id={`${id}-title`} className="ayo-saved-card-list__legend">
              {legend ?? t.savedCards.legend[kinds]}
            </Heading>
            <ul className="ayo-saved-card-list__items">{items}</ul>
          </section>
        ))}
    </AyoRoot>
  );
}

function RemovePanel({
  instrument,
  t,
  unbinding,
  onCancel,
}: {
  instrument: Instrument;
  t: AyoMessages;
  unbinding: ReturnType<typeof useUnbinding>;
  onCancel: () => void;
}) {
  const u = unbinding.state;
  const id = useId();
  const titleRef = useRef<HTMLHeadingElement>(null);
  const name = accountName(t, instrument);

  // Each new step of the panel is introduced by its heading.
  const step = u.status === 'confirming' ? 'confirm' : u.status === 'requiresOtp' ? 'otp' : u.status;
  // biome-ignore lint/correctness/useExhaustiveDependencies: refocus per step only
  useEffect(() => {
    if (step === 'confirm' || step === 'otp' || step === 'failed') titleRef.current?.focus();
  }, [step === 'submittingOtp' ? 'otp' : step]);

  let content: ReactNode;
  switch (u.status) {
    case 'idle':
      content = null;
      break;
    case 'confirming':
    case 'unbinding':
      content = (
        <>
          <Heading
            offset={2}
            ref={titleRef}
            tabIndex={-1}
            className="ayo-saved-card-list__panel-title"
            id={`${id}-title`}
          >
            {t.savedCards.confirmTitle(name)}
          </Heading>
          <p>{instrument.type === 'card' ? t.savedCards.confirmRemoveCardBody : t.savedCards.confirmBody}</p>
          <div className="ayo-actions">
            <button
              type="button"
              className="ayo-button ayo-button--danger"
              disabled={u.status === 'unbinding'}
              aria-busy={u.status === 'unbinding' || undefined}
              onClick={() => void unbinding.confirm()}
            >
              {u.status === 'unbinding' ? t.savedCards.removing : t.savedCards.confirmRemove}
            </button>
            <button type="button" className="ayo-button ayo-button--secondary" onClick={onCancel}>
              {t.common.cancel}
            </button>
          </div>
        </>
      );
      break;
    case 'requiresOtp':
    case 'submittingOtp':
      content = (
        <OtpStep
          title={
            <Heading
              offset={2}
              ref={titleRef}
              tabIndex={-1}
              className="ayo-saved-card-list__panel-title"
              id={`${id}-title`}
            >
              {t.savedCards.otpTitle}
            </Heading>
          }
          body={t.savedCards.otpBody(issuerName(t, instrument))}
          resend={{
            resendsLeft: u.status === 'requiresOtp' ? u.resendsLeft : 0,
            availableAt: u.status === 'requiresOtp' ? u.resendAvailableAt : null,
            resending: u.status === 'requiresOtp' && u.resending,
            onResend: unbinding.resendOtp,
          }}
          attemptsLeft={u.status === 'requiresOtp' ? u.attemptsLeft : undefined}
          serverError={u.status === 'requiresOtp' && u.lastError ? errorText(t, u.lastError) : null}
          submitting={u.status === 'submittingOtp'}
          submitLabel={t.savedCards.verifyOtp}
          tone="danger"
          incomplete={t.savedCards.otpRequired}
          cancelLabel={t.common.cancel}
          onSubmit={(otp) => unbinding.submitOtp(otp)}
          onCancel={onCancel}
        />
      );
      break;
    case 'processing':
    case 'succeeded':
      content = (
        <p className="ayo-muted" id={`${id}-title`}>
          {t.savedCards.removing}
        </p>
      );
      break;
    case 'failed':
      content = (
        <>
          <Heading
            offset={2}
            ref={titleRef}
            tabIndex={-1}
            className="ayo-saved-card-list__panel-title"
            id={`${id}-title`}
          >
            {instrument.type === 'card' ? t.savedCards.removeCardFailed : t.savedCards.removeFailed}
          </Heading>
          <p role="alert" className="ayo-field-error">
            {errorText(t, u.error)}
          </p>
          <div className="ayo-actions">
            <button
              type="button"
              className="ayo-button ayo-button--secondary"
              onClick={() => void unbinding.confirm()}
            >
              {t.common.tryAgain}
            </button>
            <button type="button" className="ayo-button ayo-button--secondary" onClick={onCancel}>
              {t.common.cancel}
            </button>
          </div>
        </>
      );
      break;
    default:
      u satisfies never;
  }
  return (
    <section
      className="ayo-saved-card-list__panel"
      aria-labelledby={`${id}-title`}
      data-state={kebab(u.status)}
    >
      {content}
    </section>
  );
}
