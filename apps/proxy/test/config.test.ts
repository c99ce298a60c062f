import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';

// A real PKCS#8 RSA key (small: only its shape matters here), as AYOCONNECT_PRIVATE_KEY holds it.
const PEM = generateKeyPairSync('rsa', { modulusLength: 1024 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString()
  .replaceAll('\n', '\\n');

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
