/**
 * The browser ↔ proxy contract (`/ayokit/v1`), defined once. The proxy validates every request
 * with these schemas; the hooks check every response with their compiled form (checks.gen.ts,
 * written by scripts/gen-checks.ts: the same answers without zod's runtime in the browser).
 *
 * Routes (POSTs that create or move money need an Idempotency-Key header):
 *   GET  /banks                          → banksResponse
 *   POST /bindings                       createBindingRequest → bindingResponse (201)
 *   GET  /bindings/:id                   → bindingResponse
 *   POST /card-registrations             createCardRegistrationRequest → cardRegistrationResponse (201)
 *   GET  /card-registrations/:id         → cardRegistrationResponse
 *   GET  /instruments                    → instrumentsResponse (bank accounts and cards)
 *   PATCH /instruments/:id               updateInstrumentRequest → instrumentResponse
 *   POST /instruments/:id/unbind         → unbindingResponse (cards unbind at once, no OTP)
 *   GET  /unbindings/:id                 → unbindingResponse
 *   POST /unbindings/:id/otp             submitOtpRequest → unbindingResponse
 *   POST /unbindings/:id/otp/resend      → unbindingResponse (RATE_LIMITED before resendAvailableAt;
 *                                          NOT_SUPPORTED, 422, when capabilities.otpResend is off)
 *   GET  /checkouts/:id                  → checkoutResponse (made by the merchant's server for this user)
 *   POST /checkouts/:id/pay              payCheckoutRequest → paymentResponse (201)
 *   GET  /payments, /payments/:id        → paymentsResponse, paymentResponse (the user's own)
 *   POST /payments/:id/otp               submitOtpRequest → paymentResponse
 *   POST /payments/:id/otp/resend        → paymentResponse (the same refusals as above)
 *   GET  /payments/:id/refunds           → refundsResponse
 *   GET  /events                         server-sent liveEventSchema
 *   GET  /capabilities                   → capabilitiesSchema (what the provider's API offers)
 *
 * The browser never names an amount and never moves money back: a checkout (amount, order, mode)
 * is created by the merchant's server (`proxy.checkouts.create`), and refunds, captures and voids
 * belong to the merchant's server (`proxy.payments.*`) and its staff (`/ayokit/staff/v1`, see
 * staff.ts).
 */
import * as z from 'zod/mini';
import { BANK_CODES, BANKS, PAYMENT_OTP_THRESHOLD_IDR, rebindingBlockedFor } from './banks';
import { ERROR_CODES } from './errors';
import { BINDING_STATUSES, CARD_REGISTRATION_STATUSES, INSTRUMENT_STATUSES } from './flows';
import { MAX_AMOUNT_IDR } from './money';

/** Statuses the browser sees; `created` (upstream answer not yet known) shows as `processing`. */
export const PUBLIC_PAYMENT_STATUSES = [
  'requires_otp',
  'processing',
  'authorized',
  'succeeded',
  'failed',
  'voided',
] as const;
/** `direct` takes the money at once; `authorize` (cards only) holds it until captured or voided. */
export const PAYMENT_MODES = ['direct', 'authorize'] as const;
export type PaymentMode = (typeof PAYMENT_MODES)[number];
export const INSTRUMENT_TYPES = ['bank_account', 'card'] as const;
export type InstrumentType = (typeof INSTRUMENT_TYPES)[number];
export const CARD_BRAND_IDS = ['visa', 'mastercard', 'jcb'] as const;
export type CardBrandId = (typeof CARD_BRAND_IDS)[number];
export const PUBLIC_REFUND_STATUSES = ['processing', 'succeeded', 'failed'] as const;
export const PUBLIC_UNBINDING_STATUSES = ['processing', 'requires_otp', 'succeeded', 'failed'] as const;

export const bankCodeSchema = z.enum(BANK_CODES);
export const localeSchema = z.enum(['id', 'en']);
export type Locale = z.infer<typeof localeSchema>;

export const amountSchema = z
  .int({ error: 'amount must be a whole number of rupiah' })
  .check(
    z.positive({ error: 'amount must be positive' }),
    z.maximum(MAX_AMOUNT_IDR, { error: `amount must be at most ${MAX_AMOUNT_IDR}` }),
  );

