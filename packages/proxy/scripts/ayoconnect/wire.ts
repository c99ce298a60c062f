/**
 * The probe's own requests, built from AYOCONNECT-API.md (not from the proxy's flows, which may
 * lag the reference) and signed with the same `@ayokit/core/snap` functions the proxy signs with.
 * The probe needs what the proxy's clients deliberately cannot do: choose the signature encoding
 * per request, and send the very same bytes twice. Every exchange is recorded through the
 * exchange log's redaction before anyone sees it.
 */
import {
  cardTimestamp,
  HEADERS,
  importPrivateKey,
  randomAlphanumeric,
  type SignatureEncoding,
  signAsymmetric,
  signTransactional,
  snapTimestamp,
  type WireProfile,
} from '@ayokit/core/snap';
import { type ExchangeLogEntry, REDACTED, redactBody, redactExchange } from '../../src/wire/exchangeLog';

export interface ProbeTarget {
  baseUrl: string;
  cardBaseUrl: string;
  clientId: string;
  clientSecret: string;
  privateKeyPem: string;
  merchantId: string;
  card: { clientId: string; clientSecret: string; merchantCode: string };
  profile: WireProfile;
  timeoutMs: number;
  fetch: (request: Request) => Promise<Response>;
}

/** What came back, unredacted (kept in memory only; the transcript and findings are redacted). */
export interface Answer {
  /** HTTP status; null when nothing came back. */
  status: number | null;
  /** `responseCode` when the body has one. */
  code: string | null;
  message: string | null;
  /** Parsed JSON, or the text when it is not JSON. */
  body: unknown;
  /** Network failure or timeout. */
  error: string | null;
}

/** A request ready to send (and to send again, byte for byte). */
export interface Prepared {
  api: 'dd' | 'card';
  endpoint: string;
  method: 'POST' | 'GET';
  url: string;
  headers: Record<string, string>;
  body: string;
  flowId: string | null;
}

export type DdEndpoint = keyof WireProfile['dd']['paths'];
export type CardEndpoint = keyof WireProfile['card']['paths'];

export interface CardHeaderSet {
  timestamp: string;
  requestId: string;
  merchantCode: string;
  correlationId: string;
}

export class ProbeWire {
  private key: Promise<CryptoKey> | null = null;

  constructor(
    readonly target: ProbeTarget,
    private readonly onEntry: (entry: ExchangeLogEntry) => void,
  ) {}

  private privateKey(): Promise<CryptoKey> {
    this.key ??= importPrivateKey(this.target.privateKeyPem);
    return this.key;
  }

  private ddUrl(endpoint: DdEndpoint): string {
    return new URL(this.target.profile.dd.paths[endpoint], this.target.baseUrl).toString();
  }

  /** B2B token (svc 73) [ref: /reference/it-v3-access-token-b2b-1-1]: RSA over `clientId|X-TIMESTAMP`. */
  async b2bToken(encoding: SignatureEncoding, additionalInfo: 'merchantId' | 'empty'): Promise<Prepared> {
    const timestamp = snapTimestamp(Date.now());
    return {
      api: 'dd',
      endpoint: 'b2bToken',
      method: 'POST',
      url: this.ddUrl('b2bToken'),
      headers: {
        'Content-Type': 'application/json',
        [HEADERS.timestamp]: timestamp,
        [HEADERS.clientKey]: this.target.clientId,
        [HEADERS.signature]: await signAsymmetric(
          await this.privateKey(),
          this.target.clientId,
          timestamp,
          encoding,
        ),
      },
      body: JSON.stringify({
        grantType: 'client_credentials',
        additionalInfo: additionalInfo === 'merchantId' ? { merchantId: this.target.merchantId } : {},
      }),
      flowId: null,
    };
  }

  /** A transactional Direct Debit call (§3 headers, §4 HMAC signature), without a customer token. */
  async dd(
    endpoint: DdEndpoint,
    body: object,
    options: { token: string; externalId: string; encoding: SignatureEncoding },
  ): Promise<Prepared> {
    const raw = JSON.stringify(body);
    const timestamp = snapTimestamp(Date.now());
    const path = this.target.profile.dd.paths[endpoint];
    return {
      api: 'dd',
      endpoint,
      method: 'POST',
      url: this.ddUrl(endpoint),
      headers: {
        'Content-Type': 'application/json',
        [HEADERS.authorization]: `Bearer ${options.token}`,
        [HEADERS.timestamp]: timestamp,
        [HEADERS.signature]: await signTransactional(
          {
            method: 'POST',
            path,
            accessToken: options.token,
            body: raw,
            timestamp,
            clientSecret: this.target.clientSecret,
          },
          options.encoding,
        ),
        [HEADERS.partnerId]: this.target.merchantId,
        [HEADERS.externalId]: options.externalId,
        [HEADERS.channelId]: this.target.profile.channelId,
      },
      body: raw,
      flowId: options.externalId,
    };
  }

