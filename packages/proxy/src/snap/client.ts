import {
  B2B_TOKEN_TTL_SECONDS,
  type B2b2cTokenRequest,
  type B2bTokenRequest,
  type DdEndpoint,
  HEADERS,
  type HttpAnswer,
  type ParsedResponseCode,
  parseResponseCode,
  resolveWireProfile,
  type SignatureEncoding,
  type SnapResponse,
  signAsymmetric,
  signTransactional,
  snapTimestamp,
  type TokenResponse,
  type WireProfile,
  type WireProfileOverrides,
} from '@ayokit/core/snap';
import { signingKey } from '../options';
import { type ExchangeLog, upstreamSend } from '../wire/exchangeLog';

export interface AyoconnectConfig {
  /**
   * The API's origin, e.g. https://sandbox.api.of.ayoconnect.id, or the embedded sandbox's. No
   * path (refused): each request's path, the signed one too, is the wire profile's `dd.paths`.
   */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** PKCS#8 PEM of the partner's RSA private key (token requests). */
  privateKeyPem: string;
  merchantId: string;
  /** X-PARTNER-ID; defaults to merchantId. */
  partnerId?: string;
  channelId?: string;
  /** Shorthand for `profile.signatureEncoding`. */
  signatureEncoding?: SignatureEncoding;
  /**
   * Overrides of the wire profile (`@ayokit/core/snap` DEFAULT_WIRE_PROFILE): every name or
   * behaviour the public reference does not settle. Checked when the proxy is created.
   */
  profile?: WireProfileOverrides;
  /** Per-call timeout; the payment is then left processing, never failed. */
  timeoutMs?: number;
  fetch?: (request: Request) => Promise<Response>;
  /**
   * Debug: called with every upstream request and its response (Direct Debit and cards), redacted
   * (no secret, token, signature or OTP). Off by default.
   */
  exchangeLog?: ExchangeLog;
}

export type SnapResult<B extends object = object> =
  | { kind: 'response'; httpStatus: number; code: ParsedResponseCode | null; body: SnapResponse & Partial<B> }
  | { kind: 'unreachable'; reason: 'timeout' | 'network' | 'invalidResponse'; detail: string };

interface CachedToken {
  token: string;
  expiresAt: number;
}

/** Refresh a token this long before it expires. */
const TOKEN_MARGIN_MS = 60_000;

/**
 * Speaks SNAP to Ayoconnect: signatures, the B2B token (cached until just before expiry) and
 * B2B2C tokens (cached per binding's authCode), one retry when a cached token turns out stale.
 */
export class SnapClient {
  readonly stats = { calls: 0, byEndpoint: {} as Partial<Record<DdEndpoint, number>> };
  private privateKey: Promise<CryptoKey> | null = null;
  private b2b: Promise<CachedToken> | null = null;
  private readonly customer = new Map<string, Promise<CachedToken>>();
  /** The wire profile this client speaks. */
  readonly profile: WireProfile;

  /** @param now The proxy's clock: token expiry follows it (X-TIMESTAMP is real time, as Ayoconnect checks it). */
  constructor(
    readonly config: AyoconnectConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.profile = resolveWireProfile(
      config.profile,
      config.signatureEncoding ? { signatureEncoding: config.signatureEncoding } : undefined,
    );
  }

  private get encoding(): SignatureEncoding {
    return this.profile.signatureEncoding;
  }

  private count(endpoint: DdEndpoint) {
    this.stats.calls++;
    this.stats.byEndpoint[endpoint] = (this.stats.byEndpoint[endpoint] ?? 0) + 1;
  }

  private async send(
    endpoint: DdEndpoint,
    headers: Record<string, string>,
    body: string,
  ): Promise<SnapResult> {
    this.count(endpoint);
    const url = new URL(this.profile.dd.paths[endpoint], this.config.baseUrl);
    let res: HttpAnswer;
    try {
      res = await upstreamSend(
        this.config.fetch,
        this.config.exchangeLog,
        { api: 'dd', endpoint, flowHeader: HEADERS.externalId },
        url,
        { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body },
        this.config.timeoutMs ?? 15_000,
      );
    } catch (err) {
      const e = err as Error;
      const timeout = e.name === 'TimeoutError' || e.name === 'AbortError';
      return { kind: 'unreachable', reason: timeout ? 'timeout' : 'network', detail: e.message };
    }
    const text = res.text;
    try {
      const parsed = JSON.parse(text) as SnapResponse;
      if (typeof parsed !== 'object' || parsed === null || typeof parsed.responseCode !== 'string') {
        return {
          kind: 'unreachable',
          reason: 'invalidResponse',
          detail: `HTTP ${res.status} without responseCode`,
        };
      }
      return {
        kind: 'response',
        httpStatus: res.status,
        code: parseResponseCode(parsed.responseCode),
        body: parsed,
      };
    } catch {
      return {
        kind: 'unreachable',
        reason: 'invalidResponse',
        detail: `HTTP ${res.status}, body is not JSON`,
      };
    }
  }

  private key(): Promise<CryptoKey> {
    // Imported and tried once; a key Web Crypto refuses fails with an AyoConfigError naming it.
    this.privateKey ??= signingKey(this.config.privateKeyPem);
    return this.privateKey;
  }

