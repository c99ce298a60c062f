import type { CardPaymentView, CardRecord, FieldPaths, WireProfile } from '@ayokit/core/snap';
import { readField } from '@ayokit/core/snap';
import type { FlowContext } from '../context';
import { readMoment, readString } from '../flows/shared';

type Fields = WireProfile['card']['responseFields'];
type Log = FlowContext['log'];

/**
 * A moment the gateway names (ISO 8601 with an offset, as every timestamp of the API), as that
 * text; a value that is no such date (an epoch number, a typo, a year no database holds) is
 * missing, and said so in the log: the flow goes on as if the gateway had not named it.
 */
export function readCardDate(body: unknown, paths: FieldPaths, log?: Log): string | undefined {
  const text = readString(body, paths);
  return readMoment({ log: log ?? (() => undefined) }, text, paths[0] ?? 'date') ? text : undefined;
}

const amount = (body: unknown, paths: Fields['capturedAmount']) => {
  const value = readString(body, paths);
  return value ? { value, currency: 'IDR' as const } : undefined;
};

/**
 * A payment as the card gateway tells it (a charge answer, the status answer or a callback), read
 * leniently through the profile's `card.responseFields`: a field that is not there is undefined.
 */
export function readCardView(fields: Fields, body: unknown, log?: Log): Partial<CardPaymentView> {
  return {
    referenceNo: readString(body, fields.referenceNo),
    partnerReferenceNo: readString(body, fields.partnerReferenceNo),
    transactionStatus: readString(body, fields.transactionStatus) as CardPaymentView['transactionStatus'],
    capturedAmount: amount(body, fields.capturedAmount),
    refundedAmount: amount(body, fields.refundedAmount),
    refundNo: readString(body, fields.refundNo),
    authorizationExpiresAt: readCardDate(body, fields.authorizationExpiresAt, log),
    failureResponseCode: readString(body, fields.failureResponseCode),
    failureReason: readString(body, fields.failureReason),
  };
}

/** One card record (of the list answer or the registration callback), through the profile. */
export function readCardRecord(fields: Fields, raw: unknown): Partial<CardRecord> {
  return {
    referenceNo: readString(raw, fields.cardReferenceNo),
    registrationStatus: readString(raw, fields.cardStatus) as CardRecord['registrationStatus'],
    cardToken: readString(raw, fields.cardToken),
    brand: readString(raw, fields.cardBrand) as CardRecord['brand'],
    maskedCardNumber: readString(raw, fields.cardMaskedNumber),
    expiryMonth: readString(raw, fields.cardExpiryMonth),
    expiryYear: readString(raw, fields.cardExpiryYear),
    failureReason: readString(raw, fields.cardFailureReason),
  };
}

/** The card list answer's records (none when the list is missing or not a list). */
export function readCardRecords(fields: Fields, body: unknown): Partial<CardRecord>[] {
  const list = readField(body, fields.cards);
  return Array.isArray(list) ? list.map((c) => readCardRecord(fields, c)) : [];
}

/** The registration callback's card record, or null when the callback names none. */
export function readCallbackCard(fields: Fields, body: unknown): Partial<CardRecord> | null {
  const card = readField(body, fields.callbackCard);
  return card !== null && typeof card === 'object' ? readCardRecord(fields, card) : null;
}
