import { AyoError, type Failure } from '@ayokit/core';
import type { MemoryAyoClient } from '@ayokit/hooks/testing';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, waitFor, within } from 'storybook/test';
import type { AyoMessageOverrides } from '../i18n';
import {
  bca,
  bri,
  CHECKOUTS,
  declinedCard,
  everyBadge,
  expiredCard,
  failing,
  insufficientCard,
  mastercard,
  shopClient as memoryClient,
  networkErrorCard,
  threeDsCard,
  visa,
} from '../internal/fixtures';
import { tr, withClient } from '../internal/story-helpers';
import { PayWithSavedCard } from './PayWithSavedCard';

const meta = {
  title: 'Components/PayWithSavedCard',
  component: PayWithSavedCard,
  args: {
    checkout: CHECKOUTS.open,
    bindMode: 'iframe',
    onSucceeded: fn(),
    onFailed: fn(),
  },
  parameters: withClient(() => memoryClient({ instruments: [bca(), bri()] })),
} satisfies Meta<typeof PayWithSavedCard>;
export default meta;
type Story = StoryObj<typeof meta>;

const payButton = /^(Bayar|Pay) Rp/;
const otpLabel = tr((m) => m.otp.label);
const confirmOtp = tr((m) => m.pay.confirmOtp);

/**
 * The checkout's amount, order and description come from the merchant's server (the component
 * only names the checkout); the default account (BCA) is preselected.
 */
export const Default: Story = {};
export const EveryAccountState: Story = {
  name: 'Saved accounts in every state',
  parameters: withClient(() => memoryClient({ instruments: everyBadge() })),
};
export const NoSavedAccounts: Story = { parameters: withClient(() => memoryClient()) };
export const Loading: Story = {
  parameters: withClient(() => {
    const c = memoryClient();
    c.listInstruments = () => new Promise(() => undefined);
    return c;
  }),
};
export const LoadingCheckout: Story = {
  name: 'Loading the checkout',
  parameters: withClient(() => {
    const c = memoryClient({ instruments: [bca()] });
    c.getCheckout = () => new Promise(() => undefined);
    return c;
  }),
};
/** `checkout` must be a checkout id made by the shop's server: a bad prop says so, no Pay button. */
export const InvalidCheckout: Story = {
  name: 'Error: invalid checkout prop',
  args: { checkout: 'ORDER-1042' },
};

// ---- the checkout's own state -------------------------------------------------------------

export const AlreadyPaid: Story = {
  name: 'Checkout: already paid',
  args: { checkout: CHECKOUTS.paid },
  play: async ({ canvas }) => {
    await canvas.findByRole('heading', { name: tr((m) => m.pay.alreadyPaidTitle) });
    await expect(canvas.queryByRole('button', { name: payButton })).toBeNull();
  },
};
export const Expired: Story = {
  name: 'Checkout: expired',
  args: { checkout: CHECKOUTS.expired },
  play: async ({ canvas }) => {
    await canvas.findByRole('heading', { name: tr((m) => m.pay.expiredTitle) });
  },
};
export const Cancelled: Story = {
  name: 'Checkout: cancelled by the shop',
  args: { checkout: CHECKOUTS.cancelled },
  play: async ({ canvas }) => {
    await canvas.findByRole('heading', { name: tr((m) => m.pay.cancelledTitle) });
  },
};
/** A payment was under way (its OTP asked for) when the page was reloaded: it is picked up again. */
export const UnderWay: Story = {
  name: 'Checkout: payment under way, picked up after a reload',
  args: { checkout: CHECKOUTS.processing },
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.type(await canvas.findByRole('textbox', { name: otpLabel }), '123456');
    await userEvent.click(canvas.getByRole('button', { name: confirmOtp }));
    await waitFor(() => expect(args.onSucceeded).toHaveBeenCalled());
  },
};
/** Another tab paid the order while this one was open: Pay is refused (CHECKOUT_PAID), nothing is charged twice. */
export const PaidInAnotherTab: Story = {
  name: 'Checkout: paid in another tab meanwhile (flow)',
  parameters: withClient(() => memoryClient({ instruments: [bri()] })),
  play: async ({ canvas, userEvent, loaded, args }) => {
    await canvas.findAllByRole('radio');
    await (loaded.client as MemoryAyoClient).payCheckout(
      CHECKOUTS.open,
      { instrumentId: bri().id },
      'other-tab-00000001',
    );
    await userEvent.click(canvas.getByRole('button', { name: payButton }));
    await canvas.findByRole('heading', { name: tr((m) => m.pay.alreadyPaidTitle) });
    await waitFor(() => expect(args.onFailed).toHaveBeenCalled());
    const client = loaded.client as MemoryAyoClient;
    await expect(client.payments.filter((p) => p.checkoutId === CHECKOUTS.open)).toHaveLength(1);
  },
};
export const NotFound: Story = {
  name: 'Error: checkout not found (another account’s)',
  args: { checkout: 'chk_0000000000000000nobodys1' },
};
export const CheckoutLoadError: Story = {
  name: 'Error: the checkout could not be loaded',
  parameters: withClient(() => failing(memoryClient({ instruments: [bca()] }), 'getCheckout')),
};
export const AlreadyPaidEnglish: Story = {
  name: 'English, already paid',
  globals: { locale: 'en' },
  args: { checkout: CHECKOUTS.paid },
};
export const ExpiredDark: Story = {
  name: 'Dark, English, expired',
  globals: { theme: 'dark', locale: 'en' },
  args: { checkout: CHECKOUTS.expired },
};
export const CancelledDark: Story = {
  name: 'Dark, cancelled',
  globals: { theme: 'dark' },
  args: { checkout: CHECKOUTS.cancelled },
};

