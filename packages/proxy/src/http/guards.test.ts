import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { shopCors } from './guards';

const SHOP = 'https://shop.test';

/** An app whose handler's answer is remembered, to see what the server is handed in its place. */
function app(answer: (c: { json: (v: unknown) => Response }) => Response) {
  const made: Response[] = [];
  const seen: Response[] = [];
  const hono = new Hono()
    .use('*', async (c, next) => {
      await next();
      seen.push(c.res);
    })
    .use('*', shopCors(new Set([SHOP])))
    .get('/x', (c) => {
      const res = answer(c);
      made.push(res);
      return res;
    });
  return { hono, made, seen };
}

describe('shopCors', () => {
  it('writes its headers on the handler’s own answer, not on a rebuilt copy of it', async () => {
    const { hono, made, seen } = app((c) => c.json({ ok: true }));
    const res = await hono.request('/x', { headers: { origin: SHOP } });
    expect(await res.json()).toEqual({ ok: true });
    expect(res.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('vary')).toBe('Origin');
    // hono/cors made a response before the handler ran, and Hono then rebuilt the handler's
    // answer around it (its body turned into a stream): a cost per request this one does not pay.
    expect(seen[0]).toBe(made[0]);
  });

  it('copies an answer whose headers cannot change (a redirect), keeping its status and body', async () => {
    const { hono } = app(() => Response.redirect(`${SHOP}/elsewhere`, 302));
    const res = await hono.request('/x', { headers: { origin: SHOP } });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`${SHOP}/elsewhere`);
    expect(res.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(res.headers.get('vary')).toBe('Origin');
  });

  it('names no origin but the shop’s, and answers a preflight itself', async () => {
    const { hono, made } = app((c) => c.json({ ok: true }));
    const other = await hono.request('/x', { headers: { origin: 'https://evil.test' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const none = await hono.request('/x');
    expect(none.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await hono.request('/x', { method: 'OPTIONS', headers: { origin: SHOP } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(made).toHaveLength(2);
  });
});
