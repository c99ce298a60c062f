import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AyoProxy, type AyoProxyOptions, createAyoProxy } from '../src';
import { createTestPgliteDb } from '../src/db/testing';
import type { Db } from '../src/db/types';
import { AyoConfigError, checkProxyOptions, privateKeyPemProblem } from '../src/options';

// Small keys: only their shape matters here (and generating 2048-bit ones is slow).
const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
const PKCS8 = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const PKCS1 = rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
const SPKI = rsa.publicKey.export({ type: 'spki', format: 'pem' }) as string;
const ENCRYPTED = rsa.privateKey.export({
  type: 'pkcs8',
  format: 'pem',
  cipher: 'aes-256-cbc',
  passphrase: 'secret',
}) as string;
const EC = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
  type: 'pkcs8',
  format: 'pem',
}) as string;

/** DER helpers: a key of the right structure whose numbers are not a key (Web Crypto refuses to sign). */
const tlv = (tag: number, body: number[]) => [
  tag,
  ...(body.length < 128 ? [body.length] : [0x81, body.length]),
  ...body,
];
const int = (bytes: number[]) => tlv(0x02, bytes);
const seq = (...parts: number[][]) => tlv(0x30, parts.flat());
const RSA_ALG = seq([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01], [0x05, 0x00]);
const pem = (der: number[]) =>
  `-----BEGIN PRIVATE KEY-----\n${Buffer.from(der).toString('base64')}\n-----END PRIVATE KEY-----\n`;
const NOT_A_KEY = pem(
  seq(int([0]), RSA_ALG, tlv(0x04, seq(int([0]), ...Array.from({ length: 8 }, () => int([1]))))),
);

const fakeDb = { query: async () => [] } as unknown as Db;
const valid = (): AyoProxyOptions => ({
  ayoconnect: {
    baseUrl: 'https://sandbox.api.of.ayoconnect.id',
    clientId: 'client-1',
    clientSecret: 'secret-1',
    privateKeyPem: PKCS8,
    merchantId: 'AYOPOP',
  },
  db: fakeDb,
  authenticate: () => null,
  allowedOrigins: ['https://shop.example'],
});

/** Lays `change` over the options (its `ayoconnect` over theirs), as a merchant's typo would. */
const patch =
  (change: Record<string, unknown>) =>
  (o: AyoProxyOptions): void => {
    const { ayoconnect, ...rest } = change as { ayoconnect?: object };
    Object.assign(o, rest);
    if (ayoconnect) Object.assign(o.ayoconnect, ayoconnect);
  };

/** createAyoProxy's TypeError for options changed by `change`. */
function creationError(change: (o: AyoProxyOptions) => void): Error {
  const options = valid();
  change(options);
  try {
    createAyoProxy(options);
  } catch (error) {
    return error as Error;
  }
  throw new Error('createAyoProxy accepted the options');
}

