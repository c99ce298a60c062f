import type { Instrument, InstrumentType } from '@ayokit/core';
import { useNow, useSavedCards } from '@ayokit/hooks';
import { type ReactNode, type Ref, useId } from 'react';
import { type AyoMessages, type ListedKinds, useMessagesOf } from '../i18n';
import { AyoRoot } from '../internal/AyoRoot';
import { BankMark } from '../internal/BankMark';
import { CardMark } from '../internal/CardMark';
import { Heading, type HeadingLevel } from '../internal/Heading';
import { LiveRegion } from '../internal/LiveRegion';
import { formatCardExpiry } from '../internal/time';
import { card } from '../locales/idParts/card';
import { common } from '../locales/idParts/common';
import { savedCards } from '../locales/idParts/savedCards';

/** The built-in (Indonesian) words this component shows. */
const WORDS = { id: { card, common, savedCards } };

// The saved accounts and cards as a list or a radio group, without the actions that change them
// (make default, remove: SavedCardList adds those). PayWithSavedCard's choice of what to pay with
// is this list alone, so a checkout page carries no unbinding flow.

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
export const issuerName = (t: Pick<AyoMessages, 'card'>, i: Instrument) =>
  i.type === 'card' ? t.card.brands[i.brand] : i.bankName;
/** What a screen reader says for an account or card: "BCA ending in 1234", "Visa ending in 1111". */
export const accountName = (t: Pick<AyoMessages, 'card' | 'savedCards'>, i: Instrument) =>
  `${issuerName(t, i)} ${t.savedCards.endingIn(last4(i))}`;

/** The mark and the words of one account or card (the issuer, last 4, a card's expiry). */
export function InstrumentLabel({
  t,
  instrument: i,
}: {
  t: Pick<AyoMessages, 'card' | 'savedCards'>;
  instrument: Instrument;
}) {
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

export const ALL_TYPES: readonly InstrumentType[] = ['bank_account', 'card'];

/** What a list of these types holds, for its words: bank accounts, cards, or both. */
export const listedKinds = (types: readonly InstrumentType[]): ListedKinds =>
  !types.includes('card') ? 'accounts' : types.includes('bank_account') ? 'both' : 'cards';

const badgeText = (t: Pick<AyoMessages, 'savedCards'>, b: InstrumentBadge) =>
  ({
    default: t.savedCards.badgeDefault,
    expired: t.savedCards.badgeExpired,
    expiring: t.savedCards.badgeExpiring,
    blocked: t.savedCards.badgeBlocked,
  })[b];

export interface InstrumentListProps {
  selectedId?: string | null;
  onSelect?: (instrumentId: string) => void;
  legend?: string;
  error?: string | null;
  types?: readonly InstrumentType[];
  headingLevel?: HeadingLevel;
  /** What the live region says once the list is loaded (an action's outcome). */
  message?: string;
  /** An error of an action, announced above the list. */
  actionError?: string | null;
  /** Buttons of a row (SavedCardList's make default and remove). */
  actions?: (instrument: Instrument, name: string) => ReactNode;
  /** What opens under a row (SavedCardList's removal panel). */
  panel?: (instrument: Instrument) => ReactNode;
  /** The list or group, focused by SavedCardList after a removal. */
  listRef?: Ref<HTMLElement>;
  /** Ids of the rows' elements start with it (SavedCardList's remove buttons use it too). */
  id?: string;
}

/** The list view of SavedCardList (see there); PayWithSavedCard's radio group. */
export function InstrumentList({
  selectedId = null,
  onSelect,
  legend,
  error,
  types,
  headingLevel,
  message = '',
  actionError,
  actions,
  panel,
  listRef,
  id: givenId,
}: InstrumentListProps) {
  const { t } = useMessagesOf('SavedCardList', WORDS);
  const cards = useSavedCards();
  const now = useNow();
  const ownId = useId();
  const id = givenId ?? ownId;
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

  const errorId = `${id}-error`;
  const items = shown.map((i) => {
    const badges = badgesOf(i, now());
    const name = accountName(t, i);
    const payable = isPayable(i, now());
    const inputId = `${id}-${i.id}`;
    const detailsId = `${inputId}-details`;
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
          {actions && <span className="ayo-saved-card-list__actions">{actions(i, name)}</span>}
        </div>
        {panel?.(i)}
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
      <LiveRegion message={state === 'loading' ? t.savedCards.loading[kinds] : message} />
      {state === 'loading' && <p className="ayo-muted">{t.savedCards.loading[kinds]}</p>}
      {state === 'error' && (
        <div role="alert" className="ayo-alert ayo-alert--danger">
          <p>{t.savedCards.loadError[kinds]}</p>
          <button type="button" className="ayo-button ayo-button--secondary" onClick={cards.refetch}>
            {t.common.retry}
          </button>
        </div>
      )}
      {state === 'empty' && (
        <p className="ayo-saved-card-list__empty" ref={listRef as Ref<HTMLParagraphElement>} tabIndex={-1}>
          {t.savedCards.empty[kinds]}
        </p>
      )}
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
