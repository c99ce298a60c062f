import type { Locale } from '@ayokit/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { Audience, AyoApi } from './api';
import { isRetryableTransport, toFlowError } from './flows/errors';
import { HttpAyoClient } from './http';
import { LiveHub } from './live';

/** Stripe-style appearance: a theme, then variables, then per-class rules (applied by @ayokit/react). */
export interface Appearance {
  theme?: 'light' | 'dark';
  /** CSS custom properties without the `--ayo-` prefix, e.g. `{ colorPrimary: '#0a58ca', radius: '12px' }`. */
  variables?: Record<string, string>;
  /** Extra CSS per stable class name, e.g. `{ '.ayo-button': 'text-transform: uppercase' }`. */
  rules?: Record<string, string>;
}

export interface AyoContextValue {
  api: AyoApi;
  live: LiveHub;
  locale: Locale;
  appearance: Appearance;
  /** The provider's clock (epoch ms): see `AyoProviderProps.now`. */
  now: () => number;
  audience: Audience;
  /** The provider's `messages`, as given: @ayokit/react reads and checks them. */
  messages: unknown;
  /** The provider's `translations`, as given: @ayokit/react reads and checks them. */
  translations: unknown;
}

const AyoContext = createContext<AyoContextValue | null>(null);

export interface AyoProviderProps {
  /** Where the proxy is mounted (default `/ayokit`). Ignored when `client` is given. */
  baseUrl?: string;
  /** A ready client (tests, Storybook: `createMemoryClient()`). */
  client?: AyoApi;
  /** `include` when the proxy is on another origin and needs cookies. */
  credentials?: RequestCredentials;
  /**
   * The language of dates, amounts and what the bank's page is asked for (default `id`). The words
   * of @ayokit/react's components in a locale other than Indonesian come from `translations`.
   */
  locale?: Locale;
  appearance?: Appearance;
  /**
   * Who the hooks act for (default `shopper`). `staff`: the merchant's back office, authorised by
   * the proxy's `authorizeStaff`: payments are read from `/ayokit/staff/v1` (polled; staff have no
   * live stream), and useRefund, usePaymentActions and PaymentStatus's refund, capture and void
   * work. In a shopper's page those refuse with an error that says so.
   */
  audience?: Audience;
  /** Share your app's TanStack QueryClient; one is created otherwise. */
  queryClient?: QueryClient;
  /**
   * How long a payment, refund or unbinding waits for the bank before it shows "still processing"
   * (default 2 minutes; 5 for refunds). The wait goes on in the background tab; this only bounds it.
   */
  waitLimitMs?: number;
  /**
   * The clock (epoch ms) every date shown or compared and every wait is measured on: expiry badges,
   * countdowns, resend rules, deadlines. Default `Date.now`; tests and stories give a fixed one.
   */
  now?: () => number;
  /**
   * Your own words for @ayokit/react's components, per locale, merged over its dictionary; the
   * hooks do not read them. Typed there: use the `AyoProvider` of `@ayokit/react` (the same
   * component) to have them checked against `AyoMessages`.
   */
  messages?: unknown;
  /**
   * Whole dictionaries for @ayokit/react's components beyond the built-in Indonesian, e.g.
   * `{ en }` from `@ayokit/react/locales/en`; the hooks do not read them. Typed there, like
   * `messages`.
   */
  translations?: unknown;
  children: ReactNode;
}

/**
 * A prop the provider cannot work with is a mistake in the app, said when it renders (in
 * development), naming the prop: not a locale the proxy refuses at the first binding, an audience
 * read as a shopper's, or a relative URL resolved against whatever page the app is on.
 */
type Rule = [prop: keyof AyoProviderProps, ok: (value: never) => boolean, rule: string];
const PROP_RULES: Rule[] = [
  ['locale', (v) => v === 'id' || v === 'en', '"id" or "en"'],
  ['audience', (v) => v === 'shopper' || v === 'staff', '"shopper" or "staff"'],
  [
    'baseUrl',
    (v: unknown) => typeof v === 'string' && /^(?:\/(?!\/)|https?:\/\/[^/])/i.test(v),
    'a path from the site root ("/ayokit") or an http(s) URL',
  ],
  [
    'credentials',
    (v) => v === 'omit' || v === 'same-origin' || v === 'include',
    '"omit", "same-origin" or "include"',
  ],
  [
    'waitLimitMs',
    (v: unknown) => typeof v === 'number' && v > 0 && v < Infinity,
    'a positive number of milliseconds',
  ],
  ['now', (v) => typeof v === 'function', 'a function returning epoch ms'],
];
function checkProviderProps(props: AyoProviderProps): void {
  for (const [prop, ok, rule] of PROP_RULES) {
    const value = props[prop];
    if (value !== undefined && !ok(value as never))
      throw new TypeError(
        `<AyoProvider ${prop}>: must be ${rule} (got ${JSON.stringify(value) ?? String(value)})`,
      );
  }
}

