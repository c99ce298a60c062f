import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  generateRsaKeyPair,
  importPrivateKey,
  importPublicKey,
  sha256Hex,
  signAsymmetric,
  signTransactional,
  verifyAsymmetric,
  verifyTransactional,
} from './crypto';

// The test vector from Ayoconnect's docs (AYOCONNECT-API.md).
const vector = {
  method: 'POST',
  path: '/api/v2/registration-account-binding',
  accessToken: 'ed8f7f42a6d741fbb891bae654e81678',
  body: '{"partnerReferenceNo":"qic5taezfgta7yhn74u7cppr47wan027","authCode":"8ecx3bnfk9bu2o4y0z8ur8pfhH12eltF","merchantId":"AYOPOP"}',
  timestamp: '2023-03-28T22:13:27+07:00',
  clientSecret: 'fceda4da-ae95-4d14-8cb6-eef392139a2c',
};
const expectedSignature =
  '2e955289baf7f297dda75b830c00f15b81a71710c2d0a0bbdf5884ae15bf47bb46e627a0b25cff1c1da16c42682ec69945950a1b120b6be490a53b7d613cf7e4';

describe.each([
  ['Node crypto', false],
  ['Web Crypto (no Node built-ins)', true],
])('transactional signature, %s', (_name, webOnly) => {
  let subtle: ReturnType<typeof vi.spyOn>[] = [];
  beforeEach(() => {
    subtle = [
      vi.spyOn(crypto.subtle, 'digest'),
      vi.spyOn(crypto.subtle, 'sign'),
      vi.spyOn(crypto.subtle, 'verify'),
    ];
    // As on an edge runtime: no process.getBuiltinModule, so Web Crypto signs.
    if (webOnly) vi.spyOn(process, 'getBuiltinModule').mockReturnValue(undefined as never);
  });
  afterEach(() => {
    // Each path really ran: Web Crypto worked only where Node's crypto was out of reach.
    const used = subtle.some((spy) => spy.mock.calls.length > 0);
    expect(used ? 'web' : 'node').toBe(webOnly ? 'web' : 'node');
    vi.restoreAllMocks();
  });

  it('hashes the minified body as the docs show', async () => {
    expect(await sha256Hex(vector.body)).toBe(
      '626c42bf3d17e3a02bcabd6d265103135b6dd70e7af6341e87c56ad3650015ee',
    );
  });

  it('reproduces the documented test vector', async () => {
    expect(await signTransactional(vector)).toBe(expectedSignature);
  });

  it('signs the minified form of a pretty-printed body', async () => {
    const pretty = JSON.stringify(JSON.parse(vector.body), null, 2);
    expect(await signTransactional({ ...vector, body: pretty })).toBe(expectedSignature);
  });

  it('verifies the vector and rejects any change', async () => {
    expect(await verifyTransactional(vector, expectedSignature)).toBe(true);
    expect(
      await verifyTransactional({ ...vector, timestamp: '2023-03-28T22:13:28+07:00' }, expectedSignature),
    ).toBe(false);
    expect(await verifyTransactional(vector, expectedSignature.replace(/^2/, '3'))).toBe(false);
    expect(await verifyTransactional(vector, 'not-hex')).toBe(false);
  });

  it('supports base64 encoding', async () => {
    const b64 = await signTransactional(vector, 'base64');
    expect(Buffer.from(b64, 'base64').toString('hex')).toBe(expectedSignature);
    expect(await verifyTransactional(vector, b64, 'base64')).toBe(true);
  });
});

describe('asymmetric signature', () => {
  it('signs clientId|timestamp with RSA and verifies with the public key', async () => {
    const { privateKeyPem, publicKeyPem } = await generateRsaKeyPair();
    const priv = await importPrivateKey(privateKeyPem);
    const pub = await importPublicKey(publicKeyPem);
    const sig = await signAsymmetric(priv, 'client-1', vector.timestamp);
    expect(sig).toMatch(/^[0-9a-f]{512}$/);
    expect(await verifyAsymmetric(pub, 'client-1', vector.timestamp, sig)).toBe(true);
    expect(await verifyAsymmetric(pub, 'client-2', vector.timestamp, sig)).toBe(false);
  });
});
