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

/** Whole dictionaries per locale, beyond the built-in one: `{ en }` from `@ayokit/react/locales/en`. */
export type Translations<T> = { [L in Locale]?: T };

type Dictionary = { [key: string]: unknown };

const isDictionary = (v: unknown): v is Dictionary =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const warned = new Set<string>();
/**
 * Once per entry, in development: `messages.en.common.retry: expected string`. Production builds
 * drop it (every bundler that builds React replaces `process.env.NODE_ENV`, as React reads it too).
 */
function warn(
  at: string,
  problem: string,
  prop = 'messages',
  instead = 'the built-in words are used instead',
) {
  // All inside the test: in production the function is empty, and a bundler drops its calls with
  // their words.
  if (process.env.NODE_ENV !== 'production') {
    const text = `@ayokit/react: ${prop}${at}: ${problem}; ${instead}.`;
    if (!warned.has(text)) {
      warned.add(text);
      console.warn(text);
    }
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
function merge(builtIn: Dictionary, own: Dictionary, at: string, parts?: ReadonlySet<string>): Dictionary {
  const out = { ...builtIn };
  // A locale's dictionary (one level down) may hold some of the parts only: the words of the
  // components that use it. An override of another part is theirs to merge (and check).
  const locale = at !== '' && !at.slice(1).includes('.');
  for (const [key, value] of Object.entries(own)) {
    const base = builtIn[key];
    const where = `${at}.${key}`;
    if (base === undefined && locale && parts?.has(key)) continue;
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
            ? merge(base as Dictionary, value as Dictionary, where, parts)
            : value;
  }
  return out;
}

// Per translations object, the dictionaries (built-in and given); per overrides object and those,
// the merged dictionaries (one per locale): every component shares them, and they stay the same
// objects across renders while the provider's `translations` and `messages` do.
const withTranslations = new WeakMap<object, WeakMap<object, Dictionary>>();
const cache = new WeakMap<object, WeakMap<Dictionary, Dictionary>>();

/**
 * The dictionary of `locale` (the provider's `translations` for it, else the built-in one), with
 * the provider's `messages` on top (both unchecked: they may come from JavaScript). A locale with
 * no dictionary shows the default one (`id`), with a warning in development. `parts`: the names
 * of the dictionary's parts, when the built-in one holds only some of them.
 */
export function withOverrides<T extends object>(
  builtIn: { id: T },
  locale: Locale,
  translations: unknown,
  overrides: unknown,
  parts?: ReadonlySet<string>,
): T {
  let dictionaries = builtIn as Dictionary;
  if (translations != null && !isDictionary(translations))
    warn('', 'expected an object of locales, e.g. { en }', 'translations', 'they are left out');
  else if (translations != null) {
    let byBuiltIn = withTranslations.get(translations);
    if (!byBuiltIn) {
      byBuiltIn = new WeakMap();
      withTranslations.set(translations, byBuiltIn);
    }
    let all = byBuiltIn.get(builtIn);
    if (!all) {
      all = { ...builtIn };
      for (const [l, d] of Object.entries(translations))
        if (isDictionary(d)) all[l] = d;
        else if (d !== undefined) warn(`.${l}`, 'expected a dictionary', 'translations', 'it is left out');
      byBuiltIn.set(builtIn, all);
    }
    dictionaries = all;
  }
  let own = dictionaries[locale] as T | undefined;
  if (!own) {
    warn(
      `.${locale}`,
      `no dictionary for the locale "${locale}": import { ${locale} } from '@ayokit/react/locales/${locale}' and give <AyoProvider translations={{ ${locale} }}>`,
      'translations',
      'the words are shown in Bahasa Indonesia',
    );
    own = builtIn.id;
  }
  if (overrides == null) return own;
  if (!isDictionary(overrides)) {
    warn('', 'expected an object of locales (id, en)');
    return own;
  }
  let byDictionaries = cache.get(overrides);
  if (!byDictionaries) {
    byDictionaries = new WeakMap();
    cache.set(overrides, byDictionaries);
  }
  let merged = byDictionaries.get(dictionaries);
  if (!merged) {
    // Every locale at once, as the dictionaries' overrides: one warning per wrong entry, whichever
    // locale shows first.
    merged = merge(dictionaries, overrides, '', parts);
    byDictionaries.set(dictionaries, merged);
  }
  return (merged[locale] ?? own) as T;
}
