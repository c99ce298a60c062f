import type { Locale } from '@ayokit/core';
import { useState } from 'react';
import { backend } from './backend';
import { STRINGS } from './strings';

/** Drives the sandbox's faults and clock so failures can be shown on purpose. */
export function ScenarioSwitcher({ locale }: { locale: Locale }) {
  const t = STRINGS[locale];
  const [message, setMessage] = useState('');
  const act = (label: string, path: string, body?: unknown) => async () => {
    try {
      await backend.sandbox(path, body);
      setMessage(`${t.done}: ${label}`);
    } catch (err) {
      setMessage(`${t.failedAction}: ${(err as Error).message}`);
    }
  };
  const actions: [string, string, unknown][] = [
    [t.faultLostCallback, 'faults', { target: 'callbacks', action: 'drop', type: 'payment', count: 1 }],
    [t.faultSlowBank, 'faults', { target: 'bank', action: 'slow', settleSeconds: 60, count: 1 }],
    [t.faultBank5xx, 'faults', { target: 'endpoint', endpoint: 'payment', action: 'error', count: 1 }],
    [
      t.faultTimeout,
      'faults',
      { target: 'endpoint', endpoint: 'payment', action: 'gatewayTimeout', count: 1 },
    ],
    [t.advanceDay, 'clock/advance', { seconds: 86_400 }],
    [t.advanceMonths, 'clock/advance', { seconds: 40 * 86_400 }],
  ];
  return (
    <aside className="demo__scenarios" aria-labelledby="scenarios-title">
      <h2 id="scenarios-title">{t.scenarios}</h2>
      <p>{t.scenariosHelp}</p>
      <ul>
        {actions.map(([label, path, body]) => (
          <li key={label}>
            <button
              type="button"
              className="demo__button demo__button--secondary"
              onClick={act(label, path, body)}
            >
              {label}
            </button>
          </li>
        ))}
        <li>
          <button
            type="button"
            className="demo__button demo__button--secondary"
            onClick={act(t.clearFaults, 'faults')}
          >
            {t.clearFaults}
          </button>
        </li>
      </ul>
      <p role="status" className="demo__message">
        {message}
      </p>
      <details>
        <summary>{t.testData}</summary>
        <ul>
          {t.testDataRows.map((row) => (
            <li key={row}>{row}</li>
          ))}
        </ul>
      </details>
    </aside>
  );
}
