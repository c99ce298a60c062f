import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/types';
import { AyoConfigError, checkProxyOptions } from '../options';
import { readAyoconnectEnv, readShopEnv } from './env';

// A small key: only its shape matters here.
const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
const PKCS8 = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const PKCS1 = rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;

const REMOTE = {
  AYOCONNECT_CLIENT_ID: 'dd-id',
  AYOCONNECT_CLIENT_SECRET: 'dd-secret',
  AYOCONNECT_PRIVATE_KEY: PKCS8.replaceAll('\n', '\\n'), // as a .env file keeps it
  AYOCONNECT_MERCHANT_ID: 'SHOP01',
};

/** The AyoConfigError readAyoconnectEnv throws for `env`. */
function mistake(env: Record<string, string>): AyoConfigError {
  try {
    readAyoconnectEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(AyoConfigError);
    return error as AyoConfigError;
  }
  throw new Error(`no mistake found in ${JSON.stringify(Object.keys(env))}`);
}

describe('readAyoconnectEnv: every credential or none', () => {
  it('is embedded with no AYOCONNECT_* credential (the merchant id alone names the simulator’s merchant)', () => {
    expect(readAyoconnectEnv({})).toEqual({
      mode: 'embedded',
      merchantId: undefined,
      cardMerchantCode: undefined,
    });
    expect(
      readAyoconnectEnv({ AYOCONNECT_MERCHANT_ID: 'DEMO01', AYOCONNECT_CARD_MERCHANT_CODE: 'CARD01' }),
    ).toEqual({ mode: 'embedded', merchantId: 'DEMO01', cardMerchantCode: 'CARD01' });
  });

  it('is remote with all four, giving createAyoProxy options it takes', () => {
    const read = readAyoconnectEnv({ ...REMOTE, AYOCONNECT_CALLBACK_SECRET: 'cb-secret' });
    expect(read).toEqual({
      mode: 'remote',
      ayoconnect: {
        baseUrl: 'https://sandbox.api.of.ayoconnect.id',
        clientId: 'dd-id',
        clientSecret: 'dd-secret',
        privateKeyPem: PKCS8,
        merchantId: 'SHOP01',
      },
      callbackSecret: 'cb-secret',
    });
    if (read.mode !== 'remote') return;
    expect(() =>
      checkProxyOptions({
        ayoconnect: read.ayoconnect,
        callbackSecret: read.callbackSecret,
        db: { query: async () => [] } as unknown as Db,
        authenticate: () => null,
        allowedOrigins: ['https://shop.example'],
      }),
    ).not.toThrow();
  });

  it.each<[string, Record<string, string>, string, RegExp]>([
    [
      'a client id and secret without the key or merchant id',
      { AYOCONNECT_CLIENT_ID: 'abc', AYOCONNECT_CLIENT_SECRET: 'x' },
      'AYOCONNECT_PRIVATE_KEY, AYOCONNECT_MERCHANT_ID',
      /AYOCONNECT_CLIENT_ID and AYOCONNECT_CLIENT_SECRET are set, so the proxy would call Ayoconnect, but AYOCONNECT_PRIVATE_KEY and AYOCONNECT_MERCHANT_ID are not/,
    ],
    // The gateway is never called with a made-up merchant id.
    [
      'everything but the merchant id',
      { ...REMOTE, AYOCONNECT_MERCHANT_ID: ' ' },
      'AYOCONNECT_MERCHANT_ID',
      /but AYOCONNECT_MERCHANT_ID is not: set .* \(all four\)/,
    ],
    [
      'a base URL alone',
      { AYOCONNECT_BASE_URL: 'https://gateway.example' },
      'AYOCONNECT_CLIENT_ID, AYOCONNECT_CLIENT_SECRET, AYOCONNECT_PRIVATE_KEY, AYOCONNECT_MERCHANT_ID',
      /AYOCONNECT_BASE_URL is set.*or unset it to run the embedded sandbox/,
    ],
    [
      'a callback secret alone',
      { AYOCONNECT_CALLBACK_SECRET: 'sec' },
      'AYOCONNECT_CLIENT_ID, AYOCONNECT_CLIENT_SECRET, AYOCONNECT_PRIVATE_KEY, AYOCONNECT_MERCHANT_ID',
      /AYOCONNECT_CALLBACK_SECRET is set/,
    ],
    [
      'card credentials alone',
      { AYOCONNECT_CARD_CLIENT_ID: 'card-id', AYOCONNECT_CARD_CLIENT_SECRET: 'card-secret' },
      'AYOCONNECT_CLIENT_ID, AYOCONNECT_CLIENT_SECRET, AYOCONNECT_PRIVATE_KEY, AYOCONNECT_MERCHANT_ID',
      /AYOCONNECT_CARD_CLIENT_ID and AYOCONNECT_CARD_CLIENT_SECRET are set/,
    ],
  ])('refuses %s, naming what is missing', (_, env, missing, message) => {
    const error = mistake(env);
    expect(error.option).toBe(missing);
    expect(error.message.startsWith(`${missing}: `)).toBe(true);
    expect(error.message).toMatch(message);
  });
});