/** Opaque ids: a prefix and 24 url-safe characters. */
const idSchema = (prefix: string) =>
  z
    .string({ error: `must be a ${prefix}_ id` })
    .check(z.regex(new RegExp(`^${prefix}_[A-Za-z0-9]{24}$`), { error: `not a valid ${prefix}_ id` }));
export const ID_PREFIXES = {
  binding: 'bnd',
  cardRegistration: 'crg',
  instrument: 'ins',
  payment: 'pay',
  refund: 'rfd',
  unbinding: 'unb',
  checkout: 'chk',
  audit: 'aud',
} as const;
export const bindingIdSchema = idSchema(ID_PREFIXES.binding);
export const cardRegistrationIdSchema = idSchema(ID_PREFIXES.cardRegistration);
export const instrumentIdSchema = idSchema(ID_PREFIXES.instrument);
export const paymentIdSchema = idSchema(ID_PREFIXES.payment);
export const refundIdSchema = idSchema(ID_PREFIXES.refund);
export const unbindingIdSchema = idSchema(ID_PREFIXES.unbinding);
export const checkoutIdSchema = idSchema(ID_PREFIXES.checkout);

export const idempotencyKeySchema = z.string().check(
  z.regex(/^[A-Za-z0-9_-]{8,64}$/, {
    error: 'Idempotency-Key must be 8–64 characters of letters, digits, _ or -',
  }),
);

/** Indonesian mobile numbers: +62 8…, 62 8… or 08…; normalised to 62… on the wire. */
export const phoneNumberSchema = z.string({ error: 'phoneNumber must be a string' }).check(
  z.regex(/^(?:\+?62|0)8\d{7,12}$/, {
    error: 'phoneNumber must be an Indonesian mobile number, e.g. 081234567890',
  }),
);

export function normalizePhoneNumber(phone: string): string {
  return phone.replace(/^\+?62/, '62').replace(/^0/, '62');
}

// ---- requests ----------------------------------------------------------------------------

/**
 * Text the proxy stores cannot hold the NUL character (PostgreSQL's text refuses it): refused here,
 * naming the field, before anything is sent or written, never by the database half-way through.
 */
export const noNul = (field: string) =>
  z.regex(/^[^\0]*$/, { error: `${field} must not contain the NUL character` });

/** Who a shopper is, as the merchant's `authenticate(request)` names them. */
export const userIdSchema = z
  .string({ error: 'userId must be a string' })
  .check(z.minLength(1), z.maxLength(200), noNul('userId'));

const returnUrlSchema = z
  .url({ protocol: /^https?$/, error: 'returnUrl must be an http(s) URL' })
  .check(z.maxLength(2000), noNul('returnUrl'));

export const createBindingRequest = z.strictObject({
  bankCode: z.optional(bankCodeSchema),
  phoneNumber: z.optional(phoneNumberSchema),
  /** Where the bank's page sends the shopper back; must be on an allowed origin. */
  returnUrl: z.optional(returnUrlSchema),
  locale: z.optional(localeSchema),
});
export type CreateBindingRequest = z.infer<typeof createBindingRequest>;

/** The card number never passes through here: the gateway's page takes it. */
export const createCardRegistrationRequest = z.strictObject({
  returnUrl: z.optional(returnUrlSchema),
  locale: z.optional(localeSchema),
});
export type CreateCardRegistrationRequest = z.infer<typeof createCardRegistrationRequest>;

const text140 = z
  .string()
  .check(z.trim(), z.minLength(1), z.maxLength(140, { error: 'at most 140 characters' }), noNul('The text'));

export const orderIdSchema = z
  .string({ error: 'orderId must be a string' })
  .check(z.regex(/^[A-Za-z0-9_.:-]{1,64}$/, { error: 'orderId must be 1–64 letters, digits or _.:-' }));

/** A checkout lives this long unless the merchant's server says otherwise. */
export const CHECKOUT_DEFAULT_TTL_SECONDS = 30 * 60;

/**
 * What the merchant's server asks for (`proxy.checkouts.create`): the browser never sends this.
 * The amount, order, description and mode of the payment are fixed here.
 */
