/**
 * Signed webhooks of order events: `Ayokit-Signature` = hex HMAC-SHA256(secret, `${timestamp}.${body}`),
 * `Ayokit-Timestamp` = Unix seconds. During a secret rotation the proxy signs with every secret it
 * holds, current first, and the header lists the signatures comma-separated (one secret: one
 * signature, the header as it always was); a receiver accepts the delivery when any one matches
 * any of its secrets, so either side may switch secrets first. Web Crypto, so sender and receiver
 * run on any runtime; on Node the sender signs with Node's own crypto, at once (see `signWebhook`).
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

function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
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
  const key = await hmacKey(secret);
  return toHex(await crypto.subtle.sign('HMAC', key, signedBytes(String(timestamp), body)));
}

/**
 * The headers of one delivery of `body` (the event's JSON, exactly as sent), signed with each of
 * `secrets` (the current one first, then those still accepted during a rotation).
 */
export async function webhookHeaders(
  secrets: string | readonly string[],
  event: { id: string },
  body: string,
  timestamp: number,
): Promise<Record<string, string>> {
  const all = typeof secrets === 'string' ? [secrets] : secrets;
  const signatures = await Promise.all(all.map((secret) => signWebhook(secret, timestamp, body)));
  return {
    'content-type': 'application/json',
    'user-agent': 'ayokit-webhooks/1',
    [WEBHOOK_HEADERS.id]: event.id,
    [WEBHOOK_HEADERS.timestamp]: String(timestamp),
    [WEBHOOK_HEADERS.signature]: signatures.join(','),
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
  /**
   * The webhook secret given to the proxy, or a list of secrets (during a rotation, the new and
   * the old): a delivery signed under any one of them is accepted.
   */
  secret: string | readonly string[];
  /** How old (or how far in the future) a timestamp may be; default 300 s. */
  toleranceSeconds?: number;
  /** The current time (ms since epoch, a Date, or a clock); default `Date.now()`. */
  now?: number | Date | (() => number);
}

/** A header's value; `all` joins a repeated one as HTTP lists do (`a,b`), else the first is taken. */
function header(headers: WebhookHeaders, name: string, all = false): string | null {
  if (typeof (headers as { get?: unknown }).get === 'function') {
    return (headers as { get(name: string): string | null }).get(name);
  }
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (k.toLowerCase() !== lower) continue;
    if (!Array.isArray(v)) return v ?? null;
    return all ? v.join(',') : (v[0] ?? null);
  }
  return null;
}

/** The secrets to verify with; a mistake here is the caller's (a TypeError), not the sender's. */
function secretsOf(secret: unknown): string[] {
  const problem =
    'verifyWebhook: secret must be the non-empty webhook secret given to the proxy, or a non-empty list of them';
  if (typeof secret === 'string') {
    if (secret === '') throw new TypeError(problem);
    return [secret];
  }
  if (!Array.isArray(secret) || secret.length === 0) throw new TypeError(problem);
  secret.forEach((s: unknown, i) => {
    if (typeof s !== 'string' || s === '') {
      throw new TypeError(
        `${problem} (secret[${i}] is ${typeof s === 'string' ? 'empty' : s === null ? 'null' : typeof s})`,
      );
    }
  });
  return secret as string[];
}

/** Constant-time for equal lengths (a MAC's length is no secret). */
function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

function nowMs(now: VerifyWebhookInput['now']): number {
  if (now === undefined) return Date.now();
  if (typeof now === 'function') return now();
  return typeof now === 'number' ? now : now.getTime();
}

/**
 * Checks a webhook from the proxy and returns its event: the signature over the raw body (any
 * change to body or timestamp breaks it; one of the header's signatures must match one of the
 * secrets), then the timestamp (replays of old deliveries), then the event's shape. Throws a
 * `WebhookVerificationError` with a stable `code`. Deduplicate by `event.id`: a redelivery carries
 * the same id.
 */
export async function verifyWebhook(input: VerifyWebhookInput): Promise<OrderEvent> {
  const { toleranceSeconds = 300 } = input;
  const secrets = secretsOf(input.secret);
  const body =
    typeof input.body === 'string'
      ? input.body
      : new TextDecoder('utf-8', { fatal: false }).decode(input.body);
  const timestamp = header(input.headers, WEBHOOK_HEADERS.timestamp)?.trim() ?? '';
  const signature = header(input.headers, WEBHOOK_HEADERS.signature, true)?.trim() ?? '';
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
  // One signature per secret the proxy signs with (several during a rotation); entries that are
  // not hex match nothing. Each secret's MAC is computed once and compared with every entry.
  const given = signature
    .split(',')
    .map((s) => fromHex(s.trim()))
    .filter((s) => s !== null);
  const signed = signedBytes(timestamp, body);
  let matched = false;
  for (const secret of secrets) {
    const key = await hmacKey(secret);
    const expected = new Uint8Array(await crypto.subtle.sign('HMAC', key, signed));
    for (const candidate of given) if (equalBytes(candidate, expected)) matched = true;
  }
  if (!matched) {
    throw new WebhookVerificationError(
      'WEBHOOK_SIGNATURE_INVALID',
      secrets.length > 1
        ? `The signature does not match this body and timestamp under any of the ${secrets.length} secrets.`
        : 'The signature does not match this body and timestamp under this secret.',
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