// ---- paying -------------------------------------------------------------------------------

export const RequiresOtp: Story = {
  name: 'OTP step (BCA always asks)',
  play: async ({ canvas, userEvent }) => {
    await canvas.findAllByRole('radio');
    await userEvent.click(canvas.getByRole('button', { name: payButton }));
    await canvas.findByRole('textbox', { name: otpLabel });
  },
};

/**
 * Ayoconnect documents no API that sends a new OTP (`capabilities.otpResend: false`, the reference
 * profile): no "resend" button, a hint to wait for the SMS or start again instead.
 */
export const RequiresOtpNoResend: Story = {
  name: 'OTP step without resend (reference profile)',
  parameters: withClient(() =>
    memoryClient({
      instruments: [bca(), bri()],
      capabilities: { otpResend: false, cardRefund: false, cardVoid: true },
    }),
  ),
  play: async ({ canvas, userEvent }) => {
    await canvas.findAllByRole('radio');
    await userEvent.click(canvas.getByRole('button', { name: payButton }));
    await canvas.findByText(tr((m) => m.otp.noResend));
    await expect(canvas.queryByRole('button', { name: /^(Kirim ulang kode|Resend code)/ })).toBeNull();
  },
};

/** With a resend API (`capabilities.otpResend: true`): the button, counting down. */
export const RequiresOtpWithResend: Story = {
  name: 'OTP step with resend',
  play: async ({ canvas, userEvent }) => {
    await canvas.findAllByRole('radio');
    await userEvent.click(canvas.getByRole('button', { name: payButton }));
    await canvas.findByRole('button', { name: /^(Kirim ulang kode|Resend code)/ });
    await expect(canvas.queryByText(tr((m) => m.otp.noResend))).toBeNull();
  },
};

/**
 * The OTP step left with Cancel: the payment waits at the bank for its code (the checkout takes no
 * other payment meanwhile, and the bank ends it without one), so the page says so and offers to
 * enter it; it does not open the step again by itself.
 */
export const OtpPaused: Story = {
  name: 'OTP step cancelled: the payment waits for its code',
  play: async ({ canvas, userEvent }) => {
    await canvas.findAllByRole('radio');
    await userEvent.click(canvas.getByRole('button', { name: payButton }));
    await canvas.findByRole('textbox', { name: otpLabel });
    await userEvent.click(canvas.getByRole('button', { name: tr((m) => m.common.cancel) }));
    await canvas.findByRole('heading', { name: tr((m) => m.pay.otpPausedTitle) });
    await expect(canvas.getByRole('button', { name: tr((m) => m.pay.enterOtp) })).toBeVisible();
    await expect(canvas.queryByRole('textbox', { name: otpLabel })).toBeNull();
  },
};

export const WrongOtp: Story = {
  name: 'OTP wrong: attempts left and error',
  play: async ({ canvas, userEvent }) => {
    await canvas.findAllByRole('radio');
    await userEvent.click(canvas.getByRole('button', { name: payButton }));
    await userEvent.type(await canvas.findByRole('textbox', { name: otpLabel }), '111111');
    await userEvent.click(canvas.getByRole('button', { name: confirmOtp }));
    await waitFor(() => expect(canvas.getByRole('alert')).toBeVisible());
  },
};