export const createCheckoutRequest = z.strictObject({
  /** The shopper, as the merchant's `authenticate(request)` names them: only they may pay it. */
  userId: userIdSchema,
  amount: amountSchema,
  orderId: orderIdSchema,
  description: z.optional(text140),
  /** Defaults to `direct`; `authorize` (hold, then capture or void) only for cards. */
  mode: z.optional(z.enum(PAYMENT_MODES)),
  /** How long the checkout may be paid; 60 s to 7 days, default 30 minutes. */
  expiresInSeconds: z.optional(z.int().check(z.minimum(60), z.maximum(7 * 24 * 3600))),
});
export type CreateCheckoutRequest = z.infer<typeof createCheckoutRequest>;

/** What the browser may say when paying a checkout: which of its own instruments. Nothing else. */
export const payCheckoutRequest = z.strictObject({ instrumentId: instrumentIdSchema });
export type PayCheckoutRequest = z.infer<typeof payCheckoutRequest>;

export const otpSchema = z
  .string({ error: 'otp must be a string of 6 digits' })
  .check(z.regex(/^\d{6}$/, { error: 'otp must be 6 digits' }));
export const submitOtpRequest = z.strictObject({ otp: otpSchema });
export type SubmitOtpRequest = z.infer<typeof submitOtpRequest>;

export const createRefundRequest = z.strictObject({
  /** Defaults to everything not yet refunded. */
  amount: z.optional(amountSchema),
  reason: z.optional(text140),
});
export type CreateRefundRequest = z.infer<typeof createRefundRequest>;

/** Capture an authorised card payment; defaults to the authorised amount, at most 120 % of it. */
export const capturePaymentRequest = z.strictObject({ amount: z.optional(amountSchema) });
export type CapturePaymentRequest = z.infer<typeof capturePaymentRequest>;

/** Release an authorised card payment without taking the money. */
export const voidPaymentRequest = z.strictObject({ reason: z.optional(text140) });
export type VoidPaymentRequest = z.infer<typeof voidPaymentRequest>;

export const updateInstrumentRequest = z.strictObject({ isDefault: z.literal(true) });
export type UpdateInstrumentRequest = z.infer<typeof updateInstrumentRequest>;

export const listPaymentsQuery = z.strictObject({
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100))),
  status: z.optional(z.enum(PUBLIC_PAYMENT_STATUSES)),
});

// ---- resources ---------------------------------------------------------------------------

const timestamp = z.iso.datetime({ offset: true });

export const FAILURE_CODES = [
  ...(Object.keys(ERROR_CODES) as (keyof typeof ERROR_CODES)[]),
  'SESSION_EXPIRED',
  'BINDING_REFUSED',
  'BINDING_FAILED',
  /** Card registration: 3-D Secure was not completed. */
  'AUTHENTICATION_FAILED',
  /** A voided payment whose authorisation ran out before it was captured. */
  'AUTHORIZATION_EXPIRED',
] as const;
export const failureSchema = z.object({
  code: z.enum(FAILURE_CODES),
  message: z.string(),
  responseCode: z.optional(z.string()),
});
export type Failure = z.infer<typeof failureSchema>;

export const otpChallengeSchema = z.object({
  attemptsLeft: z.int().check(z.minimum(0)),
  expiresAt: z.nullable(timestamp),
  /** Why the last OTP was not accepted (wrong, expired…), or null. */
  lastError: z.nullable(failureSchema),
  /** How many more times a new OTP can be asked for, and not before when. */
  resendsLeft: z.int().check(z.minimum(0)),
  resendAvailableAt: z.nullable(timestamp),
});
export type OtpChallenge = z.infer<typeof otpChallengeSchema>;

export const bankSchema = z.object({
  code: bankCodeSchema,
  shortName: z.string(),
  name: z.string(),
  paymentOtp: z.enum(['always', 'aboveThreshold']),
  paymentOtpThreshold: z.nullable(z.int()),
  unbindingOtp: z.boolean(),
  rebinding: z.enum([
    'oneAccountPerUser',
    'manyToMany',
    'oneUserPerAccount',
    'oneBindingPerAccount',
    'noSameAccountTwice',
  ]),
  tokenExpiry: z.enum(['none', 'cardExpiry', 'inactivity']),
  refundWindowDays: z.nullable(z.int()),
  /** Whether this user may start a binding with this bank now. */
  available: z.boolean(),
  unavailableReason: z.nullable(z.enum(['ONE_ACCOUNT_PER_USER'])),
});
export type BankView = z.infer<typeof bankSchema>;