  /** Card OAuth token [code: VL ayoconnect.go]: form `client_id`, `client_secret`, grant type in the query. */
  cardToken(): Prepared {
    const url = new URL(this.target.profile.card.paths.token, this.target.cardBaseUrl);
    url.searchParams.set('grant_type', 'client_credentials');
    return {
      api: 'card',
      endpoint: 'token',
      method: 'POST',
      url: url.toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({
        client_id: this.target.card.clientId,
        client_secret: this.target.card.clientSecret,
      }).toString(),
      flowId: null,
    };
  }

  /** A card call [ref: /reference/post_api-v1-lab-mpgs-cards-create-charge]: bearer token and the four named headers. */
  card(
    endpoint: CardEndpoint,
    body: object,
    options: {
      token: string;
      headers: CardHeaderSet;
      timestampFormat: WireProfile['card']['timestampFormat'];
      correlationId: string;
    },
  ): Prepared {
    const now = Date.now();
    const names = options.headers;
    return {
      api: 'card',
      endpoint,
      method: 'POST',
      url: new URL(this.target.profile.card.paths[endpoint], this.target.cardBaseUrl).toString(),
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        Authorization: `Bearer ${options.token}`,
        [names.timestamp]:
          options.timestampFormat === 'milliseconds' ? cardTimestamp(now) : snapTimestamp(now),
        [names.requestId]: randomAlphanumeric(32),
        [names.merchantCode]: this.target.card.merchantCode,
        [names.correlationId]: options.correlationId,
      },
      body: JSON.stringify(body),
      flowId: options.correlationId,
    };
  }

  /** Sends, records the redacted exchange, and never throws: failures are answers too. */
  async send(prepared: Prepared): Promise<Answer> {
    const started = Date.now();
    const request: ExchangeLogEntry['request'] = {
      method: prepared.method,
      url: prepared.url,
      headers: prepared.headers,
      body: redactBody(prepared.body, prepared.headers['Content-Type']),
    };
    let answer: Answer;
    let response: ExchangeLogEntry['response'];
    try {
      const res = await this.target.fetch(
        new Request(prepared.url, {
          method: prepared.method,
          headers: prepared.headers,
          ...(prepared.method === 'POST' ? { body: prepared.body } : {}),
          signal: AbortSignal.timeout(this.target.timeoutMs),
        }),
      );
      const text = await res.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : '';
      } catch {
        // not JSON: kept as text
      }
      const obj = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
      answer = {
        status: res.status,
        code: typeof obj.responseCode === 'string' ? obj.responseCode : null,
        message: typeof obj.responseMessage === 'string' ? obj.responseMessage : null,
        body,
        error: null,
      };
      response = {
        status: res.status,
        headers: Object.fromEntries(res.headers),
        body: redactBody(text, res.headers.get('content-type')),
      };
    } catch (error) {
      const e = error as Error;
      const detail = e.name === 'TimeoutError' ? `timeout after ${this.target.timeoutMs} ms` : e.message;
      answer = { status: null, code: null, message: null, body: null, error: detail };
      response = { error: detail };
    }
    this.onEntry(
      redactExchange({
        at: new Date(started).toISOString(),
        api: prepared.api,
        endpoint: prepared.endpoint,
        flowId: prepared.flowId,
        request,
        response,
        durationMs: Date.now() - started,
      }),
    );
    return answer;
  }
}

/** One exchange as the probe prints it. */
export function formatExchange(entry: ExchangeLogEntry): string {
  const lines = [
    `── ${entry.api} ${entry.endpoint}${entry.flowId ? `  flow ${entry.flowId}` : ''}  (${entry.durationMs} ms)`,
    `→ ${entry.request.method} ${entry.request.url}`,
  ];
  for (const [k, v] of Object.entries(entry.request.headers)) lines.push(`  ${k}: ${v}`);
  lines.push(`  ${JSON.stringify(entry.request.body)}`);
  if ('error' in entry.response) {
    lines.push(`← no answer: ${entry.response.error}`);
  } else {
    lines.push(`← ${entry.response.status}`);
    for (const [k, v] of Object.entries(entry.response.headers)) lines.push(`  ${k}: ${v}`);
    lines.push(`  ${JSON.stringify(entry.response.body)}`);
  }
  return lines.join('\n');
}

export { REDACTED };
