/**
 * Reads a JSON body field by field; the first problem is kept as data (which case, which field)
 * so every endpoint answers 400xx02/400xx01 naming the field, never a 500.
 */
import { MERCHANT_ID_PATTERN } from '@ayokit/core/snap';
import { fieldError, type SnapError } from './respond';

type Json = unknown;

function at(body: Json, path: string): Json {
  let cur: Json = body;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, Json>)[key];
  }
  return cur;
}

export class FieldReader {
  issue: SnapError | null = null;

  constructor(private readonly body: Json) {}

  private fail(kase: 'missingField' | 'invalidFieldFormat', field: string): void {
    if (!this.issue) this.issue = fieldError(kase, field);
  }

  /** A mandatory string; '' when missing or malformed (and the issue recorded). */
  string(path: string, pattern?: RegExp): string {
    const value = at(this.body, path);
    if (value === undefined || value === null || value === '') {
      this.fail('missingField', path);
      return '';
    }
    if (typeof value !== 'string' || (pattern && !pattern.test(value))) {
      this.fail('invalidFieldFormat', path);
      return '';
    }
    return value;
  }

  optionalString(path: string, pattern?: RegExp): string | undefined {
    const value = at(this.body, path);
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string' || (pattern && !pattern.test(value))) {
      this.fail('invalidFieldFormat', path);
      return undefined;
    }
    return value;
  }

  /** One of `options`; undefined when missing and optional. */
  oneOf<T extends string>(path: string, options: readonly T[], optional = false): T | undefined {
    const value = optional ? this.optionalString(path) : this.string(path);
    if (value === undefined || value === '') return undefined;
    if (!(options as readonly string[]).includes(value)) {
      this.fail('invalidFieldFormat', path);
      return undefined;
    }
    return value as T;
  }

  /** A mandatory object (e.g. additionalData): missing → 400xx02, not an object → 400xx01. */
  object(path: string): Record<string, unknown> {
    const value = at(this.body, path);
    if (value === undefined || value === null) {
      this.fail('missingField', path);
      return {};
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.fail('invalidFieldFormat', path);
      return {};
    }
    return value as Record<string, unknown>;
  }

  /** The card API's optional `additionalInfo`: at most `maxPairs` string values. */
  optionalPairs(path: string, maxPairs: number): Record<string, string> {
    this.optionalObject(path);
    const value = at(this.body, path);
    if (!isObject(value)) return {};
    const entries = Object.entries(value);
    if (entries.length > maxPairs || entries.some(([, v]) => typeof v !== 'string')) {
      this.fail('invalidFieldFormat', path);
      return {};
    }
    return value as Record<string, string>;
  }

  /** An optional object (e.g. additionalInfo) must at least be an object. */
  optionalObject(path: string): void {
    const value = at(this.body, path);
    if (value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      this.fail('invalidFieldFormat', path);
    }
  }
}

export const PATTERNS = {
  /** partnerReferenceNo, partnerRefundNo, referenceNo. */
  reference: /^[A-Za-z0-9_-]{1,64}$/,
  token: /^[A-Za-z0-9._-]{1,128}$/,
  merchantId: MERCHANT_ID_PATTERN,
  phone: /^62\d{7,13}$/,
  /** SNAP amount: digits, optional minus, two decimals; the value is checked separately. */
  amount: /^-?\d{1,16}\.\d{2}$/,
  otp: /^\d{6}$/,
  url: /^https?:\/\/\S+$/,
  /** The merchant's id of its user (binding customer id, card customerId). */
  customerId: /^\S{1,64}$/,
  cardToken: /^[A-Za-z0-9]{40}$/,
  /** binding `lang`: 2–8 characters [ref]. */
  lang: /^[A-Za-z_-]{2,8}$/,
  /** Payment `additionalInfo` values: 1–100 of alnum and space@.-_+*!~ [ref]. */
  remark: /^[A-Za-z0-9 @.\-_+*!~]{1,100}$/,
  /** The card API's required 1–32 string (generate-webview, create-charge) [ref]. */
  cardReference: /^[\x21-\x7E]{1,32}$/,
  /** The card API's customerId, 6–16 [ref]. */
  cardCustomerId: /^[\x21-\x7E]{6,16}$/,
  /** The status GET's id: 1–40 alphanumerics [ref]. */
  cardStatusId: /^[A-Za-z0-9]{1,40}$/,
  /** The status GET's merchant id: 1–32 [ref]. */
  cardMerchantId: /^[\x21-\x7E]{1,32}$/,
  email: /^[^\s@]+@[^\s@]+$/,
} as const;

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A SNAP amount value as whole rupiah (may be zero or negative: that is the bank's call); null = bad format. */
export function parseAmountValue(value: string): number | null {
  if (!PATTERNS.amount.test(value)) return null;
  const [whole, cents] = value.split('.') as [string, string];
  if (cents !== '00') return null;
  const n = Number(whole);
  return Number.isSafeInteger(n) ? n : null;
}