describe('createAyoProxy checks its options when called', () => {
  it('accepts valid options (a PKCS#8 RSA key, URLs, a 6-character merchant id)', () => {
    expect(() => checkProxyOptions(valid())).not.toThrow();
    expect(privateKeyPemProblem(PKCS8)).toBeNull();
    // CRLF line ends and surrounding whitespace are fine.
    expect(privateKeyPemProblem(`\n  ${PKCS8.replaceAll('\n', '\r\n')}`)).toBeNull();
  });

  it.each([
    [
      'a PKCS#1 key, with the openssl command that converts it',
      PKCS1,
      /PKCS#1.*openssl pkcs8 -topk8 -nocrypt/,
    ],
    ['an encrypted key', ENCRYPTED, /encrypted.*openssl pkey/],
    ['the public key', SPKI, /public key/],
    ['an EC key', EC, /not an RSA key/],
    [
      'a string with no PEM block',
      'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC',
      /no "-----BEGIN PRIVATE KEY-----" line/,
    ],
    ['two PEM blocks', PKCS8 + SPKI, /2 PEM blocks/],
    ['"\\n" written out (an .env file)', PKCS8.replaceAll('\n', '\\n'), /"\\n" written out/],
    [
      'a body that is not base64',
      '-----BEGIN PRIVATE KEY-----\nnot*base64!\n-----END PRIVATE KEY-----',
      /not base64/,
    ],
    [
      'a cut key',
      `${PKCS8.split('\n').slice(0, 4).join('\n')}\n-----END PRIVATE KEY-----\n`,
      /DER structure does not parse/,
    ],
    ['no END line', PKCS8.replace('-----END PRIVATE KEY-----', ''), /no "-----END PRIVATE KEY-----" line/],
    ['an empty string', '', /must be a PEM string/],
  ])('ayoconnect.privateKeyPem: refuses %s', (_, privateKeyPem, message) => {
    const error = creationError((o) => {
      o.ayoconnect.privateKeyPem = privateKeyPem;
    });
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toBeInstanceOf(AyoConfigError);
    expect((error as AyoConfigError).option).toBe('ayoconnect.privateKeyPem');
    expect(error.message).toMatch(/^ayoconnect\.privateKeyPem: /);
    expect(error.message).toMatch(message);
    // The key's body never appears in the message.
    expect(error.message).not.toContain(PKCS8.split('\n')[1]?.slice(0, 20));
  });

  it.each<[string, (o: AyoProxyOptions) => void, RegExp]>([
    [
      'ayoconnect.baseUrl',
      (o) => {
        o.ayoconnect.baseUrl = 'sandbox.api.of.ayoconnect.id';
      },
      /absolute http\(s\) URL/,
    ],
    [
      'ayoconnect.baseUrl',
      (o) => {
        o.ayoconnect.baseUrl = 'ftp://files.example';
      },
      /"ftp:\/\/files\.example"/,
    ],
    [
      'ayoconnect.card.baseUrl',
      (o) => {
        o.ayoconnect.card = { baseUrl: '/card', clientId: 'c', clientSecret: 's' };
      },
      /absolute http\(s\) URL/,
    ],
    [
      'ayoconnect.merchantId',
      (o) => {
        o.ayoconnect.merchantId = 'AYO-01';
      },
      /6 letters or digits/,
    ],
    [
      'ayoconnect.merchantId',
      (o) => {
        o.ayoconnect.merchantId = 'AYOPOP7';
      },
      /"AYOPOP7"/,
    ],
    [
      'ayoconnect.card.merchantCode',
      (o) => {
        o.ayoconnect.card = { clientId: 'c', clientSecret: 's', merchantCode: 'ABC' };
      },
      /6 letters or digits/,
    ],
    [
      'ayoconnect.clientId',
      (o) => {
        o.ayoconnect.clientId = ' ';
      },
      /non-empty string/,
    ],
    [
      'ayoconnect.clientSecret',
      (o) => {
        (o.ayoconnect as { clientSecret?: string }).clientSecret = undefined;
      },
      /non-empty string \(got undefined\)/,
    ],
    [
      'ayoconnect.clientId',
      (o) => {
        o.ayoconnect.clientId = 'client-1\n';
      },
      /space at its start or end/,
    ],
    [
      'ayoconnect.clientSecret',
      (o) => {
        o.ayoconnect.clientSecret = ' secret-1';
      },
      /space at its start or end/,
    ],
    [
      'ayoconnect.clientSecret',
      (o) => {
        o.ayoconnect.clientSecret = 'sec\u0000ret';
      },
      /control character/,
    ],
    [
      'ayoconnect.clientId',
      (o) => {
        o.ayoconnect.clientId = '\u201cclient-1\u201d';
      },
      /holds U\+201C, which is not printable ASCII/,
    ],
    [
      'ayoconnect.card.clientId',
      (o) => {
        o.ayoconnect.card = { clientId: 'card\r', clientSecret: 's' };
      },
      /space at its start or end/,
    ],
    [
      'ayoconnect.card.clientSecret',
      (o) => {
        o.ayoconnect.card = { clientId: 'c', clientSecret: 'card\tsecret' };
      },
      /control character/,
    ],
    [
      'publicUrl',
      (o) => {
        o.publicUrl = 'shop.example';
      },
      /absolute http\(s\) URL/,
    ],
    [
      'db',
      (o) => {
        o.db = {} as Db;
      },
      /createPgliteDb/,
    ],
    [
      'authenticate',
      (o) => {
        (o as { authenticate?: unknown }).authenticate = undefined;
      },
      /must be a function/,
    ],
    [
      'allowedOrigins',
      (o) => {
        (o as { allowedOrigins: unknown }).allowedOrigins = 'https://shop.example';
      },
      /list of origins/,
    ],
    [
      'allowedOrigins',
      (o) => {
        o.allowedOrigins = ['shop.example'];
      },
      /is not an origin/,
    ],
  ])('%s: a TypeError naming it', (option, change, message) => {
    const error = creationError(change);
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message.startsWith(`${option}: `)).toBe(true);
    expect(error.message).toMatch(message);
  });

  it('accepts every option at once, each given a good value (and undefined for any optional one)', () => {
    const fetch = async () => new Response('{}');
    const options: AyoProxyOptions = {
      ...valid(),
      ayoconnect: {
        ...valid().ayoconnect,
        partnerId: 'PARTNER-1',
        channelId: '95221',
        signatureEncoding: 'base64',
        profile: { signatureEncoding: 'base64', channelId: '95221', dd: { callbackAuth: 'signature' } },
        timeoutMs: 5_000,
        fetch,
        exchangeLog: () => undefined,
        card: {
          baseUrl: 'https://cards.example',
          clientId: 'card',
          clientSecret: 'card-secret',
          merchantCode: 'CARD01',
          timeoutMs: 5_000,
          fetch,
          exchangeLog: () => undefined,
        },
      },
      authorizeStaff: () => null,
      callbackSecret: 'callback-secret',
      confirmCallbacks: 'unverified',
      basePath: '/shop/ayokit/',
      publicUrl: 'https://shop.example',
      reconcile: { callbackGraceMs: 0, retryBaseMs: 500, retryMaxMs: 60_000, intervalMs: 0 },
      rateLimits: { otpPerMinute: 1, bindingsPerMinute: 1_000_000 },
      now: () => 0,
      log: () => undefined,
      onEvent: () => undefined,
      webhooks: {
        url: 'https://shop.example/hooks',
        secret: 'hook-secret',
        previousSecrets: ['hook-secret-before', 'hook-secret-long-before'],
        fetch,
      },
      eventDelivery: { intervalMs: 0, retryBaseMs: 1, retryMaxMs: 2, timeoutMs: 3 },
    };
    expect(() => checkProxyOptions(options)).not.toThrow();
    expect(() =>
      checkProxyOptions({ ...valid(), callbackSecret: undefined, authorizeStaff: undefined, basePath: '' }),
    ).not.toThrow();
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['authorizeStaff', { authorizeStaff: 'yes' }, /must be a function .*\(got "yes"\)/],
    [
      'rateLimits.bindingsPerMinute',
      { rateLimits: { bindingsPerMinute: 0 } },
      /whole number, at least 1 \(got 0\)/,
    ],
    ['rateLimits.bindingsPerMinute', { rateLimits: { bindingsPerMinute: -1 } }, /at least 1 \(got -1\)/],
    ['rateLimits.otpPerMinute', { rateLimits: { otpPerMinute: 'x' } }, /at least 1 \(got "x"\)/],
    ['rateLimits', { rateLimits: 10 }, /must be \{ otpPerMinute\?, bindingsPerMinute\? \}/],
    ['ayoconnect.timeoutMs', { ayoconnect: { timeoutMs: -1 } }, /more than 0.*\(got -1\)/],
    ['ayoconnect.timeoutMs', { ayoconnect: { timeoutMs: 'x' } }, /more than 0.*\(got "x"\)/],
    [
      'ayoconnect.fetch',
      { ayoconnect: { fetch: 'x' } },
      /must be a function \(request\) => Promise<Response>/,
    ],
    ['ayoconnect.exchangeLog', { ayoconnect: { exchangeLog: '/tmp/x.log' } }, /must be a function \(entry\)/],
    ['ayoconnect.channelId', { ayoconnect: { channelId: 'abc' } }, /must be 5 digits \(got "abc"\)/],
    ['ayoconnect.partnerId', { ayoconnect: { partnerId: '' } }, /X-PARTNER-ID .*\(got ""\)/],
    [
      'ayoconnect.signatureEncoding',
      { ayoconnect: { signatureEncoding: 'b64' } },
      /hex.*base64.*\(got "b64"\)/,
    ],
    [
      'ayoconnect.signatureEncoding',
      { ayoconnect: { signatureEncoding: 'hex', profile: { signatureEncoding: 'base64' } } },
      /is "hex" but ayoconnect\.profile\.signatureEncoding is "base64": give one of them/,
    ],
    [
      'ayoconnect.channelId',
      { ayoconnect: { channelId: '12345', profile: { channelId: '95221' } } },
      /is "12345" but ayoconnect\.profile\.channelId is "95221"/,
    ],
    [
      'ayoconnect.profile.dd.pathz',
      { ayoconnect: { profile: { dd: { pathz: {} } } } },
      /is not a profile entry/,
    ],
    ['ayoconnect.profile', { ayoconnect: { profile: null } }, /object of wire profile entries \(got null\)/],
    [
      'ayoconnect.card.timeoutMs',
      { ayoconnect: { card: { clientId: 'a', clientSecret: 'b', timeoutMs: 0 } } },
      /more than 0/,
    ],
    [
      'ayoconnect.card.fetch',
      { ayoconnect: { card: { clientId: 'a', clientSecret: 'b', fetch: 'x' } } },
      /function/,
    ],
    [
      'reconcile.intervalMs',
      { reconcile: { intervalMs: -5 } },
      /0 \(never: call proxy\.reconcile\(\) yourself\) or more.*\(got -5\)/,
    ],
    ['reconcile.intervalMs', { reconcile: { intervalMs: Number.NaN } }, /\(got NaN\)/],
    ['reconcile.intervalMs', { reconcile: { intervalMs: 2 ** 31 } }, /at most 2147483647/],
    [
      'reconcile.callbackGraceMs',
      { reconcile: { callbackGraceMs: 'abc' } },
      /milliseconds, 0 or more \(got "abc"\)/,
    ],
    ['reconcile.retryBaseMs', { reconcile: { retryBaseMs: -1 } }, /\(got -1\)/],
    [
      'confirmCallbacks',
      { confirmCallbacks: 'sometimes' },
      /must be "always" or "unverified" \(got "sometimes"\)/,
    ],
    ['callbackSecret', { callbackSecret: '' }, /non-empty string, or left out .*\(got ""\)/],
    ['callbackSecret', { callbackSecret: 123 }, /\(got 123\)/],
    // Read from a file with its newline: every signed callback would be refused (401).
    ['callbackSecret', { callbackSecret: 'callback-secret\n' }, /has space at its start or end/],
    ['callbackSecret', { callbackSecret: 'callback\u0000secret' }, /holds a control character/],
    [
      'callbackSecret',
      { callbackSecret: 'sec', ayoconnect: { profile: { dd: { callbackAuth: 'confirm' } } } },
      /ayoconnect\.profile\.dd\.callbackAuth is "confirm" .*leave out one of them/,
    ],
    ['now', { now: 'x' }, /must be a function \(\) => number/],
    ['log', { log: 'x' }, /must be a function \(level, message, fields\?\)/],
    ['basePath', { basePath: 5 }, /must be a path such as "\/ayokit" .*\(got 5\)/],
    ['basePath', { basePath: 'ayokit' }, /\(got "ayokit"\)/],
    ['basePath', { basePath: '/ayo?x' }, /\(got "\/ayo\?x"\)/],
    ['eventDelivery.intervalMs', { eventDelivery: { intervalMs: 2 ** 31 } }, /at most 2147483647/],
    ['webhooks.secret', { webhooks: { url: 'https://shop.example/hooks', secret: '' } }, /non-empty string/],
    // The receiver verifies with its own copy: a newline on one side only refuses every delivery.
    [
      'webhooks.secret',
      { webhooks: { url: 'https://shop.example/hooks', secret: 'whsec-now\n' } },
      /has space at its start or end/,
    ],
    // A curly quote or zero-width space from a document: no header carries it (or another key signs).
    [
      'callbackSecret',
      { callbackSecret: 'callback\u200bsecret' },
      /holds U\+200B, which is not printable ASCII/,
    ],
    ...(
      [
        ['whsec-old', /must be a list of the secrets .*\(got string\)/],
        [null, /\(got null\)/],
        [['whsec-old', ''], /entry 1 is empty/],
        [['  '], /entry 0 is empty/],
        [['whsec-old', 42], /entry 1 must be a string \(got number\)/],
        [[undefined], /entry 0 must be a string \(got undefined\)/],
        [['whsec-old', 'whsec-older', 'whsec-old'], /entries 0 and 2 are the same secret/],
        [['whsec-old', 'whsec-now'], /entry 1 is webhooks\.secret itself/],
        [['whsec-old\t'], /entry 0 has space at its start or end/],
      ] as const
    ).map(
      ([previousSecrets, message]) =>
        [
          'webhooks.previousSecrets',
          { webhooks: { url: 'https://shop.example/hooks', secret: 'whsec-now', previousSecrets } },
          message,
        ] as [string, Record<string, unknown>, RegExp],
    ),
  ])('%s: refused when created, an AyoConfigError naming it', (option, change, message) => {
    const error = creationError(patch(change));
    expect(error).toBeInstanceOf(AyoConfigError);
    expect((error as AyoConfigError).option).toBe(option);
    expect(error.message).toMatch(new RegExp(`^${option.replaceAll('.', '\\.')}: `));
    expect(error.message).toMatch(message);
  });

  it('never shows a webhook secret in a message about the secrets', () => {
    for (const previousSecrets of [['whsec-old', ''], ['whsec-old', 'whsec-old'], ['whsec-now']]) {
      const error = creationError(
        patch({ webhooks: { url: 'https://shop.example/h', secret: 'whsec-now', previousSecrets } }),
      );
      expect(error).toBeInstanceOf(AyoConfigError);
      expect(error.message).not.toMatch(/whsec-/);
    }
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    [
      'allowedOrigins',
      { allowedOrigins: ['ftp://shop.example'] },
      /"ftp:\/\/shop\.example" is not an origin .*http or https/,
    ],
    [
      'allowedOrigins',
      { allowedOrigins: ['https://shop.example', 'https://shop.example/checkout'] },
      /"https:\/\/shop\.example\/checkout" is not an origin .*no path/,
    ],
    ['allowedOrigins', { allowedOrigins: ['https://shop.example/?x=1'] }, /no path, query or fragment/],
    ['allowedOrigins', { allowedOrigins: ['https://ani@shop.example'] }, /no user or password/],
    ['allowedOrigins', { allowedOrigins: ['shop.example'] }, /not a URL \(give the scheme too\)/],
    ['publicUrl', { allowedOrigins: [] }, /is needed when allowedOrigins is empty/],
    ['publicUrl', { publicUrl: 'https://shop.example/#top' }, /no query, fragment or user/],
  ])(
    '%s: a bad origin or return base is refused when created (an AyoConfigError)',
    (option, change, message) => {
      const error = creationError(patch(change));
      expect(error).toBeInstanceOf(AyoConfigError);
      expect((error as AyoConfigError).option).toBe(option);
      expect(error.message).toMatch(message);
    },
  );

  it('takes an origin however the scheme and host are cased, with its default port or a trailing slash', () => {
    expect(() =>
      checkProxyOptions({
        ...valid(),
        allowedOrigins: ['HTTPS://Shop.Example:443/', 'http://localhost:5173', 'http://[::1]:8787'],
      }),
    ).not.toThrow();
    // No allowed origin is fine when publicUrl says where shoppers come back to.
    expect(() =>
      checkProxyOptions({ ...valid(), allowedOrigins: [], publicUrl: 'https://shop.example/shop/' }),
    ).not.toThrow();
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['allowedOrigin', { allowedOrigin: ['https://shop.example'] }, /did you mean allowedOrigins\?/],
    ['callbackSecrets', { callbackSecrets: 'x' }, /did you mean callbackSecret\?/],
    // A typo is refused even when its value is undefined (an unset variable): it is still a typo.
    ['callbackSecrets', { callbackSecrets: undefined }, /did you mean callbackSecret\?/],
    ['ayoconnect.merchantID', { ayoconnect: { merchantID: 'x' } }, /did you mean ayoconnect\.merchantId\?/],
    [
      'ayoconnect.card.merchantID',
      { ayoconnect: { card: { clientId: 'a', clientSecret: 'b', merchantID: 'x' } } },
      /ayoconnect\.card takes .*merchantCode/,
    ],
    [
      'webhooks.secrets',
      { webhooks: { url: 'https://shop.example/h', secret: 's', secrets: 'y' } },
      /did you mean webhooks\.secret\?/,
    ],
    [
      'eventDelivery.retryMs',
      { eventDelivery: { retryMs: 5 } },
      /eventDelivery takes intervalMs, retryBaseMs, retryMaxMs, timeoutMs/,
    ],
    [
      'ayoconnect.callbackSecret',
      { ayoconnect: { callbackSecret: 's' } },
      /callbackSecret is a top-level option/,
    ],
    ['merchantId', { merchantId: 'AYOPOP' }, /merchantId is an option of ayoconnect/],
    ['reconcile.interval', { reconcile: { interval: 5 } }, /did you mean reconcile\.intervalMs\?/],
    ['frobnicate', { frobnicate: true }, /is not an option of createAyoProxy/],
  ])('an unknown option %s is refused by name', (option, change, message) => {
    const error = creationError(patch(change));
    expect(error).toBeInstanceOf(AyoConfigError);
    expect((error as AyoConfigError).option).toBe(option);
    expect(error.message).toMatch(message);
  });
});

