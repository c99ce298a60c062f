import {
  CARD_AUTHORIZATION_HEADER,
  CARD_CASES,
  CARD_METHODS,
  CARD_TOKEN_FORM,
  CARD_TOKEN_TTL_SECONDS,
  type CardCase,
  type CardEndpoint,
  type CardResponse,
  cardTimestamp,
  randomAlphanumeric,
  readField,
  resolveWireProfile,
  type WireProfile,
} from '@ayokit/core/snap';
import { type ExchangeLog, upstreamSend } from '../wire/exchangeLog';

export interface CardAcceptanceConfig {
  /**
   * The gateway's origin (no path: each request's is the wire profile's `card.paths`); defaults
   * to the Direct Debit baseUrl (one host in the sandbox).
   */
  baseUrl?: string;
  clientId: string;
  clientSecret: string;
  /** The merchant code header (`profile.card.headers.merchantCode`), 6 characters; defaults to the Direct Debit merchantId. */
  merchantCode?: string;
  timeoutMs?: number;
  fetch?: (request: Request) => Promise<Response>;
  /** Debug: every request and response, redacted (see AyoconnectConfig.exchangeLog). */
  exchangeLog?: ExchangeLog;
}

export interface ParsedCardCode {
  httpStatus: number;
  serviceCode: string;
  caseCode: string;
  case: CardCase | null;
}

export type CardResult<B extends object = object> =
  | { kind: 'response'; httpStatus: number; code: ParsedCardCode | null; body: CardResponse & Partial<B> }
  | { kind: 'unreachable'; reason: 'timeout' | 'network' | 'invalidResponse'; detail: string };

/** Card response codes keep the SNAP shape; the case is read against CARD_CASES. */
export function parseCardCode(code: unknown): ParsedCardCode | null {
  if (typeof code !== 'string' || !/^\d{7}$/.test(code)) return null;
  const http = code.slice(0, 3);
  const caseCode = code.slice(5, 7);
  const kase =
    (Object.keys(CARD_CASES) as CardCase[]).find(
      (k) => CARD_CASES[k][0] === http && CARD_CASES[k][1] === caseCode,
    ) ?? null;
  return { httpStatus: Number(http), serviceCode: code.slice(3, 5), caseCode, case: kase };
}

const TOKEN_MARGIN_MS = 60_000;

interface CachedToken {
  token: string;
  expiresAt: number;
}

/**
 * Speaks Ayoconnect's Card Acceptance API (a bearer token from a form POST, no signatures): the
 * token is cached until shortly before it expires and fetched again, once, when a call answers 401.
 * Paths, header names and the timestamp format come from `profile.card`. Every request gets a
 * fresh request id; the caller gives the flow's correlation id. The status is a GET with a query.
 */
export class CardClient {
  readonly stats = { calls: 0, byEndpoint: {} as Partial<Record<CardEndpoint | 'token', number>> };
  private token: Promise<CachedToken> | null = null;
  /** The wire profile this client speaks (header names, paths, timestamp format, token fields). */
  readonly profile: WireProfile;

  constructor(
    readonly config: CardAcceptanceConfig & { baseUrl: string; merchantCode: string; profile?: WireProfile },
    private readonly now: () => number = Date.now,
  ) {
    this.profile = config.profile ?? resolveWireProfile();
  }

  private count(endpoint: CardEndpoint | 'token') {
    this.stats.calls++;
    this.stats.byEndpoint[endpoint] = (this.stats.byEndpoint[endpoint] ?? 0) + 1;
  }