describe('readAyoconnectEnv: each value is checked, a mistake naming its variable', () => {
  let dir = '';
  let keyFile = '';
  let pkcs1File = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ayokit-env-'));
    keyFile = join(dir, 'key.pem');
    await writeFile(keyFile, PKCS8);
    pkcs1File = join(dir, 'key-pkcs1.pem');
    await writeFile(pkcs1File, PKCS1);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each<[string, () => Record<string, string>, RegExp]>([
    [
      'a merchant id that is not 6 letters or digits, in either mode',
      () => ({ AYOCONNECT_MERCHANT_ID: 'AYO-01' }),
      /^AYOCONNECT_MERCHANT_ID: must be the 6 letters or digits .* \(got "AYO-01"\)/,
    ],
    [
      'a card merchant code that is not one',
      () => ({ ...REMOTE, AYOCONNECT_CARD_MERCHANT_CODE: 'CARD' }),
      /^AYOCONNECT_CARD_MERCHANT_CODE: must be the 6 letters or digits/,
    ],
    [
      'a key file that does not exist',
      () => ({ ...REMOTE, AYOCONNECT_PRIVATE_KEY: '/no/such/key.pem' }),
      /^AYOCONNECT_PRIVATE_KEY: is neither a PEM .* nor a file that can be read: \/no\/such\/key\.pem \(ENOENT\)/,
    ],
    // A secret pasted into the wrong variable is not a path: the message gives its length alone.
    [
      'a client secret pasted as the key, without showing it',
      () => ({ ...REMOTE, AYOCONNECT_PRIVATE_KEY: 'Zq81xKd02mVbT7sLp4uYw9' }),
      /^AYOCONNECT_PRIVATE_KEY: is neither a PEM .* nor a file that can be read: a value of 22 characters that is not a path \(ENOENT\)\.$/,
    ],
    [
      'a PKCS#1 key file',
      () => ({ ...REMOTE, AYOCONNECT_PRIVATE_KEY: pkcs1File }),
      /^AYOCONNECT_PRIVATE_KEY: the file .*key-pkcs1\.pem is a PKCS#1 key .*openssl pkcs8/,
    ],
    [
      'a base URL that is not one',
      () => ({ ...REMOTE, AYOCONNECT_BASE_URL: 'gateway.example' }),
      /^AYOCONNECT_BASE_URL: must be an absolute http\(s\) URL/,
    ],
    // Every request's path comes from the wire profile: a path in the base URL was dropped.
    [
      'a base URL with a path',
      () => ({ ...REMOTE, AYOCONNECT_BASE_URL: 'https://egress.shop.example/ayoconnect' }),
      /^AYOCONNECT_BASE_URL: must be the API's origin.*no path.*dd\.paths/,
    ],
    [
      'a card base URL with a path',
      () => ({ ...REMOTE, AYOCONNECT_CARD_BASE_URL: 'https://cards.example/v2/' }),
      /^AYOCONNECT_CARD_BASE_URL: must be the API's origin.*no path.*card\.paths/,
    ],
    [
      'a card client id without its secret',
      () => ({ ...REMOTE, AYOCONNECT_CARD_CLIENT_ID: 'card-id' }),
      /^AYOCONNECT_CARD_CLIENT_SECRET: must be set when AYOCONNECT_CARD_CLIENT_ID is/,
    ],
    // A secret read from a file with its newline (`$(cat secret.txt)` keeps none; a Kubernetes
    // secret made --from-file does): it would key every request's HMAC with the newline.
    [
      'a client secret with a newline after it',
      () => ({ ...REMOTE, AYOCONNECT_CLIENT_SECRET: 'bench-secret\n' }),
      /^AYOCONNECT_CLIENT_SECRET: has space at its start or end \(a newline pasted with it\?\)/,
    ],
    [
      'a client id with a space before it',
      () => ({ ...REMOTE, AYOCONNECT_CLIENT_ID: ' client-1' }),
      /^AYOCONNECT_CLIENT_ID: has space at its start or end/,
    ],
    [
      'a callback secret with a newline after it',
      () => ({ ...REMOTE, AYOCONNECT_CALLBACK_SECRET: 'cb-secret\n' }),
      /^AYOCONNECT_CALLBACK_SECRET: has space at its start or end/,
    ],
    [
      'a card client secret holding a control character',
      () => ({
        ...REMOTE,
        AYOCONNECT_CARD_CLIENT_ID: 'card-id',
        AYOCONNECT_CARD_CLIENT_SECRET: 'card\u0007secret',
      }),
      /^AYOCONNECT_CARD_CLIENT_SECRET: holds a control character/,
    ],
  ])('refuses %s', (_, env, message) => {
    expect(mistake(env()).message).toMatch(message);
  });

  it('finds a relative key path from options.cwd (default the process’s), naming the folder when it is not there', () => {
    const relative = { ...REMOTE, AYOCONNECT_PRIVATE_KEY: 'key.pem' };
    expect(readAyoconnectEnv(relative, { cwd: dir })).toMatchObject({
      mode: 'remote',
      ayoconnect: { privateKeyPem: PKCS8 },
    });
    expect(mistake(relative).message).toBe(
      `AYOCONNECT_PRIVATE_KEY: is neither a PEM ("-----BEGIN PRIVATE KEY-----…") nor a file that can be read: key.pem in ${process.cwd()} (ENOENT).`,
    );
  });

  it('takes a key file by its path, and card settings with the Direct Debit client by default', () => {
    const read = readAyoconnectEnv({
      ...REMOTE,
      AYOCONNECT_PRIVATE_KEY: keyFile,
      AYOCONNECT_BASE_URL: 'https://gateway.example',
      AYOCONNECT_CARD_MERCHANT_CODE: 'CARD01',
    });
    expect(read).toMatchObject({
      mode: 'remote',
      ayoconnect: {
        baseUrl: 'https://gateway.example',
        privateKeyPem: PKCS8,
        card: { clientId: 'dd-id', clientSecret: 'dd-secret', merchantCode: 'CARD01' },
      },
      callbackSecret: undefined,
    });
  });
});

