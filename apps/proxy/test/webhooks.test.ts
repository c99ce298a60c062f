import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OrderEvent } from '@ayokit/core';
import { verifyWebhook } from '@ayokit/proxy/webhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { createServer } from '../src/server';
import { freePort, openTestDb, until } from './helpers';

describe('AYOKIT_WEBHOOK_URL and AYOKIT_WEBHOOK_SECRET', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ayokit-webhook-config-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('are optional, and taken together', async () => {
    // Neither set: in embedded mode, the demo's own receiver (the shop backend log, see demo.test.ts).
    expect((await loadConfig({ AYOKIT_DATA_DIR: dir, PORT: '8787' })).webhooks).toMatchObject({
      url: 'http://127.0.0.1:8787/demo/webhooks',
    });
    const config = await loadConfig({
      AYOKIT_DATA_DIR: dir,
      AYOKIT_WEBHOOK_URL: 'https://shop.example/webhooks/ayokit',
      AYOKIT_WEBHOOK_SECRET: 'a-long-random-secret',
    });
    expect(config.webhooks).toEqual({
      url: 'https://shop.example/webhooks/ayokit',
      secret: 'a-long-random-secret',
    });
  });

  it('fail at startup naming the variable that is wrong', async () => {
    const load = (env: Record<string, string>) => loadConfig({ AYOKIT_DATA_DIR: dir, ...env });
    // An AyoConfigError, as every other variable's: its `option` and the message's start name it.
    const naming = (variable: string) => ({
      name: 'AyoConfigError',
      option: variable,
      message: expect.stringMatching(new RegExp(`^${variable}: `)),
    });
    await expect(
      load({ AYOKIT_WEBHOOK_URL: 'ftp://shop.example/hooks', AYOKIT_WEBHOOK_SECRET: 's' }),
    ).rejects.toMatchObject(naming('AYOKIT_WEBHOOK_URL'));
    await expect(
      load({ AYOKIT_WEBHOOK_URL: 'shop.example/hooks', AYOKIT_WEBHOOK_SECRET: 's' }),
    ).rejects.toMatchObject(naming('AYOKIT_WEBHOOK_URL'));
    await expect(load({ AYOKIT_WEBHOOK_URL: 'https://shop.example/hooks' })).rejects.toMatchObject(
      naming('AYOKIT_WEBHOOK_SECRET'),
    );
    await expect(
      load({ AYOKIT_WEBHOOK_URL: 'https://shop.example/hooks', AYOKIT_WEBHOOK_SECRET: ' ' }),
    ).rejects.toMatchObject(naming('AYOKIT_WEBHOOK_SECRET'));
    // Read from a file with its newline, while the receiver's copy has none: every delivery refused.
    await expect(
      load({ AYOKIT_WEBHOOK_URL: 'https://shop.example/hooks', AYOKIT_WEBHOOK_SECRET: 'whsec-now\n' }),
    ).rejects.toMatchObject(naming('AYOKIT_WEBHOOK_SECRET'));
    await expect(load({ AYOKIT_WEBHOOK_SECRET: 's' })).rejects.toMatchObject(naming('AYOKIT_WEBHOOK_URL'));
  });
});

describe('AYOKIT_WEBHOOK_PREVIOUS_SECRETS (a secret rotation)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ayokit-webhook-rotation-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const load = (env: Record<string, string>) =>
    loadConfig({
      AYOKIT_DATA_DIR: dir,
      AYOKIT_WEBHOOK_URL: 'https://shop.example/webhooks/ayokit',
      AYOKIT_WEBHOOK_SECRET: 'whsec-new',
      ...env,
    });

  it('lists the old secrets, comma-separated; empty or unset is none', async () => {
    expect((await load({ AYOKIT_WEBHOOK_PREVIOUS_SECRETS: 'whsec-old' })).webhooks).toEqual({
      url: 'https://shop.example/webhooks/ayokit',
      secret: 'whsec-new',
      previousSecrets: ['whsec-old'],
    });
    expect(
      (await load({ AYOKIT_WEBHOOK_PREVIOUS_SECRETS: ' whsec-old , whsec-older' })).webhooks?.previousSecrets,
    ).toEqual(['whsec-old', 'whsec-older']);
    const none: Record<string, string>[] = [
      {},
      { AYOKIT_WEBHOOK_PREVIOUS_SECRETS: '' },
      { AYOKIT_WEBHOOK_PREVIOUS_SECRETS: ' ' },
    ];
    for (const env of none) {
      expect((await load(env)).webhooks).toEqual({
        url: 'https://shop.example/webhooks/ayokit',
        secret: 'whsec-new',
      });
    }
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ['a stray comma', { AYOKIT_WEBHOOK_PREVIOUS_SECRETS: 'whsec-old,' }, /secret 2 of 2 is empty/],
    [
      'an empty entry',
      { AYOKIT_WEBHOOK_PREVIOUS_SECRETS: 'whsec-old, ,whsec-older' },
      /secret 2 of 3 is empty/,
    ],
    [
      'the same secret twice',
      { AYOKIT_WEBHOOK_PREVIOUS_SECRETS: 'whsec-old,whsec-older,whsec-old' },
      /secrets 1 and 3 are the same/,
    ],
    [
      'the current secret',
      { AYOKIT_WEBHOOK_PREVIOUS_SECRETS: 'whsec-old,whsec-new' },
      /secret 2 is AYOKIT_WEBHOOK_SECRET itself/,
    ],
    [
      'old secrets without a webhook',
      { AYOKIT_WEBHOOK_URL: '', AYOKIT_WEBHOOK_SECRET: '', AYOKIT_WEBHOOK_PREVIOUS_SECRETS: 'whsec-old' },
      /is set but AYOKIT_WEBHOOK_URL and AYOKIT_WEBHOOK_SECRET are not/,
    ],
  ])('refuses %s at startup, naming the variable and never a secret', async (_, env, message) => {
    const error = await load(env).then(
      () => null,
      (e: unknown) => e as Error & { option?: string },
    );
    expect(error?.message).toMatch(/^AYOKIT_WEBHOOK_PREVIOUS_SECRETS: /);
    expect(error?.message).toMatch(message);
    expect(error?.option).toBe('AYOKIT_WEBHOOK_PREVIOUS_SECRETS');
    expect(error?.message).not.toMatch(/whsec-/);
  });
});