export function AyoProvider(props: AyoProviderProps) {
  // In development, as React checks its own: a production build drops the check and its words.
  if (process.env.NODE_ENV !== 'production') checkProviderProps(props);
  const {
    baseUrl = '/ayokit',
    client,
    credentials,
    locale = 'id',
    appearance,
    queryClient,
    waitLimitMs,
    now = Date.now,
    audience = 'shopper',
    messages,
    translations,
    children,
  } = props;
  // One stable clock function for the provider's life, reading the latest `now` prop.
  const clockRef = useRef(now);
  clockRef.current = now;
  const [clock] = useState(() => () => clockRef.current());
  const api = useMemo<AyoApi>(
    () => client ?? new HttpAyoClient({ baseUrl, ...(credentials ? { credentials } : {}) }),
    [client, baseUrl, credentials],
  );
  // The live stream is the shopper's own (`/ayokit/v1/events`); staff poll.
  const live = useMemo(
    () => new LiveHub(api, waitLimitMs ?? null, clock, audience === 'shopper'),
    [api, waitLimitMs, clock, audience],
  );
  const [ownQueryClient] = useState(
    () =>
      queryClient ??
      new QueryClient({
        // One retry when the answer was lost; a NOT_FOUND or FORBIDDEN says the same the second time.
        defaultOptions: { queries: { retry: (n, err) => n < 1 && isRetryableTransport(toFlowError(err)) } },
      }),
  );
  const value = useMemo<AyoContextValue>(
    () => ({ api, live, locale, appearance: appearance ?? {}, now: clock, audience, messages, translations }),
    [api, live, locale, appearance, clock, audience, messages, translations],
  );
  // Keep one live connection open while the provider is mounted, and keep queries fresh from it.
  const qc = queryClient ?? ownQueryClient;
  useEffect(
    () =>
      live.on((event) => {
        if (event.type === 'payment') {
          qc.setQueryData(['ayokit', 'payment', event.data.id], event.data);
          if (event.data.checkoutId)
            void qc.invalidateQueries({ queryKey: ['ayokit', 'checkout', event.data.checkoutId] });
        }
        if (event.type === 'payment' || event.type === 'refund')
          void qc.invalidateQueries({ queryKey: ['ayokit', 'payments'] });
        if (event.type === 'refund')
          void qc.invalidateQueries({ queryKey: ['ayokit', 'refunds', event.data.paymentId] });
        if (
          event.type === 'instrument' ||
          event.type === 'binding' ||
          event.type === 'card_registration' ||
          event.type === 'unbinding'
        ) {
          void qc.invalidateQueries({ queryKey: ['ayokit', 'instruments'] });
          void qc.invalidateQueries({ queryKey: ['ayokit', 'banks'] });
        }
      }),
    [live, qc],
  );
  return (
    <QueryClientProvider client={qc}>
      <AyoContext.Provider value={value}>{children}</AyoContext.Provider>
    </QueryClientProvider>
  );
}

/** The provider's value; a hook used outside <AyoProvider> says so by name. */
export function useAyoContext(hookName: string): AyoContextValue {
  const value = useContext(AyoContext);
  if (!value)
    throw new Error(
      `${hookName}() must be used inside <AyoProvider>. Wrap your app (or this component) in <AyoProvider baseUrl="/ayokit">.`,
    );
  return value;
}

/** The provider's clock: `const now = useNow(); badgesOf(instrument, now())`. */
export function useNow(): () => number {
  return useAyoContext('useNow').now;
}

/**
 * The error a back-office hook or action gives in a shopper's page: shoppers never move money
 * back; refunds, captures and voids belong to the merchant's staff and server.
 */
export function backOfficeOnly(what: string): Error {
  return new Error(
    `${what} is a back-office ${what.startsWith('<') ? 'action' : 'hook'}: use it inside <AyoProvider audience="staff"> (a staff page authorised by the proxy's authorizeStaff). Shoppers cannot refund, capture or void; the merchant's staff and server can.`,
  );
}

/** The provider's value for a back-office hook; refuses, by name, in a shopper's page. */
export function useStaffContext(hookName: string): AyoContextValue {
  const value = useAyoContext(hookName);
  if (value.audience !== 'staff') throw backOfficeOnly(`${hookName}()`);
  return value;
}
