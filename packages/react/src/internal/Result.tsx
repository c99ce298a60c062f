import type { ReactNode } from 'react';

export interface ResultAction {
  label: string;
  onClick: () => void;
  primary?: boolean;
}

/** An outcome panel: success, warning or danger, its heading, details and the next actions. */
export function Result(p: {
  tone: 'success' | 'warning' | 'danger';
  title: ReactNode;
  children?: ReactNode;
  actions?: ResultAction[];
}) {
  return (
    <div className={`ayo-result ayo-result--${p.tone}`}>
      {p.tone === 'success' && (
        <span className="ayo-result__icon" aria-hidden="true">
          ✓
        </span>
      )}
      {p.title}
      {p.children}
      {p.actions && p.actions.length > 0 && (
        <div className="ayo-actions">
          {p.actions.map((a) => (
            <button
              key={a.label}
              type="button"
              className={`ayo-button ${a.primary ? 'ayo-button--primary' : 'ayo-button--secondary'}`}
              onClick={a.onClick}
            >
              {a.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