describe('the server sends order events to AYOKIT_WEBHOOK_URL', () => {
  let dir: string;
  let receiver: HttpServer;
  const received: OrderEvent[] = [];
  const refused: string[] = [];
  const SECRET = 'server-webhook-secret';
  // Mid-rotation: the server signs with the new secret and the old one.
  const OLD_SECRET = 'server-webhook-secret-before';
  /** Each delivery verified on its own under the old secret (a receiver yet to switch). */
  const receivedUnderOld: OrderEvent[] = [];
  let url = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ayokit-webhooks-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}/webhooks/ayokit`;
    receiver = createHttpServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        Promise.all([
          verifyWebhook({ body, headers: req.headers, secret: SECRET }),
          verifyWebhook({ body, headers: req.headers, secret: OLD_SECRET }),
        ])
          .then(([event, underOld]) => {
            received.push(event);
            receivedUnderOld.push(underOld);
            res.writeHead(204).end();
          })
          .catch((error: unknown) => {
            refused.push(String(error));
            res.writeHead(400).end();
          });
      });
    });
    await new Promise<void>((resolve) => receiver.listen(port, '127.0.0.1', () => resolve()));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    await rm(dir, { recursive: true, force: true });
  });

  it('signed (with the new and the old secret during a rotation), over real HTTP, shortly after the change commits', async () => {
    const config = await loadConfig({
      PORT: String(await freePort()),
      AYOKIT_DATA_DIR: dir,
      AYOKIT_WEBHOOK_URL: url,
      AYOKIT_WEBHOOK_SECRET: SECRET,
      AYOKIT_WEBHOOK_PREVIOUS_SECRETS: OLD_SECRET,
    });
    const server = await createServer(config, { db: await openTestDb(config), reconcile: { intervalMs: 0 } });
    try {
      await server.proxy.ready;
      // A saved account appears (as a finished binding would make it).
      const at = new Date();
      await server.proxy.store.insert('instruments', {
        id: 'ins_AAAAAAAAAAAAAAAAAAAAAAAA',
        type: 'bank_account',
        userId: 'shopper-webhooks',
        bindingId: 'bnd_AAAAAAAAAAAAAAAAAAAAAAAA',
        bankCode: '002',
        publicUserId: 'pub-1',
        accountToken: 'token-webhooks-test',
        authCode: 'auth-webhooks-test',
        maskedNumber: '•••• 0001',
        status: 'active',
        tokenExpiresAt: null,
        isDefault: true,
        createdAt: at,
        updatedAt: at,
      });
      const events = await until(
        async () => received,
        (r) => r.length > 0,
      );
      expect(refused).toEqual([]);
      expect(events).toEqual([
        expect.objectContaining({
          type: 'instrument.bound',
          userId: 'shopper-webhooks',
          data: {
            instrument: expect.objectContaining({ id: 'ins_AAAAAAAAAAAAAAAAAAAAAAAA', bankCode: '002' }),
          },
        }),
      ]);
      expect(JSON.stringify(events)).not.toMatch(/token-webhooks-test|auth-webhooks-test/);
      expect(receivedUnderOld).toEqual(events);
    } finally {
      await server.close();
    }
  });
});
