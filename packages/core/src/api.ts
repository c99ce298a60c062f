/**
 * The browser ↔ proxy contract (`/ayokit/v1`), defined once. The proxy validates every request
 * with these schemas; the hooks validate every response.
 */
import * as z from 'zod';
import { BANK_CODES } from './banks';
import { ERROR_CODES } from './errors';
import { BINDING_STATUSES, INSTRUMENT_STATUSES } from './flows';
import { MAX_AMOUNT_IDR } from './money';

export const API_PREFIX = '/ayokit/v1';
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** Statuses the browser sees; `created` (upstream answer not yet known) shows as `processing`. */
export const PUBLIC_PAYMENT_STATUSES = ['requires_otp', 'processing', 'succeeded', 'failed'] as const;
export const PUBLIC_REFUND_STATUSES = ['processing', 'succeeded', 'failed'] as const;
export const PUBLIC_UNBINDING_STATUSES = ['processing', 'requires_otp', 'succeeded', 'failed'] as const;

export const bankCodeSchema = z.enum(BANK_CODES);
export const localeSchema = z.enum(['id', 'en']);
export type Locale = z.infer<typeof localeSchema>;

export const amountSchema = z
  .number({ error: 'amount must be a number of rupiah' })
  .int({ error: 'amount must be a whole number of rupiah' })
  .positive({ error: 'amount must be positive' })
  .max(MAX_AMOUNT_IDR, { error: `amount must be at most ${MAX_AMOUNT_IDR}` });