/** The whole flow: pay → wrong OTP (announced, attempts left) → right OTP (123456) → succeeded. */
export const PayWithOtp: Story = {
  name: 'Pay with OTP (flow)',
  play: async ({ canvas, userEvent, args }) => {
    await canvas.findAllByRole('radio');
    await userEvent.click(canvas.getByRole('button', { name: payButton }));
    await userEvent.type(await canvas.findByRole('textbox', { name: otpLabel }), '111111');
    await userEvent.click(canvas.getByRole('button', { name: confirmOtp }));
    await waitFor(() => expect(canvas.getByRole('alert')).toBeVisible());
    await userEvent.type(canvas.getByRole('textbox', { name: otpLabel }), '123456');
    await userEvent.click(canvas.getByRole('button', { name: confirmOtp }));
    await waitFor(() => expect(args.onSucceeded).toHaveBeenCalled());
  },
};

export const Succeeded: Story = {
  name: 'Succeeded (BRI, no OTP under Rp 1.000.000)',
  parameters: withClient(() => memoryClient({ instruments: [bri()] })),
  play: async ({ canvas, userEvent, args }) => {
    await canvas.findAllByRole('radio');
    await userEvent.click(canvas.getByRole('button', { name: payButton }));
    await waitFor(() => expect(args.onSucceeded).toHaveBeenCalled());
  },
};

export const Processing: Story = {
  name: 'Processing (waiting for the bank)',
  parameters: withClient(() =>
    memoryClient({ instruments: [bri()], scenario: { paymentOutcome: 'processing' } }),
  ),
  play: async ({ canvas, userEvent }) => {
    await canvas.findAllByRole('radio');
    await userEvent.click(canvas.getByRole('button', { name: payButton }));
    await canvas.findByRole('heading', { name: tr((m) => m.pay.processing) });
  },
};

const declined = (failure: Failure, name: string): Story => ({
  name: `Error: ${name}`,
  parameters: withClient(() =>
    memoryClient({ instruments: [bri()], scenario: { paymentOutcome: 'failed', paymentFailure: failure } }),
  ),
  play: async ({ canvas, userEvent, args }) => {
    await canvas.findAllByRole('radio');
    await userEvent.click(canvas.getByRole('button', { name: payButton }));
    await waitFor(() => expect(args.onFailed).toHaveBeenCalled());
  },
});

export const InsufficientFunds = declined(
  { code: 'INSUFFICIENT_FUNDS', message: 'Insufficient funds', responseCode: '4035414' },
  'insufficient funds',
);
export const CardExpired = declined({ code: 'CARD_EXPIRED', message: 'Card expired' }, 'card expired');
export const AccountBlocked = declined({ code: 'ACCOUNT_BLOCKED', message: 'Blocked' }, 'account blocked');
export const AccountInactive = declined(
  { code: 'ACCOUNT_INACTIVE', message: 'Inactive' },
  'account inactive',
);
export const Declined = declined({ code: 'PAYMENT_DECLINED', message: 'Declined' }, 'declined by the bank');

export const BankUnreachable: Story = {
  name: 'Error: bank unreachable (retry is safe)',
  parameters: withClient(() =>
    memoryClient({
      instruments: [bri()],
      scenario: { failNext: { method: 'payCheckout', error: new AyoError('UPSTREAM_UNAVAILABLE') } },
    }),
  ),
  play: InsufficientFunds.play,
};

export const OtpBlocked: Story = {
  name: 'Error: three wrong OTPs block the account',
  play: async ({ canvas, userEvent, args }) => {
    await canvas.findAllByRole('radio');
    await userEvent.click(canvas.getByRole('button', { name: payButton }));
    for (let i = 0; i < 3; i++) {
      await userEvent.type(await canvas.findByRole('textbox', { name: otpLabel }), '111111');
      await userEvent.click(canvas.getByRole('button', { name: confirmOtp }));
      if (i < 2) await waitFor(() => expect(canvas.getByRole('alert')).toBeVisible());
    }
    await waitFor(() => expect(args.onFailed).toHaveBeenCalled());
  },
};

export const BindNewInline: Story = {
  name: 'Bind a new account inline',
  parameters: withClient(() => memoryClient()),
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: tr((m) => m.pay.bindNew) }));
    await canvas.findAllByRole('radio');
  },
};

export const English: Story = { globals: { locale: 'en' } };
export const Dark: Story = { globals: { theme: 'dark' } };
export const DarkEnglishOtp: Story = {
  name: 'Dark, English, wrong OTP',
  globals: { theme: 'dark', locale: 'en' },
  play: WrongOtp.play,
};

