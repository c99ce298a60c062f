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

// Dictionaries whose built-in entries are only some of the keys an override may give.
const PARTIAL = ['card.declines'];

const warned = new Set<string>();
function warn(at: string, problem: string) {
  let dev: boolean;
  try {
    dev = process.env.NODE_ENV !== 'production';
  } catch {
    dev = false; // no bundler replaced it and there is no `process`: a browser without a build step
  }
  if (!dev || warned.has(at)) return;
  warned.add(at);
  console.warn(`@ayokit/react: messages${at && `.${at}`} ${problem}; the built-in words are used instead.`);
}

/** A shop's function, kept from crashing a render: a throw or a non-string gives the built-in words. */
const guarded =
  (own: (...args: unknown[]) => unknown, builtIn: (...args: unknown[]) => string, at: string) =>
  (...args: unknown[]): string => {
    try {
      const text = own(...args);
      if (typeof text === 'string') return text;
    } catch {}
    warn(at, 'must return a string without throwing');
    return builtIn(...args);
  };

/**
 * The built-in dictionary with the overrides on top, entry by entry. What does not fit the
 * built-in entry (a number for a string, a string for a function, a key that does not exist) is
 * left out with a warning in development, never thrown.
 */
function merge(builtIn: Dictionary, own: unknown, path: string, at: string): Dictionary {
  if (!isDictionary(own)) {
    warn(at, 'must be an object');
    return builtIn;
  }
  const out = { ...builtIn };
  for (const [key, value] of Object.entries(own)) {
    const base = builtIn[key];
    const where = `${at}.${key}`;
    if (value === undefined) continue;
    if (typeof base === 'function') {
      if (typeof value === 'function') out[key] = guarded(value as never, base as never, where);
      else warn(where, 'must be a function');
    } else if (typeof base === 'string' || (base === undefined && PARTIAL.includes(path))) {
      if (typeof value === 'string') out[key] = value;
      else warn(where, 'must be a string');
    } else if (isDictionary(base)) out[key] = merge(base, value, path ? `${path}.${key}` : key, where);
    else warn(where, 'is not a message');
  }
  return out;
}

// Per overrides object, its merged dictionary per locale: every component shares one, and it
// stays the same object across renders while the provider's `messages` does.
const cache = new WeakMap<object, Partial<Record<Locale, unknown>>>();

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
    warn('', 'must be an object of locales');
    return builtIn;
  }
  let merged = cache.get(overrides);
  if (!merged) {
    for (const key of Object.keys(overrides))
      if (!Object.hasOwn(dictionaries, key)) warn(key, 'is not a locale');
    merged = {};
    cache.set(overrides, merged);
  }
  if (!(locale in merged))
    merged[locale] =
      overrides[locale] == null ? builtIn : merge(builtIn as Dictionary, overrides[locale], '', locale);
  return merged[locale] as T;
}
