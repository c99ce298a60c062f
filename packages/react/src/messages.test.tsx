/**
 * A shop's own words through `AyoProvider`'s `messages`: merged over the built-in dictionary per
 * locale, shared and stable while the prop is, and never a crash when a JavaScript caller gives
 * the wrong kind of value.
 */
import type { Locale } from '@ayokit/core';
import { QueryClient } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type AyoMessages, cardErrorText, useMessages } from './i18n';
import { type AyoMessageOverrides, AyoProvider, type AyoTranslations, SavedCardList } from './index';
import { bca, bri, memoryClient, visa } from './internal/fixtures';
import { expectNoAxeViolations } from './internal/test-utils';
import { en } from './locales/en';
import { id } from './locales/id';

/** English, as a shop gives it: a module constant. */
const TRANSLATIONS: AyoTranslations = { en };

/** Renders under the provider of @ayokit/react; `rerender` may change the locale and the messages. */
function renderShop(
  ui: ReactElement | (() => ReactElement),
  locale: Locale,
  overrides: unknown,
  translations: unknown = TRANSLATIONS,
) {
  const client = memoryClient({ instruments: [bca(), bri(), visa()] });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrap = (l: Locale, m: unknown) => (
    <AyoProvider
      client={client}
      queryClient={queryClient}
      now={client.now}
      locale={l}
      translations={translations as never}
      messages={m as never}
    >
      {typeof ui === 'function' ? ui() : ui}
    </AyoProvider>
  );
  const result = render(wrap(locale, overrides));
  return { ...result, rerender: (l: Locale, m: unknown = overrides) => result.rerender(wrap(l, m)) };
}

const SHOP: AyoMessageOverrides = {
  en: {
    savedCards: { legend: { both: 'Your wallet' }, endingIn: (last4) => `ends with ${last4}` },
  },
  id: { savedCards: { legend: { both: 'Dompet Anda' } } },
};

/** Records the dictionary the components get, each render. */
function Probe({ seen }: { seen: AyoMessages[] }) {
  seen.push(useMessages('Probe').t);
  return null;
}

