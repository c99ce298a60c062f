import type { Instrument, InstrumentType } from '@ayokit/core';
import { useSavedCards, useUnbinding } from '@ayokit/hooks';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { errorText, useMessagesOf } from '../i18n';
import { Heading, type HeadingLevel } from '../internal/Heading';
import { kebab } from '../internal/hooks';
import { OtpStep } from '../internal/OtpStep';
import { card } from '../locales/idParts/card';
import { common } from '../locales/idParts/common';
import { errors } from '../locales/idParts/errors';
import { otp } from '../locales/idParts/otp';
import { savedCards } from '../locales/idParts/savedCards';
import { accountName, InstrumentList, issuerName } from './InstrumentList';

/** The built-in (Indonesian) words this component shows. */
const WORDS = { id: { card, common, errors, otp, savedCards } };
type Words = typeof WORDS.id;

// The helpers of a list of accounts and cards live with the list view; other components import
// them from here as before.
export {
  accountName,
  badgesOf,
  expiryOf,
  type InstrumentBadge,
  InstrumentLabel,
  isPayable,
  issuerName,
} from './InstrumentList';

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
  if (
    process.env.NODE_ENV !== 'production' &&
    types?.some((type) => type !== 'bank_account' && type !== 'card')
  )
    throw new TypeError(
      `<SavedCardList types>: each must be "bank_account" or "card" (got ${JSON.stringify(types)})`,
    );
  const { t } = useMessagesOf('SavedCardList', WORDS);
  const cards = useSavedCards();
  const unbinding = useUnbinding();
  const id = useId();
  const listRef = useRef<HTMLElement>(null);
  const [announcement, setAnnouncement] = useState('');
  const [actionError, setActionError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Instrument | null>(null);

  const u = unbinding.state;
  const removed = useRef(false);
  useEffect(() => {
    if (u.status === 'succeeded' && removing) {
      setAnnouncement(t.savedCards.removed(accountName(t, removing)));
      setRemoving(null);
      unbinding.cancel();
      listRef.current?.focus();
      removed.current = true;
    }
  }, [u.status, removing, t, unbinding]);
  // Once the list has caught up: the last one gone takes its list (and the focus) with it, and the
  // empty message (the same ref) takes the focus, not the page's <body>.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the list changes
  useEffect(() => {
    if (removed.current && document.activeElement === document.body) listRef.current?.focus();
    removed.current = false;
  }, [cards.instruments]);

  const status =
    u.status === 'unbinding'
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

  const isRemoving = (i: Instrument) => removing?.id === i.id && u.status !== 'idle';

  return (
    <InstrumentList
      id={id}
      selectedId={selectedId}
      onSelect={onSelect}
      legend={legend}
      error={error}
      types={types}
      headingLevel={headingLevel}
      message={status}
      actionError={actionError}
      listRef={listRef}
      {...(allowSetDefault || allowRemove
        ? {
            actions: (i: Instrument, name: string) => (
              <>
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
                    aria-expanded={isRemoving(i)}
                    disabled={u.status !== 'idle' && !isRemoving(i)}
                    onClick={() => (isRemoving(i) ? cancelRemove() : requestRemove(i))}
                  >
                    {t.savedCards.remove}
                  </button>
                )}
              </>
            ),
          }
        : {})}
      panel={(i) =>
        isRemoving(i) && <RemovePanel instrument={i} t={t} unbinding={unbinding} onCancel={cancelRemove} />
      }
    />
  );
}

function RemovePanel({
  instrument,
  t,
  unbinding,
  onCancel,
}: {
  instrument: Instrument;
  t: Words;
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