// ---- a shop's own words --------------------------------------------------------------------

/**
 * The shop's words where it wants them (AyoProvider's `messages`, typed against `AyoMessages`),
 * in both languages; an entry that interpolates is a function of the same arguments. Everything
 * the shop does not mention stays built-in. A module constant: the same object every render.
 */
const SHOP_WORDS: AyoMessageOverrides = {
  en: {
    pay: {
      chooseAccount: 'How would you like to pay?',
      payButton: (amount) => `Place order · ${amount}`,
    },
    savedCards: { badgeDefault: 'Usual' },
  },
  id: {
    pay: {
      chooseAccount: 'Mau bayar pakai apa?',
      payButton: (amount) => `Buat pesanan · ${amount}`,
    },
    savedCards: { badgeDefault: 'Biasa' },
  },
};
const shopWords: Story['play'] = async ({ canvas }) => {
  const group = await canvas.findByRole('group', {
    name: /^(Mau bayar pakai apa\?|How would you like to pay\?)$/,
  });
  await expect(canvas.getByRole('button', { name: /^(Buat pesanan|Place order) · Rp/ })).toBeVisible();
  await expect(within(group).getByText(/^(Biasa|Usual)$/)).toBeVisible();
  await expect(canvas.getByRole('button', { name: tr((m) => m.pay.addCard) })).toBeVisible();
};
export const ShopWords: Story = {
  name: "A shop's own words (AyoProvider messages)",
  parameters: {
    ayo: { client: () => memoryClient({ instruments: [bca(), bri(), visa()] }), messages: SHOP_WORDS },
  },
  play: shopWords,
};
export const ShopWordsEnglish: Story = {
  ...ShopWords,
  name: "A shop's own words, English",
  globals: { locale: 'en' },
};

// ---- cards -------------------------------------------------------------------------------

const withCards = (...cards: ReturnType<typeof visa>[]) =>
  withClient(() =>
    memoryClient({ instruments: [...cards.map((c, i) => ({ ...c, isDefault: i === 0 })), bca(), bri()] }),
  );

/** Cards and accounts in one list; a Visa (default) pays at once. */
export const CardDirect: Story = {
  name: 'Card: pay directly (Visa)',
  parameters: withCards(visa(), mastercard()),
  play: async ({ canvas, userEvent, args }) => {
    await canvas.findAllByRole('radio');
    await userEvent.click(canvas.getByRole('button', { name: payButton }));
    await waitFor(() => expect(args.onSucceeded).toHaveBeenCalled());
  },
};

/**
 * A checkout the shop made with `mode: 'authorize'`: only cards are offered; "Hold Rp…" holds the
 * money until the shop captures it.
 */
export const CardAuthorize: Story = {
  name: 'Card: hold (authorize checkout)',
  args: { checkout: CHECKOUTS.hold },
  parameters: withCards(visa(), mastercard()),
  play: async ({ canvas, userEvent, args }) => {
    await canvas.findAllByRole('radio');
    await expect(canvas.queryByRole('radio', { name: /BCA/ })).toBeNull();
    await userEvent.click(canvas.getByRole('button', { name: /^(Tahan|Hold) Rp/ }));
    await canvas.findByRole('heading', { name: /(ditahan di kartu Anda|is held on your card)/ });
    await waitFor(() => expect(args.onSucceeded).toHaveBeenCalled());
  },
};

const cardDeclined = (card: ReturnType<typeof visa>, name: string): Story => ({
  name: `Card error: ${name}`,
  parameters: withCards(card),
  play: async ({ canvas, userEvent, args }) => {
    await canvas.findAllByRole('radio');
    await userEvent.click(canvas.getByRole('button', { name: payButton }));
    await waitFor(() => expect(args.onFailed).toHaveBeenCalled());
    await expect(canvas.getByRole('alert')).toBeVisible();
  },
});
export const CardDeclined = cardDeclined(declinedCard(), 'declined');
export const CardInsufficientFunds = cardDeclined(insufficientCard(), 'insufficient funds');
export const CardExpiredDecline = cardDeclined(expiredCard(), 'expired card');

/** 4000 0000 0000 0119: the gateway's first answer is lost; processing, then succeeded. */
export const CardNetworkError: Story = {
  name: 'Card: network error, processing → succeeded',
  parameters: withCards(networkErrorCard()),
  play: async ({ canvas, userEvent, args }) => {
    await canvas.findAllByRole('radio');
    await userEvent.click(canvas.getByRole('button', { name: payButton }));
    await canvas.findByRole('heading', { name: tr((m) => m.pay.processing) });
    await waitFor(() => expect(args.onSucceeded).toHaveBeenCalled(), { timeout: 10_000 });
  },
};