const list = <SavedCardList onSelect={() => undefined} allowSetDefault />;

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe("AyoProvider's messages", () => {
  it('an override in en shows; the strings it does not mention stay built-in', async () => {
    const { container } = renderShop(list, 'en', SHOP);
    const group = await screen.findByRole('group', { name: 'Your wallet' });
    expect(within(group).getByRole('radio', { name: /^BCA ends with 1234/ })).toBeInTheDocument();
    expect(within(group).getByText('Default')).toBeInTheDocument();
    expect(within(group).getByRole('button', { name: 'Set as default: BRI ends with 5678' })).toBeVisible();
    await expectNoAxeViolations(container);
  });

  it('an override in id shows, with the built-in Indonesian around it (no en override leaks)', async () => {
    renderShop(list, 'id', SHOP);
    const group = await screen.findByRole('group', { name: 'Dompet Anda' });
    expect(within(group).getByRole('radio', { name: /^BCA berakhiran 1234/ })).toBeInTheDocument();
    expect(within(group).getByText('Utama')).toBeInTheDocument();
    expect(screen.queryByText(/ends with/)).toBeNull();
  });

  it('switching locale uses that locale’s override, and back', async () => {
    const { rerender } = renderShop(list, 'en', SHOP);
    expect(await screen.findByRole('group', { name: 'Your wallet' })).toBeInTheDocument();
    rerender('id');
    expect(await screen.findByRole('group', { name: 'Dompet Anda' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: /^Visa berakhiran 1111/ })).toBeInTheDocument();
    rerender('en');
    expect(await screen.findByRole('group', { name: 'Your wallet' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: /^Visa ends with 1111/ })).toBeInTheDocument();
  });

  it('a locale without overrides is the built-in dictionary itself', async () => {
    renderShop(list, 'id', { en: SHOP.en });
    expect(await screen.findByRole('group', { name: 'Rekening dan kartu tersimpan' })).toBeInTheDocument();
  });

  it('function overrides interpolate their arguments', async () => {
    renderShop(<SavedCardList allowRemove />, 'en', {
      en: { savedCards: { removeFor: (a: string) => `Delete ${a} for good` } },
    });
    expect(await screen.findByRole('button', { name: 'Delete Visa ending in 1111 for good' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Delete BCA ending in 1234 for good' })).toBeVisible();
  });

  it('merges deeply: one entry of a nested record, and a card decline the dictionary leaves to errors', () => {
    const own: AyoMessageOverrides = {
      en: {
        status: { states: { succeeded: 'Paid!' } },
        card: { declines: { AUTHENTICATION_FAILED: 'Your bank could not confirm it was you.' } },
      },
    };
    const seen: AyoMessages[] = [];
    renderShop(<Probe seen={seen} />, 'en', own);
    const t = seen.at(-1);
    expect(t?.status.states.succeeded).toBe('Paid!');
    expect(t?.status.states.failed).toBe(en.status.states.failed);
    expect(cardErrorText(t!, { code: 'AUTHENTICATION_FAILED' })).toBe(
      'Your bank could not confirm it was you.',
    );
    expect(cardErrorText(t!, { code: 'PAYMENT_DECLINED' })).toBe(en.card.declines.PAYMENT_DECLINED);
    // The built-in dictionary itself is never changed.
    expect(en.status.states.succeeded).not.toBe('Paid!');
  });

  it('is merged once per messages object: the same dictionary across renders and components', () => {
    const seen: AyoMessages[] = [];
    // A new element each render: the components render again although nothing they read changed.
    const { rerender } = renderShop(
      () => (
        <>
          <Probe seen={seen} />
          <Probe seen={seen} />
        </>
      ),
      'en',
      SHOP,
    );
    rerender('en');
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(1);
    expect(seen[0]).not.toBe(en);
    // A new object is merged anew (give a stable one: a module constant or useMemo).
    rerender('en', { ...SHOP });
    expect(new Set(seen).size).toBe(2);
    // Without overrides, the built-in dictionary itself.
    rerender('en', null);
    expect(seen.at(-1)).toBe(en);
  });
});

describe("AyoProvider's messages from JavaScript: wrong values fall back, with one warning", () => {
  const BAD = {
    en: {
      savedCards: {
        legend: { both: 42 },
        endingIn: 'ending',
        setDefault: () => 'Make default',
        remove: 'Delete',
        setDefaultFor: () => {
          throw new Error('a bug in the shop’s function');
        },
        removeFor: () => undefined,
        badges: 'unknown key',
      },
      common: null,
      status: 'not a group',
    },
    fr: { common: { retry: 'Réessayer' } },
  };

  it('shows the built-in words for each wrong entry, keeps the right ones, and warns once per entry', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { rerender } = renderShop(
      <>
        <SavedCardList onSelect={() => undefined} allowSetDefault allowRemove />
        <SavedCardList allowSetDefault />
      </>,
      'en',
      BAD,
    );
    const group = await screen.findByRole('group', { name: 'Saved accounts and cards' });
    expect(within(group).getByRole('radio', { name: /^BCA ending in 1234/ })).toBeInTheDocument();
    // The right entry is used; the function that throws and the one that returns nothing are not.
    const setDefault = within(group).getByRole('button', { name: 'Set as default: BRI ending in 5678' });
    expect(setDefault).toHaveTextContent(/^Set as default$/);
    expect(within(group).getByRole('button', { name: 'Remove BRI ending in 5678' })).toHaveTextContent(
      /^Delete$/,
    );
    rerender('en');
    rerender('id');
    rerender('en');
    const warnings = warn.mock.calls.map((c) => String(c[0]));
    for (const at of [
      'en.savedCards.legend.both: expected string',
      'en.savedCards.endingIn: expected function',
      'en.savedCards.setDefault: expected string',
      'en.savedCards.setDefaultFor: expected a function that returns a string',
      'en.savedCards.removeFor: expected a function that returns a string',
      'en.savedCards.badges: not in the dictionary',
      'en.common: expected object',
      'en.status: expected object',
      'fr: not in the dictionary',
    ])
      expect(warnings.filter((w) => w.includes(`messages.${at};`))).toHaveLength(1);
    expect(warnings).toHaveLength(9);
    expect(
      warnings.every(
        (w) => w.startsWith('@ayokit/react: ') && w.endsWith('the built-in words are used instead.'),
      ),
    ).toBe(true);
  });

  it('messages that are not an object at all: the built-in words, one warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    renderShop(list, 'id', 'Dompet Anda');
    expect(await screen.findByRole('group', { name: 'Rekening dan kartu tersimpan' })).toBeInTheDocument();
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/^@ayokit\/react: messages: expected an object of locales/),
    );
  });

  it('in production builds nothing is logged, and the fallback is the same', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    renderShop(list, 'en', { en: { savedCards: { legend: { accounts: 7, both: ['x'] } } } });
    expect(await screen.findByRole('group', { name: 'Saved accounts and cards' })).toBeInTheDocument();
    expect(warn).not.toHaveBeenCalled();
  });
});

