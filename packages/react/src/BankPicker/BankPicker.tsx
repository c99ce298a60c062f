import { type BankCode, type BankView, formatIdr } from '@ayokit/core';
import { useBanks } from '@ayokit/hooks';
import { forwardRef, useId } from 'react';
import { useMessagesOf } from '../i18n';
import { AyoRoot } from '../internal/AyoRoot';
import { BankMark } from '../internal/BankMark';
import { useControllableState } from '../internal/hooks';
import { LiveRegion } from '../internal/LiveRegion';
import { banks } from '../locales/idParts/banks';
import { common } from '../locales/idParts/common';
import { errors } from '../locales/idParts/errors';

/** The built-in (Indonesian) words this component shows. */
const WORDS = { id: { banks, common, errors } };
type Words = typeof WORDS.id;

export interface BankPickerProps {
  /** The chosen bank (controlled); leave undefined for an uncontrolled picker. */
  value?: BankCode | null;
  onChange?: (code: BankCode) => void;
  /** The radio group's name (default: a unique id). */
  name?: string;
  /** The banks to show; by default the six banks from `useBanks()`, with this user's availability. */
  banks?: BankView[];
  /** Legend of the group (default: "Choose your bank"). */
  legend?: string;
  /** An error about the choice (e.g. "Choose a bank first"), linked to the group and announced. */
  error?: string | null;
}

/** The six banks as a native radio group, each with the facts a shopper needs before binding. */
export const BankPicker = forwardRef<HTMLFieldSetElement, BankPickerProps>(function BankPicker(props, ref) {
  if (props.banks) return <BankPickerView {...props} banks={props.banks} ref={ref} status="ready" />;
  return <BankPickerFetched {...props} ref={ref} />;
});

const BankPickerFetched = forwardRef<HTMLFieldSetElement, BankPickerProps>(
  function BankPickerFetched(props, ref) {
    const banks = useBanks();
    if (banks.status === 'ready')
      return <BankPickerView {...props} banks={banks.data} ref={ref} status="ready" />;
    return <BankPickerView {...props} banks={[]} ref={ref} status={banks.status} onRetry={banks.refetch} />;
  },
);

interface ViewProps extends BankPickerProps {
  banks: BankView[];
  status: 'loading' | 'error' | 'ready';
  onRetry?: () => void;
}

function facts(t: Words, bank: BankView, locale: 'id' | 'en') {
  return [
    {
      term: t.banks.paymentOtp,
      value:
        bank.paymentOtp === 'always' || bank.paymentOtpThreshold == null
          ? t.banks.otpAlways
          : t.banks.otpAbove(formatIdr(bank.paymentOtpThreshold, locale)),
    },
    {
      term: t.banks.unbindingOtp,
      value: bank.unbindingOtp ? t.banks.unbindingOtpYes : t.banks.unbindingOtpNo,
    },
    { term: t.banks.rebindingLabel, value: t.banks.rebinding[bank.rebinding] },
  ];
}

const BankPickerView = forwardRef<HTMLFieldSetElement, ViewProps>(function BankPickerView(
  { value, onChange, name, banks, legend, error, status, onRetry },
  ref,
) {
  const { t, locale } = useMessagesOf('BankPicker', WORDS);
  const autoName = useId();
  const groupName = name ?? `ayo-bank-${autoName}`;
  const errorId = `${autoName}-error`;
  const [selected, setSelected] = useControllableState<BankCode | null>(value, null, (code) => {
    if (code) onChange?.(code);
  });
  const state = status === 'ready' ? (selected ? 'selected' : 'idle') : status;
  const announcement =
    status === 'loading' ? t.banks.loading : status === 'ready' ? t.banks.loaded(banks.length) : '';

  return (
    <AyoRoot component="bank-picker" state={state} aria-busy={status === 'loading' || undefined}>
      <LiveRegion message={announcement} />
      <fieldset ref={ref} className="ayo-bank-picker__group" aria-describedby={error ? errorId : undefined}>
        <legend className="ayo-bank-picker__legend">{legend ?? t.banks.legend}</legend>
        {status === 'loading' && <p className="ayo-muted">{t.banks.loading}</p>}
        {status === 'error' && (
          <div role="alert" className="ayo-alert ayo-alert--danger">
            <p>{t.banks.loadError}</p>
            {onRetry && (
              <button type="button" className="ayo-button ayo-button--secondary" onClick={onRetry}>
                {t.common.retry}
              </button>
            )}
          </div>
        )}
        {error && (
          <p id={errorId} role="alert" className="ayo-field-error">
            {error}
          </p>
        )}
        {status === 'ready' && (
          <ul className="ayo-bank-picker__options">
            {banks.map((bank) => {
              const inputId = `${autoName}-${bank.code}`;
              const factsId = `${inputId}-facts`;
              const reasonId = `${inputId}-reason`;
              const checked = selected === bank.code;
              const disabled = !bank.available;
              return (
                <li
                  key={bank.code}
                  className="ayo-bank-picker__option"
                  data-state={checked ? 'checked' : 'unchecked'}
                  data-disabled={disabled ? '' : undefined}
                >
                  <input
                    type="radio"
                    id={inputId}
                    className="ayo-bank-picker__radio"
                    name={groupName}
                    value={bank.code}
                    checked={checked}
                    disabled={disabled}
                    aria-describedby={disabled ? `${reasonId} ${factsId}` : factsId}
                    onChange={() => setSelected(bank.code)}
                  />
                  <label htmlFor={inputId} className="ayo-bank-picker__label">
                    <BankMark code={bank.code} />
                    <span className="ayo-bank-picker__name">
                      <span className="ayo-bank-picker__short">{bank.shortName}</span>{' '}
                      <span className="ayo-bank-picker__full">{bank.name}</span>
                    </span>
                  </label>
                  <dl className="ayo-bank-picker__facts" id={factsId}>
                    {facts(t, bank, locale).map((f) => (
                      <div key={f.term} className="ayo-bank-picker__fact">
                        <dt>{f.term}:</dt> <dd>{f.value}</dd>
                      </div>
                    ))}
                  </dl>
                  {disabled && (
                    <p id={reasonId} className="ayo-bank-picker__reason">
                      {bank.unavailableReason
                        ? t.banks.unavailable[bank.unavailableReason]
                        : t.errors.REBINDING_NOT_ALLOWED}
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </fieldset>
    </AyoRoot>
  );
});
