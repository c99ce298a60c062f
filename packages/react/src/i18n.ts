import type { AuditAction, CardBrandId, Failure, Locale, RebindingRule } from '@ayokit/core';
import { useAyoContext } from '@ayokit/hooks';
import { id } from './locales/id';
import { type MessageOverrides, type PartialMessages, type Translations, withOverrides } from './overrides';

export type FailureCode = Failure['code'];

/** What a list of saved instruments holds: bank accounts, cards, or both. */
export type ListedKinds = 'accounts' | 'cards' | 'both';

/**
 * Every word the components show, in Bahasa Indonesia and English. Functions take the values
 * they interpolate; amounts arrive already formatted (IDR through Intl).
 */
export interface AyoMessages {
  common: {
    loading: string;
    retry: string;
    cancel: string;
    close: string;
    tryAgain: string;
    back: string;
    continue: string;
    confirm: string;
    timeLeft: (clock: string) => string;
    minutesLeft: (minutes: number) => string;
  };
  banks: {
    legend: string;
    loading: string;
    loaded: (count: number) => string;
    loadError: string;
    paymentOtp: string;
    otpAlways: string;
    otpAbove: (amount: string) => string;
    unbindingOtp: string;
    unbindingOtpYes: string;
    unbindingOtpNo: string;
    rebindingLabel: string;
    rebinding: Record<RebindingRule, string>;
    unavailable: Record<'ONE_ACCOUNT_PER_USER', string>;
  };
  otp: {
    label: string;
    hint: string;
    attemptsLeft: (n: number) => string;
    noAttemptsLeft: string;
    resend: string;
    resendIn: (clock: string) => string;
    resendReady: string;
    resent: string;
    complete: string;
    resendsLeft: (n: number) => string;
    noResendsLeft: string;
    resending: string;
    /** Instead of "resend" when the provider has no resend API. */
    noResend: string;
  };
  savedCards: {
    /** The list's legend or heading, by what it lists: bank accounts, cards, or both. */
    legend: Record<ListedKinds, string>;
    loading: Record<ListedKinds, string>;
    loadError: Record<ListedKinds, string>;
    empty: Record<ListedKinds, string>;
    endingIn: (last4: string) => string;
    badgeDefault: string;
    badgeExpired: string;
    badgeExpiring: string;
    badgeBlocked: string;
    setDefault: string;
    setDefaultFor: (account: string) => string;
    defaultSet: (account: string) => string;
    remove: string;
    removeFor: (account: string) => string;
    confirmTitle: (account: string) => string;
    confirmBody: string;
    confirmRemove: string;
    removing: string;
    otpTitle: string;
    otpBody: (bank: string) => string;
    verifyOtp: string;
    removed: (account: string) => string;
    removeFailed: string;
    otpRequired: string;
    expires: (monthYear: string) => string;
    confirmRemoveCardBody: string;
    removingCard: string;
    removeCardFailed: string;
  };
  card: {
    brands: Record<CardBrandId, string>;
    title: string;
    intro: string;
    add: string;
    creating: string;
    dialogTitle: string;
    pageTitle: string;
    continueInWindow: string;
    windowHint: string;
    popupBlocked: string;
    popupClosed: string;
    reopen: string;
    redirecting: string;
    verifying: string;
    added: (card: string) => string;
    failedTitle: string;
    authFailedTitle: string;
    expired: string;
    stillProcessing: string;
    checkAgain: string;
    /** Plain words for a card's decline, where they differ from a bank account's. */
    declines: Partial<Record<FailureCode, string>>;
  };
  bind: {
    title: string;
    chooseBank: string;
    noBankChosen: string;
    continue: string;
    creating: string;
    dialogTitle: (bank: string) => string;
    bankPageTitle: (bank: string) => string;
    continueInWindow: (bank: string) => string;
    windowHint: string;
    popupBlocked: string;
    popupClosed: string;
    reopen: string;
    redirecting: (bank: string) => string;
    verifying: string;
    bound: (bank: string) => string;
    failedTitle: string;
    expired: string;
    stillProcessing: string;
    checkAgain: string;
    chooseAnother: string;
    anyBank: string;
    refusedTitle: string;
    refusedBody: (bank: string) => string;
    refusedUseExisting: string;
    refusedUnbindFirst: string;
    refusedOneAccountPerUser: (bank: string) => string;
  };
  pay: {
    title: (amount: string) => string;
    invalidCheckout: string;
    loadingCheckout: string;
    checkoutNotFound: string;
    checkoutLoadError: string;
    order: (orderId: string) => string;
    payBefore: (date: string) => string;
    alreadyPaidTitle: string;
    alreadyPaidBody: (amount: string) => string;
    inProgressTitle: string;
    inProgressBody: string;
    /** The OTP step left with Cancel: the payment waits for its code at the bank. */
    otpPausedTitle: string;
    otpPausedBody: string;
    enterOtp: string;
    expiredTitle: string;
    expiredBody: string;
    cancelledTitle: string;
    cancelledBody: string;
    chooseAccount: string;
    noAccountChosen: string;
    bindNew: string;
    payButton: (amount: string) => string;
    paying: string;
    otpTitle: string;
    otpBody: (bank: string) => string;
    otpIncomplete: string;
    confirmOtp: string;
    checkingOtp: string;
    processing: string;
    stillProcessing: string;
    checkAgain: string;
    succeeded: (amount: string) => string;
    failedTitle: string;
    tryAgain: string;
    holdTitle: (amount: string) => string;
    holdButton: (amount: string) => string;
    holding: string;
    held: (amount: string) => string;
    heldBody: string;
    /** Binding or adding a card is loaded when asked for; this when that load failed. */
    stepLoadError: string;
    addCard: string;
    chooseCard: string;
    noCardChosen: string;
    otpTitleCard: string;
    otpBodyCard: (brand: string) => string;
    voided: string;
  };
  status: {
    title: string;
    loading: string;
    loadError: string;
    /** The back-office actions (refund, capture, void) are loaded when asked for: their load failed. */
    actionsLoadError: string;
    amount: string;
    date: string;
    order: string;
    customer: string;
    refunded: string;
    states: {
      processing: string;
      requiresOtp: string;
      succeeded: string;
      failed: string;
      refunded: string;
      partiallyRefunded: string;
      authorized: string;
      captured: string;
      voided: string;
      expiredHold: string;
    };
    authorizedAmount: string;
    capturedAmount: string;
    holdExpires: string;
    holdExpiredBody: string;
  };
  /**
   * The back office's refund, capture and void on a payment (PaymentStatus with `allowRefund`,
   * `allowCapture`, `allowVoid`): loaded with those actions, never on a shopper's page.
   */
  paymentActions: {
    capture: string;
    captureTitle: string;
    captureAmount: string;
    captureHint: (authorized: string, max: string) => string;
    captureAmountInvalid: (max: string) => string;
    captureExceeds: (max: string) => string;
    confirmCapture: (amount: string) => string;
    capturing: string;
    captured: (amount: string) => string;
    captureFailed: string;
    void: string;
    voidTitle: string;
    voidBody: (amount: string) => string;
    confirmVoid: string;
    voiding: string;
    voided: string;
    voidFailed: string;
    refundCardFullOnly: string;
    /** Instead of "refund" on a card payment when the provider has no card refund API. */
    cardRefundByOps: string;
    refund: string;
    refundTitle: string;
    refundFull: (amount: string) => string;
    refundPartial: string;
    refundAmount: string;
    refundAmountHint: (max: string) => string;
    refundAmountInvalid: (max: string) => string;
    /** The confirm button while the amount cannot be read yet. */
    confirmRefund: string;
    /** The confirm button with the amount it refunds. */
    confirmRefundAmount: (amount: string) => string;
    refunding: string;
    refundProcessing: string;
    refundSucceeded: (amount: string) => string;
    refundFailed: string;
    /**
     * Said (not shown) after Capture, Void and Refund, so that a screen reader's list of buttons
     * tells one order's from another's: the order, else the payment, and its amount.
     */
    actionSubject: (order: string | null, amount: string) => string;
  };
  audit: {
    title: string;
    intro: string;
    loading: string;
    loadError: string;
    empty: string;
    loaded: (count: number) => string;
    when: string;
    who: string;
    action: string;
    payment: string;
    amount: string;
    result: string;
    actions: Record<AuditAction, string>;
    accepted: string;
    refused: string;
    server: string;
    /** The actor of a refund Ayoconnect made itself (a card refund by its operations). */
    gateway: string;
    fullAmount: string;
    heldAmount: string;
    noAmount: string;
    reason: (reason: string) => string;
  };
  errors: Record<FailureCode, string>;
}

