import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { createServer, openDb } from '../src/server';
import { openTestDb, TEST_PRIVATE_KEY_ENV as PEM } from './helpers';

const REMOTE = {
  AYOCONNECT_CLIENT_ID: 'dd-id',
  AYOCONNECT_CLIENT_SECRET: 'dd-secret',
  AYOCONNECT_PRIVATE_KEY: PEM,
  AYOCONNECT_MERCHANT_ID: 'SHOP01',
};

describe('loadConfig: embedded sandbox or Ayoconnect', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ayokit-config-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const load = (env: Record<string, string>) => loadConfig({ AYOKIT_DATA_DIR: dir, ...env });

  it('runs the embedded sandbox with no AYOCONNECT_* credential, and Ayoconnect with all of them', async () => {
    expect((await load({})).ayoconnect.mode).toBe('embedded');
    // The merchant id alone names the embedded sandbox's merchant.
    expect((await load({ AYOCONNECT_MERCHANT_ID: 'DEMO01' })).ayoconnect).toMatchObject({
      mode: 'embedded',
      merchantId: 'DEMO01',
    });
    const remote = await load({ ...REMOTE, AYOCONNECT_BASE_URL: 'https://gateway.example' });
    expect(remote.ayoconnect).toMatchObject({
      mode: 'remote',
      baseUrl: 'https://gateway.example',
      clientId: 'dd-id',
      merchantId: 'SHOP01',
    });
  });

  it.each<[string, Record<string, string>, RegExp]>([
    [
      'a client id and secret without the key or merchant id',
      { AYOCONNECT_CLIENT_ID: 'abc', AYOCONNECT_CLIENT_SECRET: 'x' },
      /AYOCONNECT_CLIENT_ID and AYOCONNECT_CLIENT_SECRET are set.*but AYOCONNECT_PRIVATE_KEY and AYOCONNECT_MERCHANT_ID are not/,
    ],
    [
      'the client id alone',
      { AYOCONNECT_CLIENT_ID: 'abc' },
      /AYOCONNECT_CLIENT_SECRET, AYOCONNECT_PRIVATE_KEY and AYOCONNECT_MERCHANT_ID are not/,
    ],
    [
      'a base URL alone',
      { AYOCONNECT_BASE_URL: 'https://gateway.example' },
      /AYOCONNECT_BASE_URL is set.*AYOCONNECT_CLIENT_ID, AYOCONNECT_CLIENT_SECRET, AYOCONNECT_PRIVATE_KEY and AYOCONNECT_MERCHANT_ID are not/,
    ],
    [
      'card credentials alone',
      { AYOCONNECT_CARD_CLIENT_ID: 'card-id', AYOCONNECT_CARD_CLIENT_SECRET: 'card-secret' },
      /AYOCONNECT_CARD_CLIENT_ID and AYOCONNECT_CARD_CLIENT_SECRET are set/,
    ],
    ['a callback secret alone', { AYOCONNECT_CALLBACK_SECRET: 'sec' }, /AYOCONNECT_CALLBACK_SECRET is set/],
    [
      'everything but the merchant id',
      { ...REMOTE, AYOCONNECT_MERCHANT_ID: '' },
      /but AYOCONNECT_MERCHANT_ID is not/,
    ],
    ['a blank private key', { ...REMOTE, AYOCONNECT_PRIVATE_KEY: '  ' }, /but AYOCONNECT_PRIVATE_KEY is not/],
  ])('refuses %s, naming what is missing, instead of running the fake bank', async (_, env, message) => {
    await expect(load(env)).rejects.toThrow(message);
  });
});

