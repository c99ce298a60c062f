import { DD_PATHS } from '@ayokit/core/snap';
import { describe, expect, it, vi } from 'vitest';
import { createSandbox, type SandboxOptions } from './sandbox';
import { BASE_URL, createTestEnv, testKeyPair } from './testing';

describe('createSandbox', () => {
  it('refuses a binding session length outside 1..60 minutes, and a bad merchantId', async () => {
    const { publicKeyPem } = await testKeyPair();
    const base = {
      merchantId: 'AYOPOP',
      clients: [{ clientId: 'c', clientSecret: 's', publicKeyPem }],
      publicBaseUrl: BASE_URL,
    };
    expect(() => createSandbox({ ...base, bindingSessionMinutes: 0 })).toThrow(
      /bindingSessionMinutes must be from 1 to 60/,
    );
    expect(() => createSandbox({ ...base, bindingSessionMinutes: 61 })).toThrow(/bindingSessionMinutes/);
    expect(() => createSandbox({ ...base, merchantId: 'TOO-LONG' })).toThrow(/merchantId/);
    expect(() => createSandbox({ ...base, publicBaseUrl: 'localhost' })).toThrow(/publicBaseUrl/);
    expect(() => createSandbox({ ...base, bindingSessionMinutes: 60 })).not.toThrow();
  });

  describe('refuses bad options at creation, naming the option', () => {
    const base = async () => {
      const { publicKeyPem } = await testKeyPair();
      return {
        merchantId: 'AYOPOP',
        clients: [{ clientId: 'c', clientSecret: 's', publicKeyPem }],
        publicBaseUrl: BASE_URL,
      } satisfies SandboxOptions;
    };
    const create = (options: unknown) => () => createSandbox(options as SandboxOptions);

    it('a client key that is not an RSA public key in SPKI PEM, naming the client', async () => {
      const ok = await base();
      const { privateKeyPem, publicKeyPem } = await testKeyPair();
      const ec = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
        'sign',
        'verify',
      ])) as CryptoKeyPair;
      const ecPem = `-----BEGIN PUBLIC KEY-----\n${Buffer.from(await crypto.subtle.exportKey('spki', ec.publicKey)).toString('base64')}\n-----END PUBLIC KEY-----\n`;
      const body = publicKeyPem.replace(/-----[^-]+-----|\s/g, '');
      const truncated = `-----BEGIN PUBLIC KEY-----\n${body.slice(0, 200)}\n-----END PUBLIC KEY-----\n`;
      const bad: [unknown, RegExp][] = [
        ['nope', /does not hold an RSA public key/],
        [privateKeyPem, /is a "PRIVATE KEY" PEM/],
        [ecPem, /does not hold an RSA public key/],
        [truncated, /does not hold an RSA public key/],
        ['-----BEGIN PUBLIC KEY-----\n!!!\n-----END PUBLIC KEY-----', /is not base64/],
        [undefined, /must be an RSA public key/],
      ];
      for (const [key, reason] of bad) {
        const clients = [ok.clients[0], { clientId: 'shop-2', clientSecret: 's', publicKeyPem: key }];
        expect(create({ ...ok, clients })).toThrow(
          /^createSandbox: clients\[1\]\.publicKeyPem \(client "shop-2"\)/,
        );
        expect(create({ ...ok, clients })).toThrow(reason);
      }
      // The key's base64 alone (no PEM lines) is what importPublicKey reads too.
      expect(create({ ...ok, clients: [{ ...ok.clients[0], publicKeyPem: body }] })).not.toThrow();
    });

    it('a missing or malformed clients list, and unusable client entries', async () => {
      const { clients: _, ...rest } = await base();
      expect(create(rest)).toThrow(/^createSandbox: clients must be a list of/);
      const ok = await base();
      const client = ok.clients[0];
      expect(create({ ...ok, clients: [{ ...client, clientId: '' }] })).toThrow(/clients\[0\]\.clientId/);
      expect(create({ ...ok, clients: [client, { ...client }] })).toThrow(
        /clients\[1\] repeats the clientId "c"/,
      );
      expect(create({ ...ok, cardClients: [{ clientId: 'k', clientSecret: '' }] })).toThrow(
        /cardClients\[0\]\.clientSecret/,
      );
    });

    it('an unknown mode, naming the allowed ones, and the control API of one is never open', async () => {
      const ok = await base();
      expect(create({ ...ok, mode: 'production' })).toThrow(
        'createSandbox: mode must be one of "test", "demo", "strict", got "production"',
      );
      for (const mode of ['test', 'demo', 'strict'] as const) {
        const res = await createSandbox({ ...ok, mode }).fetch(new Request(`${BASE_URL}/sandbox/clock`));
        expect(res.status).toBe(mode === 'strict' ? 404 : 200);
      }
    });

    it('a startTime that is not epoch milliseconds', async () => {
      const ok = await base();
      for (const startTime of [
        '2026-01-01',
        '2026-01-01T00:00:00+07:00',
        Number.NaN,
        Infinity,
        9e15,
        new Date(),
      ]) {
        expect(create({ ...ok, startTime })).toThrow(/^createSandbox: startTime must be epoch milliseconds/);
      }
      const start = Date.parse('2026-01-01T10:00:00+07:00');
      // The virtual clock runs on with real time from there.
      const now = createSandbox({ ...ok, startTime: start }).clock.now();
      expect(now).toBeGreaterThanOrEqual(start);
      expect(now).toBeLessThan(start + 5_000);
    });

    it('a callbackTimeoutMs that is not a positive finite number of ms', async () => {
      const ok = await base();
      for (const callbackTimeoutMs of [-1, 0, Number.NaN, Infinity, 2 ** 31, '5000']) {
        expect(create({ ...ok, callbackTimeoutMs })).toThrow(/^createSandbox: callbackTimeoutMs must be/);
      }
      expect(create({ ...ok, callbackTimeoutMs: 250 })).not.toThrow();
    });

    it('a publicBaseUrl or callbackUrl that is not http(s)', async () => {
      const ok = await base();
      for (const url of [
        'ftp://x.example',
        'javascript:alert(1)',
        'data:text/html,hi',
        'file:///etc/passwd',
      ]) {
        expect(create({ ...ok, publicBaseUrl: url })).toThrow(
          /^createSandbox: publicBaseUrl must be an http or https URL/,
        );
        expect(create({ ...ok, callbackUrl: url })).toThrow(
          /^createSandbox: callbackUrl must be an http or https URL/,
        );
      }
      expect(
        create({ ...ok, publicBaseUrl: 'https://sandbox.example', callbackUrl: 'http://127.0.0.1:3000/cb' }),
      ).not.toThrow();
    });

    it('a frame ancestor that is not one CSP source, so nothing can be written into the CSP header', async () => {
      const ok = await base();
      const bad = [
        'https://a.example; script-src *',
        'https://a.example https://b.example',
        'https://a.example,https://b.example',
        "'unsafe-inline'",
        'https://a.example\r\nSet-Cookie: x=1',
        '',
      ];
      for (const source of bad) {
        expect(create({ ...ok, webviewFrameAncestors: ["'self'", source] })).toThrow(
          /^createSandbox: webviewFrameAncestors\[1\] must be one CSP source/,
        );
      }
      expect(create({ ...ok, webviewFrameAncestors: 'https://a.example' })).toThrow(
        /must be a list of CSP sources/,
      );
      const good = [
        "'self'",
        'https://a.example',
        'http://localhost:5173',
        'https://*.b.example:8443',
        'https:',
      ];
      const res = await createSandbox({ ...ok, webviewFrameAncestors: good }).fetch(
        new Request(`${BASE_URL}/webview/binding/unknown-session`),
      );
      expect(res.headers.get('content-security-policy')).toBe(`frame-ancestors ${good.join(' ')}`);
    });

    it('an option it does not know, naming it', async () => {
      const ok = await base();
      expect(create({ ...ok, callbackURL: 'http://x.example', retries: 3 })).toThrow(
        /^createSandbox: unknown options "callbackURL", "retries"; the options are merchantId, clients,/,
      );
    });
  });

  it('start() runs due work in real time; stop() ends it', async () => {
    // Real time is Vitest's fake timers: the runner's timers fire when the test moves time, not
    // when a loaded machine gets round to them.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const env = await createTestEnv({}, () => Date.now());
    try {
      const { account } = await env.client.bind({
        customerId: 'u',
        bankCode: '002',
        accountNumber: '1234567890',
      });
      env.sandbox.faults.add({ target: 'bank', action: 'slow', settleSeconds: 0.15 });
      env.sandbox.start();
      await env.client.pay(account!, 10_000);
      expect(env.sandbox.ledger()[0]?.status).toBe('03');
      await vi.advanceTimersByTimeAsync(149);
      expect(env.sandbox.ledger()[0]?.status).toBe('03');
      await vi.advanceTimersByTimeAsync(10); // due at 150 ms, run within 10 ms of it
      expect(env.sandbox.ledger()[0]?.status).toBe('00');
      env.sandbox.stop();
      await env.sandbox.flush(); // the payment's callback
      expect(vi.getTimerCount()).toBe(0);
      env.sandbox.faults.add({ target: 'bank', action: 'slow', settleSeconds: 0.15 });
      await env.client.pay(account!, 20_000);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(env.sandbox.ledger()[1]?.status).toBe('03');
    } finally {
      env.sandbox.stop();
      vi.useRealTimers();
    }
  });

  it('answers unknown routes and wrong methods with JSON, never a crash', async () => {
    const env = await createTestEnv();
    const res = await env.sandbox.fetch(new Request(`${BASE_URL}/nope`));
    expect(res.status).toBe(404);
    const get = await env.sandbox.fetch(new Request(`${BASE_URL}${DD_PATHS.payment}`));
    expect(get.status).toBe(405);
    expect(await get.json()).toEqual({ responseCode: '4055400', responseMessage: 'Method Not Allowed' });
  });
});
