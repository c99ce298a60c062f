import type { Locale } from '@ayokit/core';
import { useNow } from '@ayokit/hooks';
import { useEffect, useState } from 'react';

/** Whole seconds until `until` (epoch ms or ISO string) on the provider's clock; ticks every second, never negative. */
export function useCountdown(until: string | number | null | undefined): number | null {
  const now = useNow();
  const target = until == null ? null : typeof until === 'number' ? until : Date.parse(until);
  const compute = () =>
    target == null || Number.isNaN(target) ? null : Math.max(0, Math.ceil((target - now()) / 1000));
  const [left, setLeft] = useState(compute);
  // biome-ignore lint/correctness/useExhaustiveDependencies: compute only reads target
  useEffect(() => {
    setLeft(compute());
    if (target == null || Number.isNaN(target)) return;
    const timer = setInterval(() => {
      const next = compute();
      setLeft(next);
      if (next === 0) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [target]);
  return left;
}

/** 125 → "2:05". */
export function formatClock(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

const dateFormatters = new Map<Locale, Intl.DateTimeFormat>();

/** Dates in Jakarta time, in the reader's language: "3 Nov 2026, 14.05". */
export function formatDate(iso: string, locale: Locale): string {
  let f = dateFormatters.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Asia/Jakarta',
    });
    dateFormatters.set(locale, f);
  }
  return f.format(new Date(iso));
}

/** A card's expiry as printed on it: 12/30. */
export function formatCardExpiry(month: number, year: number): string {
  return `${String(month).padStart(2, '0')}/${String(year % 100).padStart(2, '0')}`;
}
