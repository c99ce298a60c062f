import { DEFAULT_WIRE_PROFILE } from '@ayokit/core/snap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbEngines } from '../src/db/testing';
import type { Db } from '../src/db/types';
import { createWorld, SHOP, type World } from './harness';

// PostgreSQL only: this page does not touch the store, and PGlite's start-up would dominate.
const postgres = dbEngines.find((e) => e.name === 'postgres')!;

describe('the return page the bank sends the shopper to', () => {
  let db: Db;
  let world: World;
  beforeAll(async () => {
    db = await postgres.create();
    world = await createWorld(db);
  });
  afterAll(async () => {
    await world?.close();
    await db?.close();
  });

  it('may be framed by the shop (iframe mode) and tells the opener, with no secret in it', async () => {
    const res = await world.proxy.fetch(
      new Request(`${SHOP}/ayokit/return?ayokitBinding=bnd_x&status=SUCCESS`),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(res.headers.get('content-security-policy')).toBe(`frame-ancestors 'self' ${SHOP}`);
    const html = await res.text();
    expect(html).toContain('ayokit:binding-return');
    expect(html).toContain('"bindingId":"bnd_x"');
  });

  it('says the step is finished in words that fit a bank step and a card step, in both languages', async () => {
    for (const query of [
      'ayokitBinding=bnd_x&status=SUCCESS',
      'ayokitCardRegistration=crd_x&status=SUCCESS',
    ]) {
      const html = await (await world.proxy.fetch(new Request(`${SHOP}/ayokit/return?${query}`))).text();
      const words = html.replace(/<script>[\s\S]*<\/script>/, '');
      expect(words).toContain('<h1>Langkah ini sudah selesai</h1>');
      expect(words).toContain(
        '<p lang="en">This step is finished. You can close this window and return to the shop.</p>',
      );
      expect(words).not.toMatch(/bank/i);
    }
  });

  it('escapes what it echoes', async () => {
    const res = await world.proxy.fetch(
      new Request(`${SHOP}/ayokit/return?ayokitBinding=%3C/script%3E%3Cscript%3Ealert(1)`),
    );
    expect(await res.text()).not.toContain('</script><script>alert(1)');
  });
});

describe('where the bank sends the shopper back when the browser names no returnUrl', () => {
  let db: Db;
  let world: World;
  const redirects: string[] = [];
  beforeAll(async () => {
    db = await postgres.create();
    world = await createWorld(db, {
      // A trailing slash on publicUrl, as an env file often has it.
      proxy: { publicUrl: `${SHOP}/` },
      upstream: async (request, next) => {
        if (new URL(request.url).pathname === DEFAULT_WIRE_PROFILE.dd.paths.binding) {
          const body = (await request.clone().json()) as { additionalData?: { successRedirectUrl?: string } };
          redirects.push(body.additionalData?.successRedirectUrl ?? '');
        }
        return next(request);
      },
    });
  });
  afterAll(async () => {
    await world?.close();
    await db?.close();
  });

  it('is {publicUrl}/ayokit/return, never {publicUrl}//ayokit/return', async () => {
    const started = await world.as('return-url').post<{ binding: { id: string } }>('/bindings', {
      bankCode: '002',
    });
    expect(started.status).toBe(201);
    expect(redirects).toEqual([`${SHOP}/ayokit/return?ayokitBinding=${started.body.binding.id}`]);
  });
});