describe("AyoProvider's translations: Indonesian built in, other locales imported", () => {
  const noDictionary = (w: string) =>
    w.startsWith('@ayokit/react: translations.en: no dictionary for the locale "en": ') &&
    w.includes("import { en } from '@ayokit/react/locales/en'") &&
    w.endsWith('the words are shown in Bahasa Indonesia.');

  it('without translations, locale "en" shows the Indonesian words, with one warning that says what to import', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const seen: AyoMessages[] = [];
    const { rerender } = renderShop(
      () => (
        <>
          <Probe seen={seen} />
          {list}
        </>
      ),
      'en',
      null,
      null,
    );
    expect(await screen.findByRole('group', { name: 'Rekening dan kartu tersimpan' })).toBeInTheDocument();
    expect(seen.at(-1)).toBe(id);
    rerender('en');
    const warnings = warn.mock.calls.map((c) => String(c[0]));
    expect(warnings.filter(noDictionary)).toHaveLength(1);
  });

  it('with translations={{ en }}, English; the default locale needs nothing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const seen: AyoMessages[] = [];
    const { rerender } = renderShop(() => <Probe seen={seen} />, 'en', null);
    expect(seen.at(-1)).toBe(en);
    rerender('id');
    expect(seen.at(-1)).toBe(id);
    expect(warn).not.toHaveBeenCalled();
  });

  it('the built-in Indonesian with no translations at all, and overrides merged over it', async () => {
    const seen: AyoMessages[] = [];
    renderShop(() => <Probe seen={seen} />, 'id', SHOP, null);
    expect(seen.at(-1)?.savedCards.legend.both).toBe('Dompet Anda');
    expect(seen.at(-1)?.common.retry).toBe(id.common.retry);
  });

  it('translations that are not dictionaries are left out, one warning each', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const seen: AyoMessages[] = [];
    renderShop(() => <Probe seen={seen} />, 'en', null, { en: 'English' });
    expect(seen.at(-1)).toBe(id);
    renderShop(() => <Probe seen={seen} />, 'id', null, ['en']);
    expect(seen.at(-1)).toBe(id);
    const warnings = warn.mock.calls.map((c) => String(c[0]));
    expect(warnings).toContain('@ayokit/react: translations.en: expected a dictionary; it is left out.');
    expect(warnings).toContain(
      '@ayokit/react: translations: expected an object of locales, e.g. { en }; they are left out.',
    );
  });
});

describe('the built-in words come in parts: each component carries the parts it shows', () => {
  it('an override of a part the component does not show is no warning; a part that does not exist is', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // SavedCardList shows the saved-cards, card, OTP, error and common words, not the status words.
    renderShop(list, 'id', { id: { status: { title: 'Status pembayaran' }, nothing: { here: 'x' } } }, null);
    expect(await screen.findByRole('group', { name: 'Rekening dan kartu tersimpan' })).toBeInTheDocument();
    const warnings = warn.mock.calls.map((c) => String(c[0]));
    expect(warnings).toEqual([
      '@ayokit/react: messages.id.nothing: not in the dictionary; the built-in words are used instead.',
    ]);
  });

  it('the whole dictionary still checks every part, and a part shown elsewhere gets its override', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const seen: AyoMessages[] = [];
    renderShop(
      () => (
        <>
          <Probe seen={seen} />
          {list}
        </>
      ),
      'id',
      { id: { status: { title: 'Status pembayaran', states: 'not a group' } } },
      null,
    );
    expect(await screen.findByRole('group', { name: 'Rekening dan kartu tersimpan' })).toBeInTheDocument();
    expect(seen.at(-1)?.status.title).toBe('Status pembayaran');
    expect(seen.at(-1)?.status.states).toBe(id.status.states);
    const warnings = warn.mock.calls.map((c) => String(c[0]));
    expect(warnings).toEqual([
      '@ayokit/react: messages.id.status.states: expected object; the built-in words are used instead.',
    ]);
  });
});
