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
    await expect(
      load({ AYOKIT_WEBHOOK_URL: 'ftp://shop.example/hooks', AYOKIT_WEBHOOK_SECRET: 's' }),
    ).rejects.toThrow(/AYOKIT_WEBHOOK_URL/);
    await expect(
      load({ AYOKIT_WEBHOOK_URL: 'shop.example/hooks', AYOKIT_WEBHOOK_SECRET: 's' }),
    ).rejects.toThrow(/AYOKIT_WEBHOOK_URL/);
    await expect(load({ AYOKIT_WEBHOOK_URL: 'https://shop.example/hooks' })).rejects.toThrow(
      /AYOKIT_WEBHOOK_SECRET/,
    );
    await expect(
      load({ AYOKIT_WEBHOOK_URL: 'https://shop.example/hooks', AYOKIT_WEBHOOK_SECRET: ' ' }),
    ).rejects.toThrow(/AYOKIT_WEBHOOK_SECRET/);
    await expect(load({ AYOKIT_WEBHOOK_SECRET: 's' })).rejects.toThrow(/AYOKIT_WEBHOOK_URL/);
  });
});

describe('the server sends order events to AYOKIT_WEBHOOK_URL', () => {
  let dir: string;
  let receiver: HttpServer;
  const received: OrderEvent[] = [];
  const refused: string[] = [];
  const SECRET = 'server-webhook-secret';
  let url = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ayokit-webhooks-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}/webhooks/ayokit`;
    receiver = createHttpServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        verifyWebhook({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers, secret: SECRET })
          .then((event) => {
            received.push(event);
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

  it('signed, over real HTTP, shortly after the change commits', async () => {
    const config = await loadConfig({
      PORT: String(await freePort()),
      AYOKIT_DATA_DIR: dir,
      AYOKIT_WEBHOOK_URL: url,
      AYOKIT_WEBHOOK_SECRET: SECRET,
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
    } finally {
      await server.close();
    }
  });
});