// Indonesian is built in (the default locale); English and any other come from `translations`.
const builtIn = { id };

/** The parts of the dictionary: a component's built-in words are some of them (useMessagesOf). */
const PARTS: ReadonlySet<string> = new Set<keyof AyoMessages>([
  'common',
  'banks',
  'otp',
  'savedCards',
  'card',
  'bind',
  'pay',
  'status',
  'paymentActions',
  'audit',
  'errors',
] satisfies (keyof AyoMessages)[]);

/** Your words over the built-in ones, for one locale: `{ savedCards: { legend: { cards: 'Your cards' } } }`. */
export type PartialAyoMessages = PartialMessages<AyoMessages>;
/** `AyoProvider`'s `messages`: your words per locale, e.g. `{ en: { … }, id: { … } }`. */
export type AyoMessageOverrides = MessageOverrides<AyoMessages>;
/**
 * `AyoProvider`'s `translations`: whole dictionaries for the locales it may show beyond the
 * built-in Indonesian, e.g. `{ en }` from `@ayokit/react/locales/en`.
 */
export type AyoTranslations = Translations<AyoMessages>;

/**
 * The dictionary of the provider's locale (built in for `id`, from its `translations` otherwise),
 * with the provider's `messages` on top.
 */
export function useMessages(component: string): { t: AyoMessages; locale: Locale } {
  return useMessagesOf(component, builtIn);
}

/**
 * As useMessages, with only the parts of the built-in Indonesian that the component shows (a
 * module constant, `{ id: { common, pay } }` of locales/idParts/), so that a page carries only
 * the words of the components it has. Other locales come whole from `translations`; the provider's
 * `messages` for the other parts are left to the components that show them.
 */
export function useMessagesOf<K extends keyof AyoMessages>(
  component: string,
  parts: { id: Pick<AyoMessages, K> },
): { t: Pick<AyoMessages, K>; locale: Locale } {
  const { locale, messages: overrides, translations } = useAyoContext(component);
  return { t: withOverrides(parts, locale, translations, overrides, PARTS), locale };
}

/** A card's decline in plain words (a card, not an account), else the usual words. */
export function cardErrorText(
  t: Pick<AyoMessages, 'card' | 'errors'>,
  error: { code: string; message?: string },
): string {
  return (t.card.declines as Record<string, string>)[error.code] ?? errorText(t, error);
}

/** Plain words for an error code; unknown codes fall back to the server's message. */
export function errorText(t: Pick<AyoMessages, 'errors'>, error: { code: string; message?: string }): string {
  return (t.errors as Record<string, string>)[error.code] ?? error.message ?? t.errors.INTERNAL;
}