describe('ayoconnect.baseUrl and ayoconnect.card.baseUrl are origins', () => {
  // Every request's path is the wire profile's, resolved against the base URL: a path there was
  // dropped from every request (and from the signed path), silently.
  it.each<[string, (o: AyoProxyOptions) => void, RegExp]>([
    [
      'ayoconnect.baseUrl',
      (o) => {
        o.ayoconnect.baseUrl = 'https://egress.shop.example/ayoconnect';
      },
      /origin.*\(got "https:\/\/egress\.shop\.example\/ayoconnect"\): an origin has no path.*dd\.paths/,
    ],
    [
      'ayoconnect.baseUrl',
      (o) => {
        o.ayoconnect.baseUrl = 'https://sandbox.api.of.ayoconnect.id/dd/api/v3.0/';
      },
      /a path here would be dropped: to reach the API under a prefix, put the prefix in those paths/,
    ],
    [
      'ayoconnect.baseUrl',
      (o) => {
        o.ayoconnect.baseUrl = 'https://sandbox.api.of.ayoconnect.id?env=test';
      },
      /no path, query or fragment/,
    ],
    [
      'ayoconnect.card.baseUrl',
      (o) => {
        o.ayoconnect.card = { baseUrl: 'https://cards.example/v2', clientId: 'c', clientSecret: 's' };
      },
      /card\.paths/,
    ],
  ])('%s with a path, query or fragment: refused, naming it', (option, change, message) => {
    const error = creationError(change);
    expect(error).toBeInstanceOf(AyoConfigError);
    expect((error as AyoConfigError).option).toBe(option);
    expect(error.message.startsWith(`${option}: `)).toBe(true);
    expect(error.message).toMatch(message);
  });

  it('refuses a user and password in it without showing them', () => {
    const error = creationError((o) => {
      o.ayoconnect.baseUrl = 'https://merchant:hunter2@gateway.example';
    });
    expect(error.message).toMatch(/^ayoconnect\.baseUrl: .*no user or password/);
    expect(error.message).not.toContain('hunter2');
  });

  it('takes an origin with or without its trailing slash, and a port', () => {
    for (const baseUrl of [
      'https://gateway.example/',
      'http://127.0.0.1:8787',
      'https://GATEWAY.example:8443',
    ])
      expect(() =>
        checkProxyOptions({
          ...valid(),
          ayoconnect: { ...valid().ayoconnect, baseUrl, card: { baseUrl, clientId: 'c', clientSecret: 's' } },
        }),
      ).not.toThrow();
  });
});

