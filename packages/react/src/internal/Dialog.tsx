import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef } from 'react';

export interface DialogProps {
  title: string;
  onClose: () => void;
  closeLabel: string;
  children: ReactNode;
  className?: string;
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), iframe, [tabindex]:not([tabindex="-1"]):not([data-ayo-guard])';

/**
 * A modal dialog (APG dialog pattern): titled, focus kept inside (a framed page included), Escape
 * closes, and focus goes back to where it was when it closes.
 */
export function Dialog({ title, onClose, closeLabel, children, className }: DialogProps) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    ref.current?.focus();
    return () => {
      if (previous && previous !== document.body && previous.isConnected) previous.focus();
    };
  }, []);
  const items = () => [...(ref.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onClose();
      return;
    }
    if (e.key !== 'Tab' || !ref.current) return;
    const all = items();
    const first = all[0];
    const last = all[all.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && (document.activeElement === first || document.activeElement === ref.current)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };
  return (
    <div className="ayo-dialog__backdrop">
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        className={`ayo-dialog${className ? ` ${className}` : ''}`}
        onKeyDown={onKeyDown}
      >
        <div className="ayo-dialog__header">
          <h2 id={titleId} className="ayo-dialog__title">
            {title}
          </h2>
          <button
            type="button"
            className="ayo-button ayo-button--secondary ayo-button--small"
            onClick={onClose}
          >
            {closeLabel}
          </button>
        </div>
        {children}
        {/* Tab from the last place inside a framed page (its keys stay in its own document) lands
            here, and goes round to the dialog's first control instead of the page behind it. */}
        {/* biome-ignore lint/a11y/noStaticElementInteractions lint/a11y/noNoninteractiveTabindex: a focus guard, never focused for long */}
        <span data-ayo-guard tabIndex={0} onFocus={() => items()[0]?.focus()} />
      </div>
    </div>
  );
}
