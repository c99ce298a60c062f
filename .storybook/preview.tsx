import type { Locale } from '@ayokit/core';
import type { Decorator, Loader, Preview } from '@storybook/react-vite';
import {
  type AyoMessageOverrides,
  AyoProvider,
  en,
  type MemoryAyoClient,
  memoryClient,
} from '../packages/react/src/internal/storybook';
import '../packages/react/src/styles.css';

/**
 * Each story may give `parameters.ayo.client: () => MemoryAyoClient`; a fresh one per render. The
 * provider runs on the client's clock, so dates never depend on today's (stories' clients start at
 * fixtures' NOW: use its `memoryClient()`).
 */
export interface AyoStoryParameters {
  client?: () => MemoryAyoClient;
  /** AyoProvider's audience: `staff` for the back office's stories. */
  audience?: 'shopper' | 'staff';
  /** AyoProvider's waitLimitMs: how soon a wait turns into "still processing". */
  waitLimitMs?: number;
  /** AyoProvider's messages: a shop's own words (a module constant, so it stays the same object). */
  messages?: AyoMessageOverrides;
}

/** The toolbar offers both languages: English is imported, as a shop that offers it does. */
const TRANSLATIONS = { en };

const clientLoader: Loader = async (ctx) => {
  const make = (ctx.parameters.ayo as AyoStoryParameters | undefined)?.client;
  return { client: make ? make() : memoryClient() };
};

const withAyo: Decorator = (Story, ctx) => {
  const locale = (ctx.globals.locale ?? 'id') as Locale;
  const theme = (ctx.globals.theme ?? 'light') as 'light' | 'dark';
  const client = ctx.loaded.client as MemoryAyoClient;
  const { waitLimitMs, audience, messages } = (ctx.parameters.ayo as AyoStoryParameters | undefined) ?? {};
  return (
    <div
      data-ayo-theme={theme}
      style={{
        background: 'var(--ayo-color-background)',
        color: 'var(--ayo-color-text)',
        padding: 24,
        minHeight: ctx.viewMode === 'docs' ? undefined : '100vh',
        boxSizing: 'border-box',
      }}
    >
      <AyoProvider
        key={`${ctx.id}:${locale}`}
        client={client}
        locale={locale}
        translations={TRANSLATIONS}
        appearance={{ theme }}
        now={client.now}
        {...(audience ? { audience } : {})}
        {...(waitLimitMs ? { waitLimitMs } : {})}
        {...(messages ? { messages } : {})}
      >
        <Story />
      </AyoProvider>
    </div>
  );
};

const preview: Preview = {
  tags: ['autodocs'],
  loaders: [clientLoader],
  decorators: [withAyo],
  globalTypes: {
    locale: {
      description: 'Language of the components',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: [
          { value: 'id', title: 'Bahasa Indonesia' },
          { value: 'en', title: 'English' },
        ],
        dynamicTitle: true,
      },
    },
    theme: {
      description: 'Light or dark theme',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'id', theme: 'light' },
  parameters: {
    layout: 'fullscreen',
    a11y: { test: 'error' },
    controls: { matchers: { date: /At$/ } },
  },
};

export default preview;
