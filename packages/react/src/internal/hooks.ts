import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';

/** Controlled when `value` is given, uncontrolled otherwise (Radix's useControllableState). */
export function useControllableState<T>(
  value: T | undefined,
  defaultValue: T,
  onChange?: (next: T) => void,
): [T, (next: T) => void] {
  const [own, setOwn] = useState(defaultValue);
  const controlled = value !== undefined;
  const current = controlled ? value : own;
  const set = useCallback(
    (next: T) => {
      if (!controlled) setOwn(next);
      onChange?.(next);
    },
    [controlled, onChange],
  );
  return [current, set];
}

/**
 * Moves focus to `ref` when `key` changes after the first render: when a step replaces the
 * control that had focus, focus goes to the new step's heading instead of being lost.
 */
export function useFocusOnChange(key: string, ref: RefObject<HTMLElement | null>) {
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the step (key) changes
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const active = typeof document === 'undefined' ? null : document.activeElement;
    // Only take focus when it was lost (on <body>) or sat inside this component's previous step.
    if (active?.closest('[role="dialog"]')) return;
    if (!active || active === document.body || ref.current?.closest('.ayo-root')?.contains(active)) {
      ref.current?.focus();
    }
  }, [key, ref]);
}

/** Calls `fn` once per distinct `key` (e.g. onBound for one binding id), never twice. */
export function useOnce(key: string | null, fn: () => void) {
  const done = useRef<string | null>(null);
  const latest = useRef(fn);
  latest.current = fn;
  useEffect(() => {
    if (key && done.current !== key) {
      done.current = key;
      latest.current();
    }
  }, [key]);
}

/** `status` of a flow in kebab-case for data-state: `requiresOtp` → `requires-otp`. */
export function kebab(s: string): string {
  return s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/**
 * Focus moves to the first error after a submit: call `armed()` when submitting; the next time
 * `error` is set (and the target is enabled), focus goes to `ref`.
 */
export function useFocusErrorAfterSubmit<T extends HTMLElement>(error: unknown) {
  const ref = useRef<T>(null);
  const armed = useRef(false);
  useEffect(() => {
    if (!armed.current || !error) return;
    const el = ref.current;
    if (el && !(el as unknown as { disabled?: boolean }).disabled) {
      armed.current = false;
      el.focus();
    }
  });
  return {
    ref,
    arm: () => {
      armed.current = true;
    },
  };
}
