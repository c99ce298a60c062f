/**
 * Signed webhooks of order events: `Ayokit-Signature` = hex HMAC-SHA256(secret, `${timestamp}.${body}`),
 * `Ayokit-Timestamp` = Unix seconds. Web Crypto, so sender and receiver run on any runtime; on Node
 * the sender signs with Node's own crypto, at once (see `signWebhook`).
 */
import { type OrderEvent, orderEventSchema, WEBHOOK_HEADERS } from '@ayokit/core';
import { nodeBuiltin } from '@ayokit/core/snap';

export const WEBHOOK_ERROR_CODES = [
  'WEBHOOK_SIGNATURE_INVALID',
  'WEBHOOK_TIMESTAMP_OUT_OF_RANGE',
  'WEBHOOK_MALFORMED',
] as const;
export type WebhookErrorCode = (typeof WEBHOOK_ERROR_CODES)[number];

/** Why a webhook was refused; answer it with a 400 and let the proxy retry if it was yours. */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
  constructor(
    readonly code: WebhookErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const encoder = new TextEncoder();

function hmacKey(secret: string, usage: KeyUsage): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    usage,
  ]);
}

function signedBytes(timestamp: string, body: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(`${timestamp}.${body}`);
}

function toHex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

function fromHex(hex: string): Uint8Array<ArrayBuffer> | null {
  if (!/^(?:[0-9a-f]{2})+$/i.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** The part of `node:crypto` used here. */
interface NodeHmac {
  createHmac(algorithm: 'sha256', key: string): { update(data: string): { digest(encoding: 'hex'): string } };
}

/**
 * The signature the proxy sends for `body` at `timestamp` (Unix seconds). On Node it is computed
 * synchronously (the same bytes as Web Crypto's): nothing runs between reading the clock for the
 * timestamp and sending, where Web Crypto's sign waits for a worker thread, the longer the busier
 * the machine.
 */
export async function signWebhook(secret: string, timestamp: number, body: string): Promise<string> {
  const node = nodeBuiltin<NodeHmac>('node:crypto');
  if (node) return node.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  const key = await hmacKey(secret, 'sign');
  return toHex(await crypto.subtle.sign('HMAC', key, signedBytes(String(timestamp), body)));
}

/** The headers of one delivery of `body` (the event's JSON, exactly as sent). */
export async function webhookHeaders(
  secret: string,
  event: { id: string },
  body: string,
  timestamp: number,
): Promise<Record<string, string>> {
  return {
    'content-type': 'application/json',
    'user-agent': 'ayokit-webhooks/1',
    [WEBHOOK_HEADERS.id]: event.id,
    [WEBHOOK_HEADERS.timestamp]: String(timestamp),
    [WEBHOOK_HEADERS.signature]: await signWebhook(secret, timestamp, body),
  };
}

/** Fetch `Headers`, Node's `IncomingHttpHeaders` or a plain object. */
export type WebhookHeaders =
  | Headers
  | { get(name: string): string | null }
  | Record<string, string | string[] | undefined>;

export interface VerifyWebhookInput {
  /** The raw request body, exactly as received (read it with `request.text()`, not re-serialised). */
  body: string | Uint8Array | ArrayBuffer;
  headers: WebhookHeaders;
  secret: string;
  /** How old (or how far in the future) a timestamp may be; default 300 s. */
  toleranceSeconds?: number;
  /** The current time (ms since epoch, a Date, or a clock); default `Date.now()`. */
  now?: number | Date | (() => number);
}

function header(headers: WebhookHeaders, name: string): string | null {
  if (typeof (headers as { get?: unknown }).get === 'function') {
    return (headers as { get(name: string): string | null }).get(name);
  }
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (k.toLowerCase() === lower) return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
  }
  return null;
}

function nowMs(now: VerifyWebhookInput['now']): number {
  if (now === undefined) return Date.now();
  if (typeof now === 'function') return now();
  return typeof now === 'number' ? now : now.getTime();
}

/**
 * Checks a webhook from the proxy and returns its event: the signature over the raw body (any
 * change to body or timestamp breaks it), then the timestamp (replays of old deliveries), then
 * the event's shape. Throws a `WebhookVerificationError` with a stable `code`. Deduplicate by
 * `event.id`: a redelivery carries the same id.
 */
export async function verifyWebhook(input: VerifyWebhookInput): Promise<OrderEvent> {
  const { secret, toleranceSeconds = 300 } = input;
  if (typeof secret !== 'string' || secret === '') {
    throw new TypeError('verifyWebhook: secret must be the non-empty webhook secret given to the proxy');
  }
  const body =
    typeof input.body === 'string'
      ? input.body
      : new TextDecoder('utf-8', { fatal: false }).decode(input.body);
  const timestamp = header(input.headers, WEBHOOK_HEADERS.timestamp)?.trim() ?? '';
  const signature = header(input.headers, WEBHOOK_HEADERS.signature)?.trim() ?? '';
  if (!/^\d{1,15}$/.test(timestamp)) {
    throw new WebhookVerificationError(
      'WEBHOOK_MALFORMED',
      `The ${WEBHOOK_HEADERS.timestamp} header is missing or not Unix seconds.`,
    );
  }
  if (!signature) {
    throw new WebhookVerificationError(
      'WEBHOOK_MALFORMED',
      `The ${WEBHOOK_HEADERS.signature} header is missing.`,
    );
  }
  const given = fromHex(signature);
  const key = await hmacKey(secret, 'verify');
  // crypto.subtle.verify compares in constant time.
  if (!given || !(await crypto.subtle.verify('HMAC', key, given, signedBytes(timestamp, body)))) {
    throw new WebhookVerificationError(
      'WEBHOOK_SIGNATURE_INVALID',
      'The signature does not match this body and timestamp under this secret.',
    );
  }
  const age = nowMs(input.now) / 1000 - Number(timestamp);
  if (Math.abs(age) > toleranceSeconds) {
    throw new WebhookVerificationError(
      'WEBHOOK_TIMESTAMP_OUT_OF_RANGE',
      `The webhook was signed ${Math.round(Math.abs(age))} s ${age > 0 ? 'ago' : 'ahead of this clock'}; at most ${toleranceSeconds} s either way is accepted.`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new WebhookVerificationError('WEBHOOK_MALFORMED', 'The body is not JSON.');
  }
  if (!orderEventSchema.safeParse(json).success) {
    throw new WebhookVerificationError('WEBHOOK_MALFORMED', 'The body is not an order event.');
  }
  const event = json as OrderEvent;
  const id = header(input.headers, WEBHOOK_HEADERS.id);
  if (id !== null && id !== event.id) {
    throw new WebhookVerificationError(
      'WEBHOOK_MALFORMED',
      `The ${WEBHOOK_HEADERS.id} header does not match the event's id.`,
    );
  }
  return event;
}
