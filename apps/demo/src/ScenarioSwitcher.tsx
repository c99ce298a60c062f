import type { Locale } from '@ayokit/core';
import { useState } from 'react';
import { backend } from './backend';
import { problemText } from './problem';
import { STRINGS, type Strings } from './strings';

type Action = [label: string, path: string, body: unknown];

/** The sandbox's fault names: `card.charge` covers a card payment, a hold and its capture. */
function groups(t: Strings): [title: string, actions: Action[]][] {
  return [
    [
      t.scenariosBank,
      [
        [t.faultLostCallback, 'faults', { target: 'callbacks', action: 'drop', type: 'payment', count: 1 }],
        [t.faultSlowBank, 'faults', { target: 'bank', action: 'slow', settleSeconds: 60, count: 1 }],
        [t.faultBank5xx, 'faults', { target: 'endpoint', endpoint: 'payment', action: 'error', count: 1 }],
        [
          t.faultTimeout,
          'faults',
          { target: 'endpoint', endpoint: 'payment', action: 'gatewayTimeout', count: 1 },
        ],
      ],
    ],
    [
      t.scenariosCards,
      [
        [
          t.faultCardLostCallback,
          'faults',
          { target: 'callbacks', action: 'drop', type: 'card_payment', count: 1 },
        ],
        [
          t.faultCard5xx,
          'faults',
          { target: 'endpoint', endpoint: 'card.charge', action: 'error', count: 1 },
        ],
        [
          t.faultCardTimeout,
          'faults',
          { target: 'endpoint', endpoint: 'card.charge', action: 'gatewayTimeout', count: 1 },
        ],
      ],
    ],
    [
      t.scenariosClock,
      [
        [t.advanceDay, 'clock/advance', { seconds: 86_400 }],
        [t.advanceMonths, 'clock/advance', { seconds: 40 * 86_400 }],
      ],
    ],
  ];
}

/** Drives the sandbox's faults and clock so failures can be shown on purpose. */
export function ScenarioSwitcher({ locale }: { locale: Locale }) {
  const t = STRINGS[locale];
  const [message, setMessage] = useState('');
  const act = (label: string, path: string, body?: unknown) => async () => {
    setMessage('');
    try {
      await backend.sandbox(path, body);
      setMessage(`${t.done}: ${label}`);
    } catch (err) {
      setMessage(problemText(t, t.failedAction, err));
    }
  };
  const button = (label: string, path: string, body?: unknown) => (
    <button type="button" className="demo__button demo__button--secondary" onClick={act(label, path, body)}>
      {label}
    </button>
  );
  return (
    <aside className="demo__scenarios" aria-labelledby="scenarios-title">
      <h2 id="scenarios-title">{t.scenarios}</h2>
      <p>{t.scenariosHelp}</p>
      {groups(t).map(([title, actions], i) => (
        <section key={title} aria-labelledby={`scenarios-${i}`}>
          <h3 id={`scenarios-${i}`}>{title}</h3>
          <ul>
            {actions.map(([label, path, body]) => (
              <li key={label}>{button(label, path, body)}</li>
            ))}
          </ul>
        </section>
      ))}
      <p className="demo__muted">{t.holdsHint}</p>
      {button(t.clearFaults, 'faults')}
      <p role="status" className="demo__message">
        {message}
      </p>
      <section aria-labelledby="test-cards-title" className="demo__test-cards">
        <h3 id="test-cards-title">{t.testCards}</h3>
        <p className="demo__muted">{t.testCardsHelp}</p>
        <dl>
          {t.testCardRows.map(([number, what]) => (
            <div key={number}>
              <dt>
                <code>{number}</code>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
      </section>
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
