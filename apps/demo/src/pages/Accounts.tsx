import type { Locale } from '@ayokit/core';
import { AddCard, BindAccount, SavedCardList } from '@ayokit/react';
import { useState } from 'react';
import { STRINGS } from '../strings';

type Mode = 'popup' | 'iframe' | 'redirect';

/** Saved payment methods: cards and bank accounts in one list; add a card or link an account. */
export function Accounts({ locale }: { locale: Locale }) {
  const t = STRINGS[locale];
  const [mode, setMode] = useState<Mode>(
    () => (sessionStorage.getItem('demo:bindMode') as Mode | null) ?? 'iframe',
  );
  const [bindKey, setBindKey] = useState(0);
  const [cardKey, setCardKey] = useState(0);
  const [cardAdded, setCardAdded] = useState(false);
  return (
    <div className="demo__accounts">
      <h1>{t.accounts}</h1>
      <section aria-labelledby="methods-title" className="demo__panel demo__methods">
        <h2 id="methods-title">{t.yourAccounts}</h2>
        <SavedCardList allowRemove allowSetDefault legend={t.savedList} />
      </section>
      <fieldset className="demo__modes">
        <legend>{t.bindMode}</legend>
        {(['popup', 'iframe', 'redirect'] as const).map((m) => (
          <label key={m}>
            <input
              type="radio"
              name="bind-mode"
              value={m}
              checked={mode === m}
              onChange={() => {
                setMode(m);
                sessionStorage.setItem('demo:bindMode', m);
                setBindKey((k) => k + 1);
                setCardKey((k) => k + 1);
                setCardAdded(false);
              }}
            />{' '}
            {t.modes[m]}
          </label>
        ))}
      </fieldset>
      <div className="demo__add-methods">
        {/* Each component brings its own heading, which follows the flow's steps. */}
        <div className="demo__panel">
          <AddCard key={`${mode}-${cardKey}`} mode={mode} onAdded={() => setCardAdded(true)} />
          {cardAdded ? (
            <button
              type="button"
              className="demo__button demo__button--secondary demo__another"
              onClick={() => {
                setCardAdded(false);
                setCardKey((k) => k + 1);
              }}
            >
              {t.addAnotherCard}
            </button>
          ) : null}
        </div>
        <div className="demo__panel">
          <BindAccount key={`${mode}-${bindKey}`} mode={mode} onBound={() => undefined} />
        </div>
      </div>
    </div>
  );
}