describe('a key only Web Crypto can refuse', () => {
  let db: Db;
  let proxy: AyoProxy;
  const logged: { level: string; message: string; fields: unknown }[] = [];

  beforeAll(async () => {
    db = await createTestPgliteDb();
    proxy = createAyoProxy({
      ...valid(),
      ayoconnect: { ...valid().ayoconnect, privateKeyPem: NOT_A_KEY, fetch: async () => new Response('{}') },
      db,
      authenticate: () => ({ id: 'user-1', phoneNumber: '081234567890' }),
      reconcile: { intervalMs: 0 },
      log: (level, message, fields) => {
        logged.push({ level, message, fields });
      },
    });
  }, 60_000);
  afterAll(async () => {
    await proxy?.close();
    await db?.close();
  });

  it('passes the structural check, then proxy.ready rejects with an AyoConfigError naming the option', async () => {
    expect(privateKeyPemProblem(NOT_A_KEY)).toBeNull();
    const error = await proxy.ready.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AyoConfigError);
    expect((error as AyoConfigError).option).toBe('ayoconnect.privateKeyPem');
    expect(
      logged.some((l) => l.level === 'error' && l.message.startsWith('ayoconnect.privateKeyPem: ')),
    ).toBe(true);
  });

  it('fails the first request that signs with UPSTREAM_UNAVAILABLE, not 500 INTERNAL, naming the option in the log', async () => {
    logged.length = 0;
    const res = await proxy.fetch(
      new Request('https://shop.example/ayokit/v1/bindings', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: 'https://shop.example',
          'idempotency-key': 'options-test-1',
        },
        body: JSON.stringify({ bankCode: '014' }),
      }),
    );
    const body = (await res.json()) as { code: string; message: string };
    expect(res.status, JSON.stringify(body)).toBe(502);
    expect(body.code).toBe('UPSTREAM_UNAVAILABLE');
    // The browser hears nothing of the configuration.
    expect(JSON.stringify(body)).not.toMatch(/privateKeyPem|PRIVATE KEY/);
    const named = logged.filter((l) => l.message.startsWith('ayoconnect.privateKeyPem: '));
    expect(named.length).toBeGreaterThan(0);
    expect(logged.some((l) => l.message === 'unhandled error')).toBe(false);
  });

  it('still answers what needs no signature (the banks)', async () => {
    const res = await proxy.fetch(
      new Request('https://shop.example/ayokit/v1/banks', { headers: { origin: 'https://shop.example' } }),
    );
    expect(res.status).toBe(200);
  });
});