  private async tokenHeaders(): Promise<Record<string, string>> {
    const timestamp = snapTimestamp(Date.now());
    return {
      [HEADERS.timestamp]: timestamp,
      [HEADERS.clientKey]: this.config.clientId,
      [HEADERS.signature]: await signAsymmetric(
        await this.key(),
        this.config.clientId,
        timestamp,
        this.encoding,
      ),
    };
  }

  private async fetchToken(endpoint: 'b2bToken' | 'b2b2cToken', body: object, extra: Record<string, string>) {
    const res = await this.send(endpoint, { ...(await this.tokenHeaders()), ...extra }, JSON.stringify(body));
    if (res.kind !== 'response' || res.code?.case !== 'success') {
      throw new TokenError(endpoint, res);
    }
    const b = res.body as Partial<TokenResponse>;
    const ttl = Number(b.expiresIn ?? B2B_TOKEN_TTL_SECONDS) * 1000;
    return { token: String(b.accessToken), expiresAt: this.now() + ttl };
  }

  private b2bToken(): Promise<CachedToken> {
    const cached = this.b2b;
    if (cached) {
      return cached.then(
        (t) => (t.expiresAt - TOKEN_MARGIN_MS > this.now() ? t : this.refreshB2b()),
        () => this.refreshB2b(),
      );
    }
    return this.refreshB2b();
  }

  private refreshB2b(): Promise<CachedToken> {
    const body: B2bTokenRequest = {
      grantType: 'client_credentials',
      additionalInfo:
        this.profile.dd.b2bTokenAdditionalInfo === 'merchantId' ? { merchantId: this.config.merchantId } : {},
    };
    const p = this.fetchToken('b2bToken', body, {});
    this.b2b = p;
    p.catch(() => {
      if (this.b2b === p) this.b2b = null;
    });
    return p;
  }

  private async customerToken(authCode: string, b2b: string): Promise<CachedToken> {
    const cached = this.customer.get(authCode);
    if (cached) {
      const t = await cached.catch(() => null);
      if (t && t.expiresAt - TOKEN_MARGIN_MS > this.now()) return t;
    }
    const body: B2b2cTokenRequest = { grantType: 'authorization_code', authCode, additionalInfo: {} };
    const p = this.fetchToken('b2b2cToken', body, { [HEADERS.authorization]: `Bearer ${b2b}` });
    this.customer.set(authCode, p);
    p.catch(() => {
      if (this.customer.get(authCode) === p) this.customer.delete(authCode);
    });
    return p;
  }

  /** Forget a customer token (after unbinding). */
  forgetCustomer(authCode: string) {
    this.customer.delete(authCode);
  }

  /**
   * One transactional call. `externalId` is the caller's persisted X-EXTERNAL-ID; `authCode`
   * adds Authorization-Customer. A stale token (401xx01 / 401xx02) is refreshed and the call
   * sent again with the same X-EXTERNAL-ID: a request refused at authentication was never
   * processed, so this cannot charge twice.
   */
  async call<B extends object = object>(
    endpoint: DdEndpoint,
    body: object,
    options: { externalId: string; authCode?: string },
  ): Promise<SnapResult<B>> {
    let refreshedB2b = false;
    let refreshedCustomer = false;
    for (;;) {
      let b2b: CachedToken;
      let customer: CachedToken | null = null;
      try {
        b2b = await this.b2bToken();
        if (options.authCode) customer = await this.customerToken(options.authCode, b2b.token);
      } catch (err) {
        if (!(err instanceof TokenError)) throw err;
        const r = err.asResult();
        if (r.kind === 'response' && r.code?.case === 'invalidToken' && !refreshedB2b) {
          // The B2B token died on the bank's clock before ours: fetch a new one and go again.
          refreshedB2b = true;
          this.b2b = null;
          continue;
        }
        return r;
      }
      const raw = JSON.stringify(body);
      const timestamp = snapTimestamp(Date.now());
      const path = this.profile.dd.paths[endpoint];
      const headers: Record<string, string> = {
        [HEADERS.authorization]: `Bearer ${b2b.token}`,
        [HEADERS.timestamp]: timestamp,
        [HEADERS.signature]: await signTransactional(
          {
            method: 'POST',
            path,
            accessToken: b2b.token,
            body: raw,
            timestamp,
            clientSecret: this.config.clientSecret,
          },
          this.encoding,
        ),
        [HEADERS.partnerId]: this.config.partnerId ?? this.config.merchantId,
        [HEADERS.externalId]: options.externalId,
        [HEADERS.channelId]: this.config.channelId ?? this.profile.channelId,
      };
      if (customer) headers[HEADERS.customerAuthorization] = `Bearer ${customer.token}`;
      const res = await this.send(endpoint, headers, raw);
      // Each kind of token is refreshed at most once per call.
      if (res.kind === 'response' && res.code?.case === 'invalidToken' && !refreshedB2b) {
        refreshedB2b = true;
        this.b2b = null;
        continue;
      }
      if (
        res.kind === 'response' &&
        res.code?.case === 'invalidCustomerToken' &&
        options.authCode &&
        !refreshedCustomer
      ) {
        refreshedCustomer = true;
        this.customer.delete(options.authCode);
        continue;
      }
      return res as SnapResult<B>;
    }
  }
}

class TokenError extends Error {
  constructor(
    readonly endpoint: 'b2bToken' | 'b2b2cToken',
    readonly result: SnapResult,
  ) {
    super(`${endpoint} failed`);
  }

  asResult(): SnapResult {
    return this.result;
  }
}
