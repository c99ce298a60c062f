import type { Locale } from '@ayokit/core';

/**
 * Some of a dictionary, at any depth: a string where it has a string, a function of the same
 * arguments where it has one (`(amount: string) => string`), an object where it has one.
 */
export type PartialMessages<T> = {
  [K in keyof T]?: NonNullable<T[K]> extends string
    ? string
    : NonNullable<T[K]> extends (...args: infer A) => string
      ? (...args: A) => string
      : PartialMessages<T[K]>;
};

/** A dictionary's overrides per locale: `{ en: { savedCards: { empty: { cards: 'No cards' } } } }`. */
export type MessageOverrides<T> = { [L in Locale]?: PartialMessages<T> };

type Dictionary = { [key: string]: unknown };

const isDictionary = (v: unknown): v is Dictionary =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const warned = new Set<string>();
/**
 * Once per entry, in development: `messages.en.common.retry: expected string`. Production builds
 * drop it (every bundler that builds React replaces `process.env.NODE_ENV`, as React reads it too).
 */
function warn(at: string, problem: string) {
  if (process.env.NODE_ENV !== 'production' && !warned.has(at)) {
    warned.add(at);
    console.warn(`@ayokit/react: messages${at}: ${problem}; the built-in words are used instead.`);
  }
}

/** A shop's function, kept from crashing a render: a throw or a non-string gives the built-in words. */
const guarded =
  (own: (...args: unknown[]) => unknown, builtIn: (...args: unknown[]) => string, at: string) =>
  (...args: unknown[]): string => {
    try {
      const text = own(...args);
      if (typeof text === 'string') return text;
    } catch {}
    warn(at, 'expected a function that returns a string');
    return builtIn(...args);
  };

/**
 * The built-in dictionary with the overrides on top, entry by entry. What does not fit the
 * built-in entry (a number for a string, a string for a function, a key that does not exist) is
 * left out with a warning in development, never thrown.
 */
function merge(builtIn: Dictionary, own: Dictionary, at: string): Dictionary {
  const out = { ...builtIn };
  for (const [key, value] of Object.entries(own)) {
    const base = builtIn[key];
    const where = `${at}.${key}`;
    // A card's declines are some of the error codes: a code it leaves to `errors` may be given.
    const kind = base === undefined && at.endsWith('.card.declines') ? 'string' : typeof base;
    if (value === undefined) continue;
    if (kind === 'undefined') warn(where, 'not in the dictionary');
    else if (typeof value !== kind || (kind === 'object' && !isDictionary(value)))
      warn(where, `expected ${kind}`);
    else
      out[key] =
        kind === 'function'
          ? guarded(value as never, base as never, where)
          : kind === 'object'
            ? merge(base as Dictionary, value as Dictionary, where)
            : value;
  }
  return out;
}

// Per overrides object, its merged dictionaries (one per locale): every component shares one, and it
// stays the same object across renders while the provider's `messages` does.
const cache = new WeakMap<object, Dictionary>();

/**
 * The dictionary of `locale` with the provider's `messages` on top (unchecked: they may come
 * from JavaScript).
 */
export function withOverrides<T extends object>(
  dictionaries: Record<Locale, T>,
  locale: Locale,
  overrides: unknown,
): T {
  const builtIn = dictionaries[locale] ?? dictionaries.id;
  if (overrides == null) return builtIn;
  if (!isDictionary(overrides)) {
    warn('', 'expected an object of locales (id, en)');
    return builtIn;
  }
  let merged = cache.get(overrides);
  if (!merged) {
    // Every locale at once, as the dictionaries' overrides: one warning per wrong entry, whichever
    // locale shows first.
    merged = merge(dictionaries as never, overrides, '');
    cache.set(overrides, merged);
  }
  return (merged[locale] ?? builtIn) as T;
}