describe('loadConfig: each variable is checked at startup, and a mistake names it', () => {
  let dir = '';
  let keyFile = '';
  let pkcs1File = '';
  let aFile = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ayokit-config-vars-'));
    keyFile = join(dir, 'key.pem');
    await writeFile(keyFile, PEM.replaceAll('\\n', '\n'));
    pkcs1File = join(dir, 'key-pkcs1.pem');
    await writeFile(
      pkcs1File,
      generateKeyPairSync('rsa', { modulusLength: 1024 })
        .privateKey.export({ type: 'pkcs1', format: 'pem' })
        .toString(),
    );
    aFile = join(dir, 'a-file');
    await writeFile(aFile, 'not a folder');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const load = (env: Record<string, string>) => loadConfig({ AYOKIT_DATA_DIR: dir, ...env });

  it.each<[Record<string, string>, RegExp]>([
    [{ PORT: '' }, /^PORT: is set but empty/],
    [{ PORT: 'abc' }, /^PORT: must be a port number from 1 to 65535 \(got "abc"\)/],
    [{ PORT: '0' }, /^PORT: must be a port number/],
    [{ PORT: '70000' }, /^PORT: must be a port number/],
    [{ HOST: '' }, /^HOST: is set but empty/],
    [{ HOST: 'local host' }, /^HOST: must be a host name/],
    [{ PUBLIC_URL: 'shop.example' }, /^PUBLIC_URL: must be an origin .*not a URL/],
    [{ PUBLIC_URL: 'https://shop.example/checkout' }, /^PUBLIC_URL: must be an origin/],
    [{ ALLOWED_ORIGINS: ' , ' }, /^ALLOWED_ORIGINS: lists no origin/],
    [
      { ALLOWED_ORIGINS: 'https://shop.example,ftp://shop.example' },
      /^ALLOWED_ORIGINS: must be an origin .*"ftp:\/\/shop\.example" is not: .*http or https/,
    ],
    [{ ALLOWED_ORIGINS: 'https://shop.example/checkout' }, /^ALLOWED_ORIGINS: must be an origin/],
    [
      { AYOKIT_CALLBACK_GRACE_MS: '-5' },
      /^AYOKIT_CALLBACK_GRACE_MS: must be a whole number of milliseconds, at least 1 \(got "-5"\)/,
    ],
    [{ AYOKIT_CALLBACK_GRACE_MS: 'abc' }, /^AYOKIT_CALLBACK_GRACE_MS: must be/],
    [{ AYOKIT_CALLBACK_GRACE_MS: '0' }, /^AYOKIT_CALLBACK_GRACE_MS: must be/],
    [
      { AYOKIT_DRAIN_TIMEOUT_MS: '25s' },
      /^AYOKIT_DRAIN_TIMEOUT_MS: must be a whole number of milliseconds from 0 to 3600000 \(got "25s"\)/,
    ],
    [{ AYOKIT_DRAIN_TIMEOUT_MS: '-1' }, /^AYOKIT_DRAIN_TIMEOUT_MS: must be/],
    [{ AYOKIT_DRAIN_TIMEOUT_MS: '3600001' }, /^AYOKIT_DRAIN_TIMEOUT_MS: must be/],
    [{ SESSION_SECRET: '' }, /^SESSION_SECRET: must be at least 32 characters \(got 0\)/],
    [
      { SESSION_SECRET: 'correct horse battery' },
      /^SESSION_SECRET: must be at least 32 characters \(got 21\)/,
    ],
    [{ AYOCONNECT_MERCHANT_ID: 'AYO-01' }, /^AYOCONNECT_MERCHANT_ID: must be the 6 letters or digits/],
    [
      { AYOCONNECT_CARD_MERCHANT_CODE: 'CARD' },
      /^AYOCONNECT_CARD_MERCHANT_CODE: must be the 6 letters or digits/,
    ],
  ])('refuses %o', async (env, message) => {
    await expect(load(env)).rejects.toThrow(message);
  });

  it('refuses an empty AYOKIT_DATA_DIR, and one it cannot write, naming it', async () => {
    await expect(loadConfig({ AYOKIT_DATA_DIR: '' })).rejects.toThrow(/^AYOKIT_DATA_DIR: is set but empty/);
    await expect(loadConfig({ AYOKIT_DATA_DIR: join(aFile, 'data') })).rejects.toThrow(
      /^AYOKIT_DATA_DIR: cannot keep the local secrets in .*a-file\/data \((ENOTDIR|EEXIST)\)/,
    );
  });

  it.each<[string, () => Record<string, string>, RegExp]>([
    [
      'a key file that does not exist',
      () => ({ AYOCONNECT_PRIVATE_KEY: '/no/such/key.pem' }),
      /^AYOCONNECT_PRIVATE_KEY: is neither a PEM .* nor a file that can be read: \/no\/such\/key\.pem \(ENOENT\)/,
    ],
    [
      'a value that is neither a PEM nor a file',
      () => ({ AYOCONNECT_PRIVATE_KEY: 'hello' }),
      /^AYOCONNECT_PRIVATE_KEY: is neither a PEM/,
    ],
    [
      'a PKCS#1 key file',
      () => ({ AYOCONNECT_PRIVATE_KEY: pkcs1File }),
      /^AYOCONNECT_PRIVATE_KEY: the file .*key-pkcs1\.pem is a PKCS#1 key .*openssl pkcs8/,
    ],
    [
      'a PEM whose body is not a key',
      () => ({ AYOCONNECT_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\\nabc\\n-----END PRIVATE KEY-----' }),
      /^AYOCONNECT_PRIVATE_KEY: has a body that is not base64/,
    ],
    [
      'a base URL that is not one',
      () => ({ AYOCONNECT_BASE_URL: 'gateway.example' }),
      /^AYOCONNECT_BASE_URL: must be an absolute http\(s\) URL/,
    ],
    [
      'a base URL with a path (every request would have dropped it)',
      () => ({ AYOCONNECT_BASE_URL: 'https://egress.shop.example/ayoconnect' }),
      /^AYOCONNECT_BASE_URL: must be the API's origin, such as https:\/\/sandbox\.api\.of\.ayoconnect\.id \(got "https:\/\/egress\.shop\.example\/ayoconnect"\): an origin has no path/,
    ],
    [
      'a card client id without its secret',
      () => ({ AYOCONNECT_CARD_CLIENT_ID: 'card-id' }),
      /^AYOCONNECT_CARD_CLIENT_SECRET: must be set when AYOCONNECT_CARD_CLIENT_ID is/,
    ],
    [
      'a card client secret without its id',
      () => ({ AYOCONNECT_CARD_CLIENT_SECRET: 'card-secret' }),
      /^AYOCONNECT_CARD_CLIENT_ID: must be set when AYOCONNECT_CARD_CLIENT_SECRET is/,
    ],
    [
      'a card base URL that is not one',
      () => ({ AYOCONNECT_CARD_BASE_URL: '/cards' }),
      /^AYOCONNECT_CARD_BASE_URL: must be an absolute http\(s\) URL/,
    ],
  ])('remote mode: refuses %s', async (_, env, message) => {
    await expect(load({ ...REMOTE, ...env() })).rejects.toThrow(message);
  });

  it('AYOKIT_DRAIN_TIMEOUT_MS: 25 s unless set (under a 30 s termination grace); 0 cuts at once', async () => {
    expect((await load({ ...REMOTE })).drainTimeoutMs).toBe(25_000);
    expect((await load({ ...REMOTE, AYOKIT_DRAIN_TIMEOUT_MS: '' })).drainTimeoutMs).toBe(25_000);
    expect((await load({ ...REMOTE, AYOKIT_DRAIN_TIMEOUT_MS: '0' })).drainTimeoutMs).toBe(0);
  });

  it('takes good values as given (a trailing slash forgiven), and a key file by its path', async () => {
    const config = await load({
      ...REMOTE,
      AYOCONNECT_PRIVATE_KEY: keyFile,
      PORT: '8788',
      HOST: '0.0.0.0',
      PUBLIC_URL: 'https://shop.example/',
      ALLOWED_ORIGINS: 'https://shop.example/, HTTPS://Admin.Shop.Example:443',
      AYOKIT_CALLBACK_GRACE_MS: '2000',
      AYOKIT_DRAIN_TIMEOUT_MS: '10000',
      SESSION_SECRET: 'x'.repeat(32),
      AYOCONNECT_CARD_MERCHANT_CODE: 'CARD01',
    });
    expect(config).toMatchObject({
      port: 8788,
      host: '0.0.0.0',
      publicUrl: 'https://shop.example',
      allowedOrigins: ['https://shop.example', 'https://admin.shop.example'],
      callbackGraceMs: 2000,
      drainTimeoutMs: 10_000,
      sessionSecret: 'x'.repeat(32),
    });
    expect(config.ayoconnect.privateKeyPem).toBe(PEM.replaceAll('\\n', '\n'));
    // The card merchant code alone: the Direct Debit client tried at the card API with that code
    // (it was dropped without the card client id and secret).
    expect(config.card).toEqual({
      baseUrl: undefined,
      clientId: 'dd-id',
      clientSecret: 'dd-secret',
      merchantCode: 'CARD01',
    });
  });
});

describe('DATABASE_URL', () => {
  it('a database the server cannot reach stops it naming DATABASE_URL, the password hidden', async () => {
    const error = await openDb({
      databaseUrl: 'postgresql://ayokit:hunter2@127.0.0.1:1/ayokit',
      dataDir: tmpdir(),
    }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(
      /^DATABASE_URL: Cannot use PostgreSQL at postgresql:\/\/ayokit:\*\*\*@127\.0\.0\.1:1\/ayokit/,
    );
    expect(error?.message).not.toContain('hunter2');
  });
});

describe("a profile whose dd.callbackAuth is 'confirm'", () => {
  let dir = '';
  let profileFile = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ayokit-config-confirm-'));
    profileFile = join(dir, 'profile.json');
    await writeFile(profileFile, JSON.stringify({ dd: { callbackAuth: 'confirm' } }));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses AYOCONNECT_CALLBACK_SECRET beside it (the secret would be ignored)', async () => {
    await expect(
      loadConfig({
        AYOKIT_DATA_DIR: dir,
        ...REMOTE,
        AYOCONNECT_PROFILE: profileFile,
        AYOCONNECT_CALLBACK_SECRET: 'callback-secret',
      }),
    ).rejects.toThrow(
      /^AYOCONNECT_CALLBACK_SECRET: is set but the AYOCONNECT_PROFILE file says dd.callbackAuth "confirm"/,
    );
  });

  it('embedded: the server starts, its proxy given no callback secret to check unsigned callbacks by', async () => {
    const config = await loadConfig({ AYOKIT_DATA_DIR: dir, AYOCONNECT_PROFILE: profileFile });
    const server = await createServer(config, { db: await openTestDb(config) });
    try {
      await server.proxy.ready;
    } finally {
      await server.close();
    }
  });
});