/**
 * The bank has not answered within the provider's `waitLimitMs` (2 minutes by default; 1.5 s
 * here): an honest "still processing" with "Check again", never a spinner forever.
 */
export const StillProcessing: Story = {
  name: 'Still processing after the wait limit',
  parameters: {
    ayo: {
      client: () =>
        memoryClient({
          instruments: [{ ...networkErrorCard(), isDefault: true }, bca()],
          scenario: { cardProcessingMs: 10 * 60_000 },
        }),
      waitLimitMs: 1_500,
    },
  },
  play: async ({ canvas, userEvent }) => {
    await canvas.findAllByRole('radio');
    await userEvent.click(canvas.getByRole('button', { name: payButton }));
    await canvas.findByRole('heading', { name: tr((m) => m.pay.stillProcessing) }, { timeout: 10_000 });
    await expect(canvas.getByRole('button', { name: tr((m) => m.pay.checkAgain) })).toBeEnabled();
  },
};

/** The 3-D Secure card asks for a code; "Resend code" counts down to the server's time. */
export const CardOtpResendCountdown: Story = {
  name: 'Card 3-D Secure OTP: resend countdown',
  parameters: withCards(threeDsCard()),
  play: async ({ canvas, userEvent }) => {
    await canvas.findAllByRole('radio');
    await userEvent.click(canvas.getByRole('button', { name: payButton }));
    await canvas.findByRole('textbox', { name: otpLabel });
    await expect(
      canvas.getByRole('button', { name: /^(Kirim ulang kode dalam|Resend code in) / }),
    ).toBeDisabled();
    await expect(canvas.getByText(tr((m) => m.otp.resendsLeft(3)))).toBeVisible();
  },
};

/** Resend available: a new code is sent, one fewer resend left; then the code pays. */
export const CardOtpResend: Story = {
  name: 'Card 3-D Secure OTP: resend a code (flow)',
  parameters: withClient(() =>
    memoryClient({ instruments: [{ ...threeDsCard(), isDefault: true }], scenario: { resendAfterMs: 0 } }),
  ),
  play: async ({ canvas, userEvent, args }) => {
    await canvas.findAllByRole('radio');
    await userEvent.click(canvas.getByRole('button', { name: payButton }));
    await canvas.findByRole('textbox', { name: otpLabel });
    await userEvent.click(canvas.getByRole('button', { name: tr((m) => m.otp.resend) }));
    await canvas.findByText(tr((m) => m.otp.resendsLeft(2)));
    await userEvent.type(canvas.getByRole('textbox', { name: otpLabel }), '123456');
    await userEvent.click(canvas.getByRole('button', { name: confirmOtp }));
    await waitFor(() => expect(args.onSucceeded).toHaveBeenCalled());
  },
};

/** No card yet: add one inline (the gateway's page in a dialog), then pay with it. */
export const AddCardInline: Story = {
  name: 'Add a card inline, then pay (flow)',
  parameters: withClient(() => memoryClient()),
  play: async ({ canvas, userEvent, loaded, args }) => {
    await userEvent.click(await canvas.findByRole('button', { name: tr((m) => m.pay.addCard) }));
    // The card step is loaded on demand: it appears once its chunk is there.
    await userEvent.click(await canvas.findByRole('button', { name: tr((m) => m.card.add) }));
    await canvas.findByRole('dialog');
    loaded.client.completeCardRegistration(loaded.client.cardRegistrations[0].id);
    await waitFor(() => expect(canvas.getByRole('radio', { name: /Visa/ })).toBeChecked());
    await userEvent.click(canvas.getByRole('button', { name: payButton }));
    await waitFor(() => expect(args.onSucceeded).toHaveBeenCalled());
  },
};

export const AuthorizeEnglish: Story = {
  name: 'English, hold',
  globals: { locale: 'en' },
  args: { checkout: CHECKOUTS.hold },
  parameters: withCards(visa(), mastercard()),
};
export const AuthorizeDark: Story = {
  name: 'Dark, hold',
  globals: { theme: 'dark' },
  args: { checkout: CHECKOUTS.hold },
  parameters: withCards(visa(), mastercard()),
  play: CardAuthorize.play,
};
export const DarkCardDeclined: Story = {
  name: 'Dark, English, card declined',
  globals: { theme: 'dark', locale: 'en' },
  parameters: withCards(declinedCard()),
  play: CardDeclined.play,
};