/** Opaque ids: a prefix and 24 url-safe characters. */
const idSchema = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}_[A-Za-z0-9]{24}$`), { error: `not a valid ${prefix}_ id` });
export const ID_PREFIXES = {
  binding: 'bnd',
  instrument: 'ins',
  payment: 'pay',
  refund: 'rfd',
  unbinding: 'unb',
} as const;
export const bindingIdSchema = idSchema(ID_PREFIXES.binding);
export const instrumentIdSchema = idSchema(ID_PREFIXES.instrument);
export const paymentIdSchema = idSchema(ID_PREFIXES.payment);
export const refundIdSchema = idSchema(ID_PREFIXES.refund);
export const unbindingIdSchema = idSchema(ID_PREFIXES.unbinding);

export const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, {
  error: 'Idempotency-Key must be 8–64 characters of letters, digits, _ or -',
});

/** Indonesian mobile numbers: +62 8…, 62 8… or 08…; normalised to 62… on the wire. */
export const phoneNumberSchema = z.string().regex(/^(?:\+?62|0)8\d{7,12}$/, {
  error: 'phoneNumber must be an Indonesian mobile number, e.g. 081234567890',
});

export function normalizePhoneNumber(phone: string): string {
  return phone.replace(/^\+?62/, '62').replace(/^0/, '62');
}

// ---- requests ----------------------------------------------------------------------------

export const createBindingRequest = z.strictObject({
  bankCode: bankCodeSchema.optional(),
  phoneNumber: phoneNumberSchema.optional(),
  /** Where the bank's page sends the shopper back; must be on an allowed origin. */
  returnUrl: z
    .url({ protocol: /^https?$/, error: 'returnUrl must be an http(s) URL' })
    .max(2000)
    .optional(),
  locale: localeSchema.optional(),
});
export type CreateBindingRequest = z.infer<typeof createBindingRequest>;

export const createPaymentRequest = z.strictObject({
  instrumentId: instrumentIdSchema,
  amount: amountSchema,
  description: z.string().trim().min(1).max(140).optional(),
  orderId: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, { error: 'orderId must be 1–64 letters, digits or _.:-' })
    .optional(),
});
export type CreatePaymentRequest = z.infer<typeof createPaymentRequest>;

export const otpSchema = z.string().regex(/^\d{6}$/, { error: 'otp must be 6 digits' });
export const submitOtpRequest = z.strictObject({ otp: otpSchema });
export type SubmitOtpRequest = z.infer<typeof submitOtpRequest>;

export const createRefundRequest = z.strictObject({
  /** Defaults to everything not yet refunded. */
  amount: amountSchema.optional(),
  reason: z.string().trim().min(1).max(140).optional(),
});
export type CreateRefundRequest = z.infer<typeof createRefundRequest>;

export const updateInstrumentRequest = z.strictObject({ isDefault: z.literal(true) });
export type UpdateInstrumentRequest = z.infer<typeof updateInstrumentRequest>;

export const listPaymentsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).optional(),
  status: z.enum(PUBLIC_PAYMENT_STATUSES).optional(),
});

// ---- resources ---------------------------------------------------------------------------

const timestamp = z.iso.datetime({ offset: true });

export const FAILURE_CODES = [
  ...(Object.keys(ERROR_CODES) as (keyof typeof ERROR_CODES)[]),
  'SESSION_EXPIRED',
  'BINDING_REFUSED',
  'BINDING_FAILED',
] as const;
export const failureSchema = z.object({
  code: z.enum(FAILURE_CODES),
  message: z.string(),
  responseCode: z.string().optional(),
});
export type Failure = z.infer<typeof failureSchema>;

export const otpChallengeSchema = z.object({
  attemptsLeft: z.number().int().min(0),
  expiresAt: timestamp.nullable(),
  /** Why the last OTP was not accepted (wrong, expired…), or null. */
  lastError: failureSchema.nullable(),
});
export type OtpChallenge = z.infer<typeof otpChallengeSchema>;

export const bankSchema = z.object({
  code: bankCodeSchema,
  shortName: z.string(),
  name: z.string(),
  paymentOtp: z.enum(['always', 'aboveThreshold']),
  paymentOtpThreshold: z.number().int().nullable(),
  unbindingOtp: z.boolean(),
  rebinding: z.enum([
    'oneAccountPerUser',
    'manyToMany',
    'oneUserPerAccount',
    'oneBindingPerAccount',
    'noSameAccountTwice',
  ]),
  tokenExpiry: z.enum(['none', 'cardExpiry', 'inactivity']),
  refundWindowDays: z.number().int().nullable(),
  /** Whether this user may start a binding with this bank now. */
  available: z.boolean(),
  unavailableReason: z.enum(['ONE_ACCOUNT_PER_USER']).nullable(),
});
export type BankView = z.infer<typeof bankSchema>;

export const bindingSchema = z.object({
  id: bindingIdSchema,
  status: z.enum(BINDING_STATUSES),
  bankCode: bankCodeSchema.nullable(),
  webviewUrl: z.string().nullable(),
  expiresAt: timestamp.nullable(),
  instrumentId: instrumentIdSchema.nullable(),
  failure: failureSchema.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Binding = z.infer<typeof bindingSchema>;

export const instrumentSchema = z.object({
  id: instrumentIdSchema,
  type: z.literal('bank_account'),
  bankCode: bankCodeSchema,
  bankName: z.string(),
  maskedNumber: z.string(),
  status: z.enum(INSTRUMENT_STATUSES),
  expiresAt: timestamp.nullable(),
  isDefault: z.boolean(),
  createdAt: timestamp,
});
export type Instrument = z.infer<typeof instrumentSchema>;

export const paymentSchema = z.object({
  id: paymentIdSchema,
  instrumentId: instrumentIdSchema,
  amount: z.number().int(),
  currency: z.literal('IDR'),
  description: z.string().nullable(),
  orderId: z.string().nullable(),
  status: z.enum(PUBLIC_PAYMENT_STATUSES),
  otp: otpChallengeSchema.nullable(),
  failure: failureSchema.nullable(),
  refundedAmount: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Payment = z.infer<typeof paymentSchema>;

export const refundSchema = z.object({
  id: refundIdSchema,
  paymentId: paymentIdSchema,
  amount: z.number().int(),
  status: z.enum(PUBLIC_REFUND_STATUSES),
  failure: failureSchema.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Refund = z.infer<typeof refundSchema>;

export const unbindingSchema = z.object({
  id: unbindingIdSchema,
  instrumentId: instrumentIdSchema,
  status: z.enum(PUBLIC_UNBINDING_STATUSES),
  otp: otpChallengeSchema.nullable(),
  failure: failureSchema.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Unbinding = z.infer<typeof unbindingSchema>;

// ---- responses ---------------------------------------------------------------------------

export const banksResponse = z.object({ banks: z.array(bankSchema) });
export const bindingResponse = z.object({ binding: bindingSchema });
export const instrumentsResponse = z.object({ instruments: z.array(instrumentSchema) });
export const instrumentResponse = z.object({ instrument: instrumentSchema });
export const paymentResponse = z.object({ payment: paymentSchema });
export const paymentsResponse = z.object({ payments: z.array(paymentSchema) });
export const refundResponse = z.object({ refund: refundSchema });
export const refundsResponse = z.object({ refunds: z.array(refundSchema) });
export const unbindingResponse = z.object({ unbinding: unbindingSchema });

export const apiErrorSchema = z.object({
  code: z.enum(Object.keys(ERROR_CODES) as [keyof typeof ERROR_CODES, ...(keyof typeof ERROR_CODES)[]]),
  message: z.string(),
  responseCode: z.string().optional(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

/** Server-sent events of `GET /ayokit/v1/events`: `event:` is the type, `data:` the resource. */
export const liveEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('binding'), data: bindingSchema }),
  z.object({ type: z.literal('instrument'), data: instrumentSchema }),
  z.object({ type: z.literal('payment'), data: paymentSchema }),
  z.object({ type: z.literal('refund'), data: refundSchema }),
  z.object({ type: z.literal('unbinding'), data: unbindingSchema }),
]);
export type LiveEvent = z.infer<typeof liveEventSchema>;
export type LiveEventType = LiveEvent['type'];
