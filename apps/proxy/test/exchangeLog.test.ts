import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { createServer } from '../src/server';
import { freePort, openTestDb } from './helpers';

describe('AYOKIT_EXCHANGE_LOG', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ayokit-xlog-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses, at startup, a file it cannot append to, naming the variable', async () => {
    await expect(
      loadConfig({ AYOKIT_DATA_DIR: dir, AYOKIT_EXCHANGE_LOG: join(dir, 'no-such-dir', 'x.jsonl') }),
    ).rejects.toThrow(/AYOKIT_EXCHANGE_LOG: cannot append to .*no-such-dir.*ENOENT/);
  });

  it('appends one redacted JSON line per upstream exchange, in a file only the owner reads', async () => {
    const file = join(dir, 'exchanges.jsonl');
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const config = await loadConfig({
      PORT: String(port),
      AYOKIT_DATA_DIR: dir,
      PUBLIC_URL: origin,
      ALLOWED_ORIGINS: origin,
      AYOKIT_EXCHANGE_LOG: file,
    });
    expect(config.exchangeLog).toBe(file);
    const server = await createServer(config, { db: await openTestDb(config) });
    await server.proxy.ready;
    const http = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: server.fetch, port, hostname: '127.0.0.1' }, () => resolve(s));
    });
    try {
      const login = await fetch(`${origin}/demo/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ shopperId: 'shopper-ani' }),
      });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const started = await fetch(`${origin}/ayokit/v1/bindings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin, cookie, 'idempotency-key': 'xlog-bind-1' },
        body: JSON.stringify({ bankCode: '002' }),
      });
      expect(started.status).toBe(201);
    } finally {
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await server.close();
    }
    const text = await readFile(file, 'utf8');
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => `${l.api}:${l.endpoint}`)).toEqual(['dd:b2bToken', 'dd:binding']);
    expect(lines[1].flowId).toBe(lines[1].request.headers['x-external-id']);
    expect(lines[0].response.body.accessToken).toBe('[redacted]');
    expect(text).not.toContain(config.ayoconnect.clientSecret);
    expect(text).not.toMatch(/Bearer /);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });
});
