/**
 * A proxy that answers nonsense (an HTML error page, a half-written body, data of the wrong
 * shape) must leave every component showing an error the shopper can act on, never a blank
 * screen and never a crash.
 */
import { AyoProvider, HttpAyoClient } from '@ayokit/hooks';
import { QueryClient } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import type { ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import { BankPicker } from './BankPicker';
import { en } from './locales/en';
import { PaymentStatus } from './PaymentStatus';
import { PayWithSavedCard } from './PayWithSavedCard';
import { SavedCardList } from './SavedCardList';

const ANSWERS: [string, () => Response][] = [
  ['an HTML error page', () => new Response('<html>502 Bad Gateway</html>', { status: 502 })],
  ['a cut-off body', () => new Response('{"instruments":[{"id":', { status: 200 })],
  [
    'the wrong shape',
    () =>
      Response.json({
        instruments: [{ id: 42, type: 'spaceship' }],
        banks: 'none',
        payment: { id: 'pay_x', amount: '10' },
      }),
  ],
  ['an empty 200', () => new Response('', { status: 200 })],
];
const PAY = 'pay_AAAAAAAAAAAAAAAAAAAAAAAA';
const COMPONENTS: [string, () => ReactElement][] = [
  ['SavedCardList', () => <SavedCardList />],
  ['PayWithSavedCard', () => <PayWithSavedCard checkout="chk_AAAAAAAAAAAAAAAAAAAAAAAA" />],
  ['PaymentStatus', () => <PaymentStatus paymentId={PAY} />],
  ['BankPicker', () => <BankPicker />],
];

describe('malformed proxy responses in the components', () => {
  for (const [component, ui] of COMPONENTS) {
    for (const [what, answer] of ANSWERS) {
      it(`${component} shows an error for ${what}`, async () => {
        const client = new HttpAyoClient({ baseUrl: '/ayokit', fetch: async () => answer() });
        const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
        const { container } = render(
          <AyoProvider client={client} locale="en" translations={{ en }} queryClient={queryClient}>
            {ui()}
          </AyoProvider>,
        );
        const alert = await screen.findByRole('alert', {}, { timeout: 3_000 });
        expect(alert.textContent?.trim().length).toBeGreaterThan(5);
        expect(container.textContent?.trim().length).toBeGreaterThan(5);
      });
    }
  }
});
