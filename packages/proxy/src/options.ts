import {
  httpUrlOf,
  importPrivateKey,
  isRsaEncryption,
  MERCHANT_ID_PATTERN,
  parseWireProfileOverrides,
  readDer,
  WireProfileError,
  type WireProfileOverrides,
} from '@ayokit/core/snap';
// Types only: this module stays a leaf at run time.
import type { AyoProxyOptions } from './app';
import type { CardAcceptanceConfig } from './card/client';
import type { EventDeliveryTiming, WebhookConfig } from './orderEvents/delivery';

/**
 * A mistake in the proxy's options, named by `option` (e.g. `ayoconnect.privateKeyPem`). Thrown by
 * `createAyoProxy` when it is called, or, for what only Web Crypto can tell (the key imports and
 * signs), by `proxy.ready` and by the first request that signs: never a 500 INTERNAL. Thrown by
 * `readAyoconnectEnv` (`@ayokit/proxy/node`) too, `option` then naming the environment variable.
 */
export class AyoConfigError extends TypeError {
  override readonly name = 'AyoConfigError';
  constructor(
    readonly option: string,
    detail: string,
  ) {
    super(`${option}: ${detail}`);
  }
}

/**
 * Every option createAyoProxy takes, by where it sits (TypeScript keeps these lists complete and
 * exact). A key in none of them is a typo, refused by name: it would otherwise do nothing.
 */
const OPTIONS: Record<keyof AyoProxyOptions, true> = {
  ayoconnect: true,
  db: true,
  authenticate: true,
  authorizeStaff: true,
  allowedOrigins: true,
  callbackSecret: true,
  confirmCallbacks: true,
  basePath: true,
  publicUrl: true,
  reconcile: true,
  rateLimits: true,
  now: true,
  log: true,
  onEvent: true,
  webhooks: true,
  eventDelivery: true,
};
const SECTIONS = {
  '': OPTIONS,
  ayoconnect: {
    baseUrl: true,
    clientId: true,
    clientSecret: true,
    privateKeyPem: true,
    merchantId: true,
    partnerId: true,
    channelId: true,
    signatureEncoding: true,
    profile: true,
    timeoutMs: true,
    fetch: true,
    exchangeLog: true,
    card: true,
  } satisfies Record<keyof AyoProxyOptions['ayoconnect'], true>,
  'ayoconnect.card': {
    baseUrl: true,
    clientId: true,
    clientSecret: true,
    merchantCode: true,
    timeoutMs: true,
    fetch: true,
    exchangeLog: true,
  } satisfies Record<keyof CardAcceptanceConfig, true>,
  reconcile: {
    callbackGraceMs: true,
    retryBaseMs: true,
    retryMaxMs: true,
    intervalMs: true,
  } satisfies Record<keyof NonNullable<AyoProxyOptions['reconcile']>, true>,
  rateLimits: { otpPerMinute: true, bindingsPerMinute: true } satisfies Record<
    keyof NonNullable<AyoProxyOptions['rateLimits']>,
    true
  >,
  webhooks: { url: true, secret: true, previousSecrets: true, fetch: true } satisfies Record<
    keyof WebhookConfig,
    true
  >,
  eventDelivery: {
    intervalMs: true,
    retryBaseMs: true,
    retryMaxMs: true,
    timeoutMs: true,
  } satisfies Record<keyof EventDeliveryTiming, true>,
} as const;
type Section = keyof typeof SECTIONS;

/** The longest delay a timer takes: a longer one fires at once, every millisecond (Node, browsers). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

const TO_PKCS8 = 'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem';
type Fail = (option: string, detail: string) => never;
const fail: Fail = (option, detail) => {
  throw new AyoConfigError(option, detail);
};

/**
 * Throws an AyoConfigError (a TypeError) naming the first option that is wrong: an unknown key
 * (with the option it may be a typo of), a value of the wrong kind or range, or two options that
 * contradict each other. What it lets through works at the first request.
 */
