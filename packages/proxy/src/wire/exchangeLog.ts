/**
 * The raw exchange log: every request the proxy sends upstream (Direct Debit or Card Acceptance)
 * and what came back, one entry per exchange, for a merchant's first days against real
 * Ayoconnect. Off unless `ayoconnect.exchangeLog` is given. Every entry is redacted before the
 * callback sees it: no secret, token, signature or OTP leaves the proxy through it.
 */
import { type HttpAnswer, nodeHttp, nodeSend } from '@ayokit/core/snap';

/** Shown instead of every secret value. */
export const REDACTED = '[redacted]';

export interface ExchangeLogEntry {
  /** ISO 8601, when the request was sent (real time). */
  at: string;
  api: 'dd' | 'card';
  /** The client's name of the call, e.g. `payment`, `b2bToken`, `registration`, `token`. */
  endpoint: string;
  /** The flow's X-EXTERNAL-ID (Direct Debit) or correlation id (cards); null on token calls. */
  flowId: string | null;
  request: { method: string; url: string; headers: Record<string, string>; body: unknown };
  response: { status: number; headers: Record<string, string>; body: unknown } | { error: string };
  durationMs: number;
}

export type ExchangeLog = (entry: ExchangeLogEntry) => void;

/** Headers whose value is a credential. */
const SECRET_HEADERS = new Set([
  'authorization',
  'authorization-customer',
  'x-authorization',
  'x-signature',
  'x-client-key',
  'cookie',
  'set-cookie',
]);

/**
 * Body and query keys whose value is a secret or a token, compared without case, `_` or `-`
 * (so `access_token`, `accessToken` and `ACCESS-TOKEN` are one key).
 */
const SECRET_KEYS = new Set([
  'clientsecret',
  'accesstoken',
  'refreshtoken',
  'token',
  'customertoken',
  'authcode',
  'bankcardtoken',
  'accounttoken',
  'cardtoken',
  'otp',
  'password',
  'privatekey',
  'signature',
]);

const norm = (key: string) => key.toLowerCase().replace(/[-_]/g, '');

export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(norm(key));
}

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase());
}

/** A JSON value with every secret key's value replaced, at any depth. */
export function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = isSecretKey(k) && v !== null && v !== undefined && v !== '' ? REDACTED : redactValue(v);
    }
    return out;
  }
  return value;
}

export function redactHeaders(headers: Headers | Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  for (const [name, value] of entries) out[name] = isSecretHeader(name) ? REDACTED : value;
  return out;
}

/** A URL with the values of secret query parameters replaced. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  for (const key of [...parsed.searchParams.keys()]) {
    if (isSecretKey(key)) parsed.searchParams.set(key, REDACTED);
  }
  return parsed.toString();
}

const TEXT_SECRET = /("?)([A-Za-z_-]+)\1(\s*[:=]\s*)("?)([^"&\s,}]+)\4/g;

/**
 * A body as text (JSON, a form, or anything else) → a redacted value: JSON and forms become
 * objects with secret keys replaced; other text keeps its shape with `key: value` and `key=value`
 * pairs of secret keys replaced.
 */
export function redactBody(text: string, contentType?: string | null): unknown {
  if (text === '') return '';
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return redactValue(JSON.parse(trimmed));
    } catch {
      // not JSON after all: redacted as text below
    }
  }
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    const out: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(text)) out[k] = isSecretKey(k) ? REDACTED : v;
    return out;
  }
  return text.replace(TEXT_SECRET, (all, q1: string, key: string, sep: string, q2: string) =>
    isSecretKey(key) ? `${q1}${key}${q1}${sep}${q2}${REDACTED}${q2}` : all,
  );
}

