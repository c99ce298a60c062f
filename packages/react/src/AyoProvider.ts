import {
  AyoProvider as HooksAyoProvider,
  type AyoProviderProps as HooksAyoProviderProps,
} from '@ayokit/hooks';
import type { ReactElement } from 'react';
import type { AyoMessageOverrides, AyoTranslations } from './i18n';

export interface AyoProviderProps extends Omit<HooksAyoProviderProps, 'messages' | 'translations'> {
  /**
   * The components' words in the locales beyond the built-in Indonesian (`id`, the default), one
   * import each, so a page pays only for the languages it shows:
   * `import { en } from '@ayokit/react/locales/en'`, then `translations={{ en }}` with any
   * `locale`. Without it, `locale="en"` shows the words in Indonesian (and warns in development).
   * Give a stable object (a module constant), as for `messages`.
   */
  translations?: AyoTranslations;
  /**
   * Your words over the components' own (the built-in or `translations` dictionary of each
   * locale), merged entry by entry (Adyen's `customTranslations`): `{ en: { savedCards: { legend: { cards: 'Your cards' } } } }`. An entry
   * that interpolates is a function of the same arguments. Give a stable object (a module
   * constant, or `useMemo`): a new one re-merges and re-renders every component.
   */
  messages?: AyoMessageOverrides;
}

/**
 * The provider of `@ayokit/hooks` itself (one component, one context), with `messages` and
 * `translations` typed against this package's dictionary.
 */
export const AyoProvider: (props: AyoProviderProps) => ReactElement = HooksAyoProvider;
