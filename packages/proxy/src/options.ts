import { importPrivateKey } from '@ayokit/core/snap';

/**
 * A mistake in the proxy's options, named by `option` (e.g. `ayoconnect.privateKeyPem`). Thrown by
 * `createAyoProxy` when it is called, or, for what only Web Crypto can tell (the key imports and
 * signs), by `proxy.ready` and by the first request that signs: never a 500 INTERNAL.
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

/** The options `checkProxyOptions` reads (a subset of AyoProxyOptions, to keep this module leaf). */
export interface CheckedOptions {
  ayoconnect: {
    baseUrl: string;
    clientId: string;
    clientSecret: string;
    privateKeyPem: string;
    merchantId: string;
    card?: { baseUrl?: string; clientId: string; clientSecret: string; merchantCode?: string };
  };
  db: unknown;
  authenticate: unknown;
  allowedOrigins: unknown;
  publicUrl?: string | undefined;
}

const TO_PKCS8 = 'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem';

/** Throws an AyoConfigError (a TypeError) naming the first option that is wrong. */
export function checkProxyOptions(options: CheckedOptions): void {
  const fail = (option: string, detail: string): never => {
    throw new AyoConfigError(option, detail);
  };
  if (typeof options !== 'object' || options === null)
    fail('options', 'createAyoProxy needs an options object');
  const ayo = options.ayoconnect;
  if (typeof ayo !== 'object' || ayo === null)
    fail('ayoconnect', 'must be { baseUrl, clientId, clientSecret, privateKeyPem, merchantId }');
  httpUrl('ayoconnect.baseUrl', ayo.baseUrl, 'https://sandbox.api.of.ayoconnect.id', fail);
  nonEmpty('ayoconnect.clientId', ayo.clientId, fail);
  nonEmpty('ayoconnect.clientSecret', ayo.clientSecret, fail);
  const pemProblem = privateKeyPemProblem(ayo.privateKeyPem);
  if (pemProblem) fail('ayoconnect.privateKeyPem', pemProblem);
  merchantCode('ayoconnect.merchantId', ayo.merchantId, fail);
  if (ayo.card !== undefined) {
    if (typeof ayo.card !== 'object' || ayo.card === null)
      fail('ayoconnect.card', 'must be { clientId, clientSecret, baseUrl?, merchantCode? }');
    if (ayo.card.baseUrl !== undefined)
      httpUrl('ayoconnect.card.baseUrl', ayo.card.baseUrl, 'https://gateway.example.id', fail);
    nonEmpty('ayoconnect.card.clientId', ayo.card.clientId, fail);
    nonEmpty('ayoconnect.card.clientSecret', ayo.card.clientSecret, fail);
    if (ayo.card.merchantCode !== undefined)
      merchantCode('ayoconnect.card.merchantCode', ayo.card.merchantCode, fail);
  }
  if (options.publicUrl !== undefined) httpUrl('publicUrl', options.publicUrl, 'https://shop.example', fail);
  const db = options.db as { query?: unknown } | null | undefined;
  if (typeof db !== 'object' || db === null || typeof db.query !== 'function')
    fail('db', 'must be a database from createPgliteDb() or createPostgresDb() (@ayokit/proxy/node)');
  if (typeof options.authenticate !== 'function')
    fail(
      'authenticate',
      'must be a function (request) => { id, phoneNumber } | null, your own session check',
    );
  if (!Array.isArray(options.allowedOrigins) || options.allowedOrigins.some((o) => typeof o !== 'string'))
    fail('allowedOrigins', 'must be a list of origins like ["https://shop.example"]');
}

function nonEmpty(option: string, value: unknown, fail: (o: string, d: string) => never) {
  if (typeof value !== 'string' || value.trim() === '')
    fail(option, `must be a non-empty string (got ${describe(value)})`);
}

function merchantCode(option: string, value: unknown, fail: (o: string, d: string) => never) {
  if (typeof value !== 'string' || !/^[A-Za-z0-9]{6}$/.test(value))
    fail(
      option,
      `must be the 6 letters or digits Ayoconnect gave you, e.g. "AYOPOP" (got ${describe(value)})`,
    );
}

function httpUrl(option: string, value: unknown, example: string, fail: (o: string, d: string) => never) {
  let url: URL | null = null;
  try {
    url = typeof value === 'string' ? new URL(value) : null;
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
    fail(option, `must be an absolute http(s) URL such as ${example} (got ${describe(value)})`);
}

function describe(value: unknown): string {
  if (typeof value === 'string')
    return value.length > 60 ? `a string of ${value.length} characters` : JSON.stringify(value);
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

// rsaEncryption, 1.2.840.113549.1.1.1
const RSA_OID = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

interface Tlv {
  tag: number;
  start: number;
  end: number;
}

/** One DER element at `at` inside [.., limit), or null when it does not fit. */
function readTlv(der: Uint8Array, at: number, limit: number): Tlv | null {
  if (at + 2 > limit) return null;
  const tag = der[at] as number;
  let len = der[at + 1] as number;
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 3 || start + n > limit) return null;
    len = 0;
    for (let i = 0; i < n; i++) len = (len << 8) | (der[start + i] as number);
    start += n;
  }
  const end = start + len;
  return end > limit ? null : { tag, start, end };
}

function pkcs8RsaProblem(der: Uint8Array): string | null {
  const bad = 'is not a PKCS#8 private key (its DER structure does not parse)';
  const top = readTlv(der, 0, der.length);
  if (top?.tag !== 0x30 || top.end !== der.length) return bad;
  const version = readTlv(der, top.start, top.end);
  if (version?.tag !== 0x02) return bad;
  const alg = readTlv(der, version.end, top.end);
  if (alg?.tag !== 0x30) return bad;
  const oid = readTlv(der, alg.start, alg.end);
  if (oid?.tag !== 0x06) return bad;
  const oidBytes = [...der.subarray(oid.start, oid.end)];
  if (oidBytes.length !== RSA_OID.length || oidBytes.some((b, i) => b !== RSA_OID[i]))
    return 'is not an RSA key (Ayoconnect signs with RSA; make one with: openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out key.pem)';
  const octets = readTlv(der, alg.end, top.end);
  if (octets?.tag !== 0x04) return bad;
  const rsa = readTlv(der, octets.start, octets.end);
  if (rsa?.tag !== 0x30 || rsa.end !== octets.end) return bad;
  // RSAPrivateKey: version, modulus, publicExponent, privateExponent, prime1, prime2, exponent1,
  // exponent2, coefficient.
  let at = rsa.start;
  for (let i = 0; i < 9; i++) {
    const int = readTlv(der, at, rsa.end);
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