  private async send(
    endpoint: CardEndpoint | 'token',
    init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string; query?: string },
  ): Promise<CardResult> {
    this.count(endpoint);
    const url = new URL(`${this.profile.card.paths[endpoint]}${init.query ?? ''}`, this.config.baseUrl);
    let text: string;
    let status: number;
    try {
      ({ status, text } = await upstreamSend(
        this.config.fetch,
        this.config.exchangeLog,
        { api: 'card', endpoint, flowHeader: this.profile.card.headers.correlationId },
        url,
        {
          method: init.method,
          headers: init.headers,
          ...(init.body !== undefined ? { body: init.body } : {}),
        },
        this.config.timeoutMs ?? 15_000,
      ));
    } catch (err) {
      const e = err as Error;
      const timeout = e.name === 'TimeoutError' || e.name === 'AbortError';
      return { kind: 'unreachable', reason: timeout ? 'timeout' : 'network', detail: e.message };
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { kind: 'unreachable', reason: 'invalidResponse', detail: `HTTP ${status}, body is not JSON` };
    }
    if (typeof parsed !== 'object' || parsed === null) {
      return { kind: 'unreachable', reason: 'invalidResponse', detail: `HTTP ${status}, not an object` };
    }
    const body = parsed as CardResponse;
    if (endpoint !== 'token' && typeof body.responseCode !== 'string') {
      return {
        kind: 'unreachable',
        reason: 'invalidResponse',
        detail: `HTTP ${status} without responseCode`,
      };
    }
    return { kind: 'response', httpStatus: status, code: parseCardCode(body.responseCode), body };
  }

  private fetchToken(): Promise<CachedToken> {
    const p = (async () => {
      const res = await this.send('token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          [CARD_TOKEN_FORM.clientId]: this.config.clientId,
          [CARD_TOKEN_FORM.clientSecret]: this.config.clientSecret,
        }).toString(),
        query: `?${CARD_TOKEN_FORM.grantType}=client_credentials`,
      });
      // camelCase [code: VL vars.go]; the paths tried are `profile.card.tokenFields`.
      const fields = this.profile.card.tokenFields;
      const token = res.kind === 'response' ? readField(res.body, fields.accessToken) : undefined;
      if (res.kind !== 'response' || res.httpStatus !== 200 || typeof token !== 'string' || !token) {
        throw new CardTokenError(res);
      }
      // expiresIn is a string of seconds; a missing or odd value means the documented 3600 s.
      const ttl = Number(readField(res.body, fields.expiresIn) ?? CARD_TOKEN_TTL_SECONDS);
      const seconds = Number.isFinite(ttl) && ttl > 0 ? ttl : CARD_TOKEN_TTL_SECONDS;
      return { token, expiresAt: this.now() + seconds * 1000 };
    })();
    this.token = p;
    p.catch(() => {
      if (this.token === p) this.token = null;
    });
    return p;
  }

  private async bearer(): Promise<CachedToken> {
    const cached = this.token ? await this.token.catch(() => null) : null;
    if (cached && cached.expiresAt - TOKEN_MARGIN_MS > this.now()) return cached;
    return this.fetchToken();
  }

  /**
   * One call: a POST with `payload` as its JSON body, or for a GET endpoint (the status) `payload`
   * as its query string and no body. A 401 (the token died on the gateway's clock before ours)
   * fetches a new token and sends the same request again: a request refused at authentication
   * was never processed.
   */
  async call<B extends object = object>(
    endpoint: CardEndpoint,
    payload: object,
    options: { correlationId: string },
  ): Promise<CardResult<B>> {
    const method = CARD_METHODS[endpoint];
    const names = this.profile.card.headers;
    for (let attempt = 0; ; attempt++) {
      let token: CachedToken;
      try {
        token = await this.bearer();
      } catch (err) {
        if (err instanceof CardTokenError) return err.result as CardResult<B>;
        throw err;
      }
      const headers: Record<string, string> = {
        Accept: 'application/json',
        [CARD_AUTHORIZATION_HEADER]: `Bearer ${token.token}`,
        // Real time, like every timestamp header; token expiry follows the configured clock.
        [names.timestamp]: cardTimestamp(Date.now(), this.profile.card.timestampFormat),
        [names.requestId]: randomAlphanumeric(32),
        [names.merchantCode]: this.config.merchantCode,
        [names.correlationId]: options.correlationId,
      };
      const res =
        method === 'GET'
          ? await this.send(endpoint, { method, headers, query: queryString(payload) })
          : await this.send(endpoint, {
              method,
              headers: { ...headers, 'Content-Type': 'application/json' },
              body: JSON.stringify(payload),
            });
      if (res.kind === 'response' && res.httpStatus === 401 && attempt === 0) {
        if (this.token) {
          const stale = this.token;
          this.token = null;
          stale.catch(() => undefined);
        }
        continue;
      }
      return res as CardResult<B>;
    }
  }
}

/** `?a=1&b=2` of the defined string or number values of `payload`. */
function queryString(payload: object): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(payload)) {
    if (typeof v === 'string' || typeof v === 'number') params.set(k, String(v));
  }
  const q = params.toString();
  return q ? `?${q}` : '';
}

class CardTokenError extends Error {
  constructor(readonly result: CardResult) {
    super('card token request failed');
  }
}
