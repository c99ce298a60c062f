/**
 * Type tests of `AyoProvider`'s `messages` (checked by `tsc`, the typecheck step): a shop's words
 * are typed against the dictionary, so a misspelt key or a wrong signature fails its build.
 */
import type { AyoProvider as HooksAyoProvider } from '@ayokit/hooks';
import { expectTypeOf } from 'vitest';
import {
  type AyoMessageOverrides,
  type AyoMessages,
  AyoProvider,
  type AyoProviderProps,
  type PartialAyoMessages,
} from './index';

// A string for a string, a function of the same arguments for an interpolating entry, at any depth.
({
  en: {
    savedCards: { legend: { cards: 'Your cards' }, endingIn: (last4) => `···${last4}` },
    pay: { payButton: (amount: string) => `Pay ${amount} now` },
    errors: { OTP_INVALID: 'That code is not right.' },
    card: { declines: { PAYMENT_DECLINED: 'Your bank said no.', AUTHENTICATION_FAILED: 'Not verified.' } },
  },
  id: { common: { retry: 'Ulangi' }, banks: { loaded: (n: number) => `${n} bank` } },
}) satisfies AyoMessageOverrides;
// One locale is enough, and so is nothing.
({ id: { common: { cancel: 'Tidak jadi' } } }) satisfies AyoMessageOverrides;
({}) satisfies AyoMessageOverrides;
// A function may ignore its arguments.
({ common: { timeLeft: () => 'Hurry' } }) satisfies PartialAyoMessages;

// @ts-expect-error: no such locale
({ fr: { common: { retry: 'Réessayer' } } }) satisfies AyoMessageOverrides;
// @ts-expect-error: no such group
({ en: { savedCard: { remove: 'Delete' } } }) satisfies AyoMessageOverrides;
// @ts-expect-error: no such message
({ en: { savedCards: { title: 'Your cards' } } }) satisfies AyoMessageOverrides;
// @ts-expect-error: no such kind of list
({ en: { savedCards: { legend: { wallets: 'Wallets' } } } }) satisfies AyoMessageOverrides;
// @ts-expect-error: a string where a string belongs
({ en: { common: { retry: 42 } } }) satisfies AyoMessageOverrides;
// @ts-expect-error: a function where a string belongs
({ en: { common: { retry: () => 'Retry' } } }) satisfies AyoMessageOverrides;
// @ts-expect-error: the amount arrives formatted, as a string
({ en: { pay: { payButton: (amount: number) => `Pay ${amount}` } } }) satisfies AyoMessageOverrides;
// @ts-expect-error: an interpolating entry returns a string
({ en: { banks: { loaded: (n: number) => n } } }) satisfies AyoMessageOverrides;
// @ts-expect-error: a dictionary is not one string
({ en: { savedCards: { legend: 'Your cards' } } }) satisfies AyoMessageOverrides;
// @ts-expect-error: no such error code
({ en: { errors: { OTP_WRONG: 'Wrong code' } } }) satisfies AyoMessageOverrides;

expectTypeOf<AyoProviderProps['messages']>().toEqualTypeOf<AyoMessageOverrides | undefined>();
expectTypeOf<PartialAyoMessages['savedCards']>().exclude<undefined>().toHaveProperty('endingIn');
expectTypeOf<NonNullable<AyoMessageOverrides['en']>>().toEqualTypeOf<PartialAyoMessages>();
// The full dictionary is an override of everything.
expectTypeOf<AyoMessages>().toExtend<PartialAyoMessages>();

// In JSX: the provider of @ayokit/react checks the prop; it is the same component as the hooks'.
<AyoProvider messages={{ en: { savedCards: { legend: { cards: 'Your cards' } } } }}>{null}</AyoProvider>;
// @ts-expect-error: a misspelt key in the provider's prop
<AyoProvider messages={{ en: { savedCards: { legnd: { cards: 'Your cards' } } } }}>{null}</AyoProvider>;
expectTypeOf(AyoProvider).parameter(0).toExtend<Parameters<typeof HooksAyoProvider>[0]>();
