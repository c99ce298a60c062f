import {
  AyoProvider as HooksAyoProvider,
  type AyoProviderProps as HooksAyoProviderProps,
} from '@ayokit/hooks';
import type { ReactElement } from 'react';
import type { AyoMessageOverrides } from './i18n';

export interface AyoProviderProps extends Omit<HooksAyoProviderProps, 'messages'> {
  /**
   * Your words over the components' own, per locale, merged entry by entry (Adyen's
   * `customTranslations`): `{ en: { savedCards: { legend: { cards: 'Your cards' } } } }`. An entry
   * that interpolates is a function of the same arguments. Give a stable object (a module
   * constant, or `useMemo`): a new one re-merges and re-renders every component.
   */
  messages?: AyoMessageOverrides;
}

/**
 * The provider of `@ayokit/hooks` itself (one component, one context), with `messages` typed
 * against this package's dictionary.
 */
export const AyoProvider: (props: AyoProviderProps) => ReactElement = HooksAyoProvider;