/** Every entry passes through this before anyone sees it (also re-applied to hand-made entries). */
export function redactExchange(entry: ExchangeLogEntry): ExchangeLogEntry {
  return {
    ...entry,
    request: {
      method: entry.request.method,
      url: redactUrl(entry.request.url),
      headers: redactHeaders(entry.request.headers),
      body:
        typeof entry.request.body === 'string'
          ? redactBody(entry.request.body)
          : redactValue(entry.request.body),
    },
    response:
      'error' in entry.response
        ? { error: entry.response.error }
        : {
            status: entry.response.status,
            headers: redactHeaders(entry.response.headers),
            body:
              typeof entry.response.body === 'string'
                ? redactBody(entry.response.body)
                : redactValue(entry.response.body),
          },
  };
}

export interface ExchangeCall {
  api: ExchangeLogEntry['api'];
  endpoint: string;
  /** Header naming the flow: X-EXTERNAL-ID or the card correlation header. */
  flowHeader: string;
}

/**
 * Sends one upstream request and reads its answer within `timeoutMs`: through the configured
 * fetch function and exchange log when there are any; else, on Node, straight through
 * `node:http`/`node:https` on their keep-alive agents (`nodeSend`); else the runtime's
 * `fetch(url, init)`. A deadline that passes rejects with a `TimeoutError`.
 */
export async function upstreamSend(
  custom: ((request: Request) => Promise<Response>) | undefined,
  log: ExchangeLog | undefined,
  call: ExchangeCall,
  url: URL,
  init: { method: string; headers: Record<string, string>; body?: string },
  timeoutMs: number,
): Promise<HttpAnswer> {
  const node = !custom && !log ? nodeHttp(url.protocol) : undefined;
  if (node) return nodeSend(node, url, init, timeoutMs);
  const signal = AbortSignal.timeout(timeoutMs);
  const requestInit = { ...init, signal };
  // The deadline holds even when a fetch function does not honour the signal.
  const response = await abortable(
    !custom && !log
      ? fetch(url, requestInit)
      : exchangeFetch(custom ?? ((r) => fetch(r)), log, call)(new Request(url, requestInit)),
    signal,
  );
  return { status: response.status, text: await abortable(response.text(), signal) };
}

/** `work`, or the signal's reason as soon as it aborts (the work's own outcome is then ignored). */
export function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * A fetch function that records each exchange in `log` (redacted), or `fetchFn` itself when there
 * is no log. The entry is written when the response body has been read, or when the request fails
 * or is aborted (a timeout), whichever comes first; the caller's response is untouched.
 */
export function exchangeFetch(
  fetchFn: (request: Request) => Promise<Response>,
  log: ExchangeLog | undefined,
  call: ExchangeCall,
): (request: Request) => Promise<Response> {
  if (!log) return fetchFn;
  return async (request) => {
    const started = Date.now();
    const at = new Date(started).toISOString();
    const requestText = request.body ? await request.clone().text() : '';
    const base = {
      at,
      api: call.api,
      endpoint: call.endpoint,
      flowId: request.headers.get(call.flowHeader),
      request: {
        method: request.method,
        url: request.url,
        headers: Object.fromEntries(request.headers),
        body: redactBody(requestText, request.headers.get('content-type')),
      },
    };
    let written = false;
    const write = (response: ExchangeLogEntry['response']) => {
      if (written) return;
      written = true;
      try {
        log(redactExchange({ ...base, response, durationMs: Date.now() - started }));
      } catch {
        // A failing log never fails the call it records.
      }
    };
    const onAbort = () => write({ error: `aborted: ${String(request.signal.reason ?? 'timeout')}` });
    request.signal.addEventListener('abort', onAbort, { once: true });
    try {
      const response = await fetchFn(request);
      const copy = response.clone();
      void copy.text().then(
        (text) => {
          request.signal.removeEventListener('abort', onAbort);
          write({
            status: response.status,
            headers: Object.fromEntries(response.headers),
            body: redactBody(text, response.headers.get('content-type')),
          });
        },
        (error: unknown) => write({ error: `response body: ${(error as Error).message ?? error}` }),
      );
      return response;
    } catch (error) {
      request.signal.removeEventListener('abort', onAbort);
      write({ error: (error as Error).message ?? String(error) });
      throw error;
    }
  };
}
