import type { Locale } from '@ayokit/core';
import { type Appearance, type Audience, AyoProvider } from '@ayokit/hooks';
import type { MemoryAyoClient } from '@ayokit/hooks/testing';
import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import axe from 'axe-core';
import type { ReactElement } from 'react';
import { expect } from 'vitest';
import { en } from '../locales/en';
import { memoryClient } from './fixtures';

/** Both languages, as a shop that offers both gives them (a module constant). */
const TRANSLATIONS = { en };

/** Renders inside <AyoProvider> on the client's clock (it starts at NOW: see fixtures). */
export function renderWithAyo(
  ui: ReactElement,
  {
    client = memoryClient(),
    locale = 'en',
    appearance,
    waitLimitMs,
    audience,
  }: {
    client?: MemoryAyoClient;
    locale?: Locale;
    appearance?: Appearance;
    waitLimitMs?: number;
    audience?: Audience;
  } = {},
) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrap = (node: ReactElement) => (
    <AyoProvider
      client={client}
      locale={locale}
      translations={TRANSLATIONS}
      appearance={appearance}
      queryClient={queryClient}
      now={client.now}
      {...(audience ? { audience } : {})}
      {...(waitLimitMs ? { waitLimitMs } : {})}
    >
      {node}
    </AyoProvider>
  );
  const result = render(wrap(ui));
  return { ...result, client, rerender: (next: ReactElement) => result.rerender(wrap(next)) };
}

/** axe in jsdom; colour contrast needs layout, so it is checked in Storybook instead. */
export async function expectNoAxeViolations(container: Element) {
  const results = await axe.run(container, {
    iframes: false,
    rules: { 'color-contrast': { enabled: false } },
  });
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`),
  ).toEqual([]);
}

/** A component's own polite live region (nested components have theirs). */
export function ownStatus(container: Element, component: string): HTMLElement {
  const el = container.querySelector<HTMLElement>(`.ayo-${component} > [role="status"]`);
  if (!el) throw new Error(`no live region in .ayo-${component}`);
  return el;
}

/** A load held in a test's hand: it waits until the test opens the gate, or fails with the test's error. */
export interface Gate {
  open: () => void;
  fail: (err: Error) => void;
  promise: Promise<void>;
}

/**
 * Gates for a module loaded on demand: the test makes one per load it expects (`next()`), the
 * module's mock waits for the oldest one (`take()`, undefined when the test made none).
 */
export function gateQueue() {
  const waiting: Gate[] = [];
  return {
    next(): Gate {
      let open!: () => void;
      let fail!: (err: Error) => void;
      const promise = new Promise<void>((resolve, reject) => {
        open = resolve;
        fail = reject;
      });
      const g = { open, fail, promise };
      waiting.push(g);
      return g;
    },
    take: (): Gate | undefined => waiting.shift(),
  };
}