describe('readShopEnv: PUBLIC_URL, ALLOWED_ORIGINS and SESSION_SECRET, a mistake naming its variable', () => {
  const read = (env: Record<string, string>) =>
    readShopEnv(env, { defaultPublicUrl: 'http://localhost:3000' });

  it('takes the defaults when the variables are unset', () => {
    expect(read({})).toEqual({
      publicUrl: 'http://localhost:3000',
      allowedOrigins: ['http://localhost:3000'],
      sessionSecret: undefined,
    });
    expect(
      readShopEnv(
        { PUBLIC_URL: 'https://shop.example' },
        {
          defaultPublicUrl: 'http://localhost:8787',
          defaultAllowedOrigins: (publicUrl) => [publicUrl, 'http://localhost:5173'],
        },
      ).allowedOrigins,
    ).toEqual(['https://shop.example', 'http://localhost:5173']);
  });

  it('takes good values as origins the browser sends (a trailing slash forgiven)', () => {
    expect(
      read({
        PUBLIC_URL: 'https://shop.example/',
        ALLOWED_ORIGINS: 'https://shop.example/, HTTPS://Admin.Shop.Example:443 ,',
        SESSION_SECRET: 'x'.repeat(32),
      }),
    ).toEqual({
      publicUrl: 'https://shop.example',
      allowedOrigins: ['https://shop.example', 'https://admin.shop.example'],
      sessionSecret: 'x'.repeat(32),
    });
  });

  it.each<[Record<string, string>, string, RegExp]>([
    [{ PUBLIC_URL: ' ' }, 'PUBLIC_URL', /^PUBLIC_URL: is set but empty/],
    [{ PUBLIC_URL: 'shop.example' }, 'PUBLIC_URL', /^PUBLIC_URL: must be an origin .*not a URL/],
    [
      { PUBLIC_URL: 'https://shop.example/checkout' },
      'PUBLIC_URL',
      /^PUBLIC_URL: must be an origin such as https:\/\/shop\.example, and "https:\/\/shop\.example\/checkout" is not: an origin has no path/,
    ],
    [{ ALLOWED_ORIGINS: '' }, 'ALLOWED_ORIGINS', /^ALLOWED_ORIGINS: is set but empty/],
    [{ ALLOWED_ORIGINS: ' , ' }, 'ALLOWED_ORIGINS', /^ALLOWED_ORIGINS: lists no origin/],
    [
      { ALLOWED_ORIGINS: 'https://shop.example,ftp://shop.example' },
      'ALLOWED_ORIGINS',
      /^ALLOWED_ORIGINS: must be an origin .*"ftp:\/\/shop\.example" is not: .*http or https/,
    ],
    [
      { ALLOWED_ORIGINS: 'https://shop.example?x=1' },
      'ALLOWED_ORIGINS',
      /^ALLOWED_ORIGINS: must be an origin .*no path, query or fragment/,
    ],
    [{ SESSION_SECRET: '' }, 'SESSION_SECRET', /^SESSION_SECRET: must be at least 32 characters \(got 0\)/],
    [
      { SESSION_SECRET: 'correct horse battery' },
      'SESSION_SECRET',
      /^SESSION_SECRET: must be at least 32 characters \(got 21\)/,
    ],
  ])('refuses %o', (env, variable, message) => {
    let error: unknown;
    try {
      read(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AyoConfigError);
    expect((error as AyoConfigError).option).toBe(variable);
    expect((error as AyoConfigError).message).toMatch(message);
  });
});