export function checkOptionNames(options: AyoProxyOptions): void {
  if (!isPlainObject(options)) fail('options', 'createAyoProxy needs an options object');
  for (const section of Object.keys(SECTIONS) as Section[]) {
    const value = section === '' ? options : at(options, section);
    if (!isPlainObject(value)) continue; // absent, or wrong and named by checkProxyOptions
    const known = SECTIONS[section] as Record<string, true>;
    for (const key of Object.keys(value)) {
      if (!Object.hasOwn(known, key)) fail(section ? `${section}.${key}` : key, unknownKey(section, key));
    }
  }
}

/** Every option's value; call checkOptionNames first (createAyoProxy does). */
export function checkProxyOptions(options: AyoProxyOptions): void {
  checkOptionNames(options);
  const ayo = options.ayoconnect;
  if (!isPlainObject(ayo))
    fail('ayoconnect', 'must be { baseUrl, clientId, clientSecret, privateKeyPem, merchantId }');
  baseUrl('ayoconnect.baseUrl', ayo.baseUrl, 'dd');
  credential('ayoconnect.clientId', ayo.clientId);
  credential('ayoconnect.clientSecret', ayo.clientSecret);
  const pemProblem = privateKeyPemProblem(ayo.privateKeyPem);
  if (pemProblem) fail('ayoconnect.privateKeyPem', pemProblem);
  merchantCode('ayoconnect.merchantId', ayo.merchantId);
  if (
    ayo.partnerId !== undefined &&
    (typeof ayo.partnerId !== 'string' || !/^[\x21-\x7e]+$/.test(ayo.partnerId))
  )
    fail(
      'ayoconnect.partnerId',
      `must be the X-PARTNER-ID Ayoconnect gave you, or left out for the merchantId (got ${describe(ayo.partnerId)})`,
    );
  const profile = profileOf(ayo.profile);
  // The profile's own rules for its entries that have an option of their own.
  if (ayo.channelId !== undefined) profileRule('ayoconnect.channelId', { channelId: ayo.channelId });
  if (ayo.signatureEncoding !== undefined)
    profileRule('ayoconnect.signatureEncoding', { signatureEncoding: ayo.signatureEncoding });
  for (const entry of ['channelId', 'signatureEncoding'] as const) {
    const own = ayo[entry];
    const inProfile = profile?.[entry];
    if (own !== undefined && inProfile !== undefined && own !== inProfile)
      fail(
        `ayoconnect.${entry}`,
        `is "${own}" but ayoconnect.profile.${entry} is "${inProfile}": give one of them`,
      );
  }
  timeout('ayoconnect.timeoutMs', ayo.timeoutMs);
  fn('ayoconnect.fetch', ayo.fetch, '(request) => Promise<Response>');
  fn('ayoconnect.exchangeLog', ayo.exchangeLog, '(entry) => void');
  if (ayo.card !== undefined) {
    const card = ayo.card;
    if (!isPlainObject(card))
      fail('ayoconnect.card', 'must be { clientId, clientSecret, baseUrl?, merchantCode? }');
    if (card.baseUrl !== undefined) baseUrl('ayoconnect.card.baseUrl', card.baseUrl, 'card');
    credential('ayoconnect.card.clientId', card.clientId);
    credential('ayoconnect.card.clientSecret', card.clientSecret);
    if (card.merchantCode !== undefined) merchantCode('ayoconnect.card.merchantCode', card.merchantCode);
    timeout('ayoconnect.card.timeoutMs', card.timeoutMs);
    fn('ayoconnect.card.fetch', card.fetch, '(request) => Promise<Response>');
    fn('ayoconnect.card.exchangeLog', card.exchangeLog, '(entry) => void');
  }
  if (options.publicUrl !== undefined) {
    httpUrl('publicUrl', options.publicUrl, 'https://shop.example');
    if (/[?#]/.test(options.publicUrl) || new URL(options.publicUrl).username)
      fail(
        'publicUrl',
        `must be the URL this proxy is reached at, with no query, fragment or user (got ${describe(options.publicUrl)})`,
      );
  }
  const db = options.db as { query?: unknown } | null | undefined;
  if (typeof db !== 'object' || db === null || typeof db.query !== 'function')
    fail('db', 'must be a database from createPgliteDb() or createPostgresDb() (@ayokit/proxy/node)');
  if (typeof options.authenticate !== 'function')
    fail(
      'authenticate',
      'must be a function (request) => { id, phoneNumber } | null, your own session check',
    );
  fn(
    'authorizeStaff',
    options.authorizeStaff,
    '(request) => { id, name?, roles } | null, your own staff session check',
  );
  if (!Array.isArray(options.allowedOrigins) || options.allowedOrigins.some((o) => typeof o !== 'string'))
    fail('allowedOrigins', 'must be a list of origins like ["https://shop.example"]');
  for (const origin of options.allowedOrigins) {
    const problem = originProblem(origin);
    if (problem) fail('allowedOrigins', `"${origin}" is not an origin like https://shop.example: ${problem}`);
  }
  if (options.allowedOrigins.length === 0 && options.publicUrl === undefined)
    fail(
      'publicUrl',
      "is needed when allowedOrigins is empty: the bank's page returns shoppers to {publicUrl}/ayokit/return (or list your shop's origin in allowedOrigins)",
    );
  const secret: unknown = options.callbackSecret;
  if (secret !== undefined) {
    if (typeof secret !== 'string' || secret.trim() === '')
      fail(
        'callbackSecret',
        `must be a non-empty string, or left out (undefined) when callbacks are not signed for you (got ${describe(secret)})`,
      );
    // It keys every callback's signature check, as the client secret keys every request's.
    const problem = credentialProblem(secret);
    if (problem) fail('callbackSecret', problem);
    if (profile?.dd?.callbackAuth === 'confirm')
      fail(
        'callbackSecret',
        'is set but ayoconnect.profile.dd.callbackAuth is "confirm" (callbacks come unsigned and the secret would be ignored): leave out one of them',
      );
  }
  oneOf('confirmCallbacks', options.confirmCallbacks, ['always', 'unverified']);
  const basePath: unknown = options.basePath;
  if (basePath !== undefined && (typeof basePath !== 'string' || !/^(\/[\w.~-]+)*\/?$/.test(basePath)))
    fail(
      'basePath',
      `must be a path such as "/ayokit" (letters, digits, - . _ ~ between slashes), or "" for the root (got ${describe(basePath)})`,
    );
  if (options.reconcile !== undefined) {
    const r = options.reconcile;
    if (!isPlainObject(r))
      fail('reconcile', 'must be { callbackGraceMs?, retryBaseMs?, retryMaxMs?, intervalMs? }');
    for (const key of ['callbackGraceMs', 'retryBaseMs', 'retryMaxMs'] as const)
      ms(`reconcile.${key}`, r[key], 0);
    ms('reconcile.intervalMs', r.intervalMs, 0, MAX_TIMER_MS, ' (never: call proxy.reconcile() yourself)');
  }
  if (options.rateLimits !== undefined) {
    const limits = options.rateLimits;
    if (!isPlainObject(limits)) fail('rateLimits', 'must be { otpPerMinute?, bindingsPerMinute? }');
    for (const key of ['otpPerMinute', 'bindingsPerMinute'] as const) {
      const n: unknown = limits[key];
      if (n !== undefined && !(typeof n === 'number' && Number.isInteger(n) && n >= 1))
        fail(`rateLimits.${key}`, `must be a whole number, at least 1 (got ${describe(n)})`);
    }
  }
  fn('now', options.now, '() => number, milliseconds since 1970 like Date.now');
  fn('log', options.log, "(level, message, fields?) => void, level 'info' | 'warn' | 'error'");
}

/**
 * What keeps `value` from being an origin (http or https, a host, a port; no path, query, fragment
 * or user; a trailing slash forgiven), or null. The origin itself is `new URL(value).origin`.
 */
export function originProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'it is not a URL (give the scheme too)';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return 'the browser reaches the shop over http or https';
  if (url.pathname !== '/' || /[?#]/.test(value)) return 'an origin has no path, query or fragment';
  if (url.username || url.password) return 'an origin has no user or password';
  return null;
}

/** Examples of each API's base URL, for messages. */
const BASE_URL_EXAMPLE = { dd: 'https://sandbox.api.of.ayoconnect.id', card: 'https://gateway.example.id' };

/**
 * What keeps `value` from being the base URL of Ayoconnect's Direct Debit (`dd`) or card API, or
 * null. It is an origin (http or https, a host, a port; a trailing slash forgiven), never a path:
 * every request's path is the wire profile's `dd.paths` / `card.paths` entry, resolved against
 * the origin, and it is that path that Direct Debit signs (`METHOD:URLPath:…`, AYOCONNECT-API.md
 * §4). A path here would be dropped from every request; honoured as a prefix, whether it belongs in
 * the signed path would depend on what stands behind it (a gateway that strips it or one that
 * keeps it). A prefix goes in the profile's paths, which are sent and signed as written.
 */
export function baseUrlProblem(value: unknown, api: 'dd' | 'card'): string | null {
  const example = BASE_URL_EXAMPLE[api];
  const url = httpUrlOf(value);
  if (!url) return `must be an absolute http(s) URL such as ${example} (got ${describe(value)})`;
  const problem = originProblem(value as string); // a string: httpUrlOf read it
  if (!problem) return null;
  // The user and password are not shown.
  if (url.username || url.password) return `must be the API's origin, such as ${example}: ${problem}`;
  return (
    `must be the API's origin, such as ${example} (got ${describe(value)}): ${problem}. Every request's ` +
    `path, the signed one too, is the wire profile's ${api}.paths entry, so a path here would be dropped: ` +
    `to reach the API under a prefix, put the prefix in those paths`
  );
}

/** The word an unknown key may be a typo of, or where it belongs, or what its section takes. */
function unknownKey(section: Section, key: string): string {
  const known = Object.keys(SECTIONS[section]);
  const near = closest(key, known);
  if (near) return `is not an option; did you mean ${section ? `${section}.` : ''}${near}?`;
  const elsewhere = (Object.keys(SECTIONS) as Section[]).find(
    (other) => other !== section && Object.hasOwn(SECTIONS[other], key),
  );
  if (elsewhere !== undefined)
    return `is not an option here: ${key} is ${elsewhere ? `an option of ${elsewhere}` : 'a top-level option'}`;
  return section
    ? `is not an option; ${section} takes ${known.join(', ')}`
    : 'is not an option of createAyoProxy (see AyoProxyOptions)';
}

/** A known word one or two edits (or only a letter case) away from `word`, if there is one. */
function closest(word: string, known: string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = name.toLowerCase() === lower ? 0 : editDistance(lower, name.toLowerCase());
    if (
      distance <= Math.max(1, Math.min(2, Math.floor(word.length / 4))) &&
      (!best || distance < best.distance)
    )
      best = { name, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(
        (row[j] as number) + 1,
        (next[j - 1] as number) + 1,
        (row[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    row = next;
  }
  return row[b.length] as number;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function at(options: AyoProxyOptions, path: string): unknown {
  let value: unknown = options;
  for (const key of path.split('.')) value = isPlainObject(value) ? value[key] : undefined;
  return value;
}

/** The profile overrides, checked by the profile's own rules; a wrong entry is named under ayoconnect.profile. */
function profileOf(profile: unknown): WireProfileOverrides | undefined {
  if (profile === undefined) return undefined;
  if (!isPlainObject(profile))
    fail('ayoconnect.profile', `must be an object of wire profile entries (got ${describe(profile)})`);
  try {
    return parseWireProfileOverrides(profile);
  } catch (error) {
    if (!(error instanceof WireProfileError)) throw error;
    fail(
      error.entry ? `ayoconnect.profile.${error.entry}` : 'ayoconnect.profile',
      error.message.slice(`wire profile: ${error.entry || 'the profile'} `.length),
    );
  }
}

/** One entry checked by the profile's rule for it, the mistake named by `option`. */
function profileRule(option: string, entry: WireProfileOverrides): void {
  try {
    parseWireProfileOverrides(entry);
  } catch (error) {
    if (!(error instanceof WireProfileError)) throw error;
    fail(
      option,
      `${error.message.slice(`wire profile: ${error.entry} `.length)} (got ${describe(Object.values(entry)[0])})`,
    );
  }
}

function fn(option: string, value: unknown, shape: string): void {
  if (value !== undefined && typeof value !== 'function')
    fail(option, `must be a function ${shape} (got ${describe(value)})`);
}

function oneOf(option: string, value: unknown, allowed: readonly string[]): void {
  if (value !== undefined && !allowed.includes(value as string))
    fail(option, `must be ${allowed.map((a) => JSON.stringify(a)).join(' or ')} (got ${describe(value)})`);
}

/** A number of milliseconds, `min` or more (and at most `max`), when given. */
function ms(option: string, value: unknown, min: number, max?: number, minMeans = ''): void {
  if (value === undefined) return;
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < min ||
    (max !== undefined && value > max)
  )
    fail(
      option,
      `must be a number of milliseconds, ${min}${minMeans} or more${max === undefined ? '' : `, at most ${max} (about ${Math.floor(max / 86_400_000)} days)`} (got ${describe(value)})`,
    );
}

function timeout(option: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_TIMER_MS)
    fail(
      option,
      `must be a number of milliseconds, more than 0, at most ${MAX_TIMER_MS} (got ${describe(value)})`,
    );
}

function nonEmpty(option: string, value: unknown) {
  if (typeof value !== 'string' || value.trim() === '')
    fail(option, `must be a non-empty string (got ${describe(value)})`);
}

/**
 * What is wrong with a secret typed or pasted into the configuration, or null: space at either end
 * or a control character is a paste mistake (a newline read from a file with it) that would sign
 * with another key than the other side's. The secret is never shown.
 */
export function pasteProblem(value: string): string | null {
  if (value.trim() !== value)
    return 'has space at its start or end (a newline pasted with it?): give the value alone';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'holds a control character: give the value alone';
  return null;
}

/**
 * What is wrong with a client id or secret (or the callback secret), or null: as Ayoconnect issued
 * it, it is sent in a header (X-CLIENT-KEY) or a form and keys every request's HMAC (the callback
 * secret, every callback's). Besides a paste mistake (`pasteProblem`), a character beyond printable
 * ASCII (a curly quote or a zero-width space from a document) fails every request, as a header
 * cannot carry it, or signs with another key; only its code point is shown.
 */
export function credentialProblem(value: string): string | null {
  const pasted = pasteProblem(value);
  if (pasted) return pasted;
  const odd = /[^\x21-\x7e]/.exec(value)?.[0];
  if (odd !== undefined) {
    const code = `U+${(odd.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    return `holds ${code}, which is not printable ASCII (a quote or space from a document?): copy the value as Ayoconnect issued it`;
  }
  return null;
}

function credential(option: string, value: unknown) {
  nonEmpty(option, value);
  const problem = credentialProblem(value as string);
  if (problem) fail(option, problem);
}

function merchantCode(option: string, value: unknown) {
  if (typeof value !== 'string' || !MERCHANT_ID_PATTERN.test(value))
    fail(
      option,
      `must be the 6 letters or digits Ayoconnect gave you, e.g. "AYOPOP" (got ${describe(value)})`,
    );
}

function baseUrl(option: string, value: unknown, api: 'dd' | 'card') {
  const problem = baseUrlProblem(value, api);
  if (problem) fail(option, problem);
}

function httpUrl(option: string, value: unknown, example: string) {
  if (!httpUrlOf(value))
    fail(option, `must be an absolute http(s) URL such as ${example} (got ${describe(value)})`);
}

function describe(value: unknown): string {
  if (typeof value === 'string')
    return value.length > 60 ? `a string of ${value.length} characters` : JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return 'an array';
  return value === null ? 'null' : typeof value;
}

/**
 * What is wrong with a private key PEM, read synchronously (Web Crypto's import is async): one
 * PKCS#8 `BEGIN PRIVATE KEY` block whose base64 body is a DER PrivateKeyInfo of an RSA key
 * (rsaEncryption, then an RSAPrivateKey of version and eight integers). null when it is one.
 * The key itself never appears in a message.
 */
export function privateKeyPemProblem(pem: unknown): string | null {
  if (typeof pem !== 'string' || pem.trim() === '') return `must be a PEM string (got ${describe(pem)})`;
  if (pem.includes('\\n'))
    return 'contains "\\n" written out as two characters (as some .env files keep it): replace them with line breaks';
  const labels = [...pem.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----/g)].map((m) => m[1]);
  if (labels.length === 0) return 'is not a PEM: it has no "-----BEGIN PRIVATE KEY-----" line';
  if (labels.length > 1)
    return `holds ${labels.length} PEM blocks (${labels.join(', ')}); give the private key alone`;
  const label = labels[0];
  if (label === 'RSA PRIVATE KEY')
    return `is a PKCS#1 key ("BEGIN RSA PRIVATE KEY"); Web Crypto needs PKCS#8 ("BEGIN PRIVATE KEY"). Convert it with: ${TO_PKCS8}`;
  if (label === 'ENCRYPTED PRIVATE KEY')
    return 'is encrypted with a passphrase; give it unencrypted: openssl pkey -in key.pem -out key-pkcs8.pem';
  if (label === 'PUBLIC KEY' || label === 'CERTIFICATE')
    return `is a ${label === 'PUBLIC KEY' ? 'public key' : 'certificate'}; the proxy signs with your private key ("BEGIN PRIVATE KEY")`;
  if (label !== 'PRIVATE KEY') return `is a "${label}" PEM; it must be "BEGIN PRIVATE KEY" (PKCS#8 RSA)`;
  const m = /-----BEGIN PRIVATE KEY-----([\s\S]*?)-----END PRIVATE KEY-----/.exec(pem);
  if (!m) return 'has no "-----END PRIVATE KEY-----" line';
  const body = (m[1] ?? '').replace(/\s+/g, '');
  if (body === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(body) || body.length % 4 !== 0)
    return 'has a body that is not base64';
  let der: Uint8Array;
  try {
    der = Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
  } catch {
    return 'has a body that is not base64';
  }
  return pkcs8RsaProblem(der);
}

function pkcs8RsaProblem(der: Uint8Array): string | null {
  const bad = 'is not a PKCS#8 private key (its DER structure does not parse)';
  const top = readDer(der, 0, der.length);
  if (top?.tag !== 0x30 || top.end !== der.length) return bad;
  const version = readDer(der, top.start, top.end);
  if (version?.tag !== 0x02) return bad;
  const alg = readDer(der, version.end, top.end);
  if (alg?.tag !== 0x30) return bad;
  const oid = readDer(der, alg.start, alg.end);
  if (oid?.tag !== 0x06) return bad;
  if (!isRsaEncryption(der, oid))
    return 'is not an RSA key (Ayoconnect signs with RSA; make one with: openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out key.pem)';
  const octets = readDer(der, alg.end, top.end);
  if (octets?.tag !== 0x04) return bad;
  const rsa = readDer(der, octets.start, octets.end);
  if (rsa?.tag !== 0x30 || rsa.end !== octets.end) return bad;
  // RSAPrivateKey: version, modulus, publicExponent, privateExponent, prime1, prime2, exponent1,
  // exponent2, coefficient.
  let at = rsa.start;
  for (let i = 0; i < 9; i++) {
    const int = readDer(der, at, rsa.end);
    if (int?.tag !== 0x02 || int.end === int.start) return bad;
    at = int.end;
  }
  return null;
}

/**
 * The signing key, imported and tried once: Web Crypto can still refuse a key whose structure is
 * right (its numbers are not a key). Rejects with an AyoConfigError naming `option`.
 */
export async function signingKey(pem: string, option = 'ayoconnect.privateKeyPem'): Promise<CryptoKey> {
  let key: CryptoKey;
  try {
    key = await importPrivateKey(pem);
  } catch (error) {
    throw new AyoConfigError(
      option,
      `Web Crypto could not import it as a PKCS#8 RSA key (${(error as Error).message})`,
    );
  }
  try {
    await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, new Uint8Array([0x61, 0x79, 0x6f]));
  } catch (error) {
    throw new AyoConfigError(
      option,
      `imports but cannot sign (${(error as Error).message}); is it a real RSA key?`,
    );
  }
  return key;
}
