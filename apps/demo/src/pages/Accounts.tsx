import type { Locale } from '@ayokit/core';
import { BindAccount, SavedCardList } from '@ayokit/react';
import { useState } from 'react';
import { STRINGS } from '../strings';

type Mode = 'popup' | 'iframe' | 'redirect';

export function Accounts({ locale }: { locale: Locale }) {
  const t = STRINGS[locale];
  const [mode, setMode] = useState<Mode>(
    () => (sessionStorage.getItem('demo:bindMode') as Mode | null) ?? 'iframe',
  );
  const [bindKey, setBindKey] = useState(0);
  return (
    <div className="demo__accounts">
      <h1>{t.accounts}</h1>
      <h2>{t.yourAccounts}</h2>
      <SavedCardList allowRemove allowSetDefault />
      <section aria-labelledby="bind-title">
        <h2 id="bind-title">{t.bindTitle}</h2>
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
                }}
              />{' '}
              {t.modes[m]}
            </label>
          ))}
        </fieldset>
        <BindAccount key={`${mode}-${bindKey}`} mode={mode} onBound={() => undefined} />
      </section>
    </div>
  );
}