/** The banks as one shopper sees them, given the bank codes of the accounts they still hold. */
export function bankViews(heldBankCodes: readonly string[]): BankView[] {
  return BANKS.map((b) => {
    const reason = rebindingBlockedFor(b, heldBankCodes.filter((code) => code === b.code).length);
    return {
      code: b.code,
      shortName: b.shortName,
      name: b.name,
      paymentOtp: b.paymentOtp,
      paymentOtpThreshold: b.paymentOtp === 'aboveThreshold' ? PAYMENT_OTP_THRESHOLD_IDR : null,
      unbindingOtp: b.unbindingOtp,
      rebinding: b.rebinding,
      tokenExpiry: b.tokenExpiry.kind,
      refundWindowDays: b.refundWindowDays,
      available: reason === null,
      unavailableReason: reason,
    };
  });
}

export const bindingSchema = z.object({
  id: bindingIdSchema,
  status: z.enum(BINDING_STATUSES),
  bankCode: z.nullable(bankCodeSchema),
  webviewUrl: z.nullable(z.string()),
  expiresAt: z.nullable(timestamp),
  instrumentId: z.nullable(instrumentIdSchema),
  failure: z.nullable(failureSchema),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Binding = z.infer<typeof bindingSchema>;

export const cardRegistrationSchema = z.object({
  id: cardRegistrationIdSchema,
  status: z.enum(CARD_REGISTRATION_STATUSES),
  webviewUrl: z.nullable(z.string()),
  expiresAt: z.nullable(timestamp),
  instrumentId: z.nullable(instrumentIdSchema),
  failure: z.nullable(failureSchema),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type CardRegistration = z.infer<typeof cardRegistrationSchema>;

const instrumentFields = {
  id: instrumentIdSchema,
  /** e.g. "•••• 1234" */
  maskedNumber: z.string(),
  status: z.enum(INSTRUMENT_STATUSES),
  /** When the bank's token or the card stops working, if known. */
  expiresAt: z.nullable(timestamp),
  isDefault: z.boolean(),
  createdAt: timestamp,
};
export const bankAccountInstrumentSchema = z.object({
  ...instrumentFields,
  type: z.literal('bank_account'),
  bankCode: bankCodeSchema,
  bankName: z.string(),
});
export const cardInstrumentSchema = z.object({
  ...instrumentFields,
  type: z.literal('card'),
  brand: z.enum(CARD_BRAND_IDS),
  last4: z.string().check(z.regex(/^\d{4}$/)),
  expiryMonth: z.int().check(z.minimum(1), z.maximum(12)),
  expiryYear: z.int(),
});
export const instrumentSchema = z.discriminatedUnion('type', [
  bankAccountInstrumentSchema,
  cardInstrumentSchema,
]);
export type BankAccountInstrument = z.infer<typeof bankAccountInstrumentSchema>;
export type CardInstrument = z.infer<typeof cardInstrumentSchema>;
export type Instrument = z.infer<typeof instrumentSchema>;

export const paymentSchema = z.object({
  id: paymentIdSchema,
  instrumentId: instrumentIdSchema,
  instrumentType: z.enum(INSTRUMENT_TYPES),
  mode: z.enum(PAYMENT_MODES),
  /** Asked for; for `authorize`, the amount held. */
  amount: z.int(),
  currency: z.literal('IDR'),
  description: z.nullable(z.string()),
  orderId: z.nullable(z.string()),
  /** The checkout this payment pays. */
  checkoutId: z.nullable(checkoutIdSchema),
  status: z.enum(PUBLIC_PAYMENT_STATUSES),
  otp: z.nullable(otpChallengeSchema),
  failure: z.nullable(failureSchema),
  /** Money actually taken: the amount once a direct payment succeeds, the capture for `authorize`. */
  capturedAmount: z.int(),
  /** `authorized`: when the hold is voided unless captured. */
  authorizationExpiresAt: z.nullable(timestamp),
  refundedAmount: z.int(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Payment = z.infer<typeof paymentSchema>;

/**
 * `open`: payable now. `processing`: a payment is under way. `paid`: a payment succeeded or holds
 * the money (authorize mode). `expired` / `cancelled`: can no longer be paid. A failed payment
 * leaves the checkout `open` for another try (another instrument), never for a second success.
 */
export const CHECKOUT_STATUSES = ['open', 'processing', 'paid', 'expired', 'cancelled'] as const;
export type CheckoutStatus = (typeof CHECKOUT_STATUSES)[number];

export const checkoutSchema = z.object({
  id: checkoutIdSchema,
  status: z.enum(CHECKOUT_STATUSES),
  amount: z.int(),
  currency: z.literal('IDR'),
  orderId: z.string(),
  description: z.nullable(z.string()),
  mode: z.enum(PAYMENT_MODES),
  expiresAt: timestamp,
  /** The payment that paid it or is paying it now; null while open with no live payment. */
  paymentId: z.nullable(paymentIdSchema),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Checkout = z.infer<typeof checkoutSchema>;

export const refundSchema = z.object({
  id: refundIdSchema,
  paymentId: paymentIdSchema,
  amount: z.int(),
  status: z.enum(PUBLIC_REFUND_STATUSES),
  failure: z.nullable(failureSchema),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Refund = z.infer<typeof refundSchema>;

export const unbindingSchema = z.object({
  id: unbindingIdSchema,
  instrumentId: instrumentIdSchema,
  status: z.enum(PUBLIC_UNBINDING_STATUSES),
  otp: z.nullable(otpChallengeSchema),
  failure: z.nullable(failureSchema),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Unbinding = z.infer<typeof unbindingSchema>;

// ---- responses ---------------------------------------------------------------------------

export const banksResponse = z.object({ banks: z.array(bankSchema) });
export const bindingResponse = z.object({ binding: bindingSchema });
export const cardRegistrationResponse = z.object({ cardRegistration: cardRegistrationSchema });
export const instrumentsResponse = z.object({ instruments: z.array(instrumentSchema) });
export const instrumentResponse = z.object({ instrument: instrumentSchema });
export const checkoutResponse = z.object({ checkout: checkoutSchema });
export const paymentResponse = z.object({ payment: paymentSchema });
export const paymentsResponse = z.object({ payments: z.array(paymentSchema) });
export const refundResponse = z.object({ refund: refundSchema });
export const refundsResponse = z.object({ refunds: z.array(refundSchema) });
export const unbindingResponse = z.object({ unbinding: unbindingSchema });

/**
 * What the payment provider's API offers (the wire profile's `capabilities`): the UI shows a
 * "resend code", a card refund or a card void only when it is there. A call for one that is off is
 * refused with NOT_SUPPORTED (422) before anything is sent upstream.
 */
export const capabilitiesSchema = z.object({
  /** A new OTP can be asked for (payments and unbindings). */
  otpResend: z.boolean(),
  /** Card payments can be refunded by API (otherwise by the provider's operations team). */
  cardRefund: z.boolean(),
  /** An authorised card payment can be voided by API. */
  cardVoid: z.boolean(),
});
export type Capabilities = z.infer<typeof capabilitiesSchema>;

export const apiErrorSchema = z.object({
  code: z.enum(Object.keys(ERROR_CODES) as [keyof typeof ERROR_CODES, ...(keyof typeof ERROR_CODES)[]]),
  message: z.string(),
  responseCode: z.optional(z.string()),
  issues: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
});

/** Server-sent events of `GET /ayokit/v1/events`: `event:` is the type, `data:` the resource. */
export const liveEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('binding'), data: bindingSchema }),
  z.object({ type: z.literal('card_registration'), data: cardRegistrationSchema }),
  z.object({ type: z.literal('instrument'), data: instrumentSchema }),
  z.object({ type: z.literal('payment'), data: paymentSchema }),
  z.object({ type: z.literal('refund'), data: refundSchema }),
  z.object({ type: z.literal('unbinding'), data: unbindingSchema }),
]);
export type LiveEvent = z.infer<typeof liveEventSchema>;
export type LiveEventType = LiveEvent['type'];
