import { type OrderEvent, WEBHOOK_HEADERS } from '@ayokit/core';
import { describe, expect, it, vi } from 'vitest';
import { signWebhook, verifyWebhook, WebhookVerificationError, webhookHeaders } from './signature';

const SECRET = 'whsec-for-tests';
const NOW = Date.parse('2026-03-04T05:06:07Z');
const event: OrderEvent = {
  id: 'evt_abcdefghijklmnopqrstuvwx',
  type: 'instrument.unbound',
  createdAt: '2026-03-04T05:06:00.000Z',
  userId: 'u-1',
  data: {
    instrument: {
      id: 'ins_abcdefghijklmnopqrstuvwx',
      type: 'card',
      maskedNumber: '•••• 1111',
      status: 'unbound',
      expiresAt: null,
      isDefault: false,
      createdAt: '2026-03-01T00:00:00.000Z',
      brand: 'visa',
      last4: '1111',
      expiryMonth: 12,
      expiryYear: 2030,
    },
  },
};
const body = JSON.stringify(event);
const seconds = (ms: number) => Math.floor(ms / 1000);

async function signed(at = NOW, payload = body, secret: string | string[] = SECRET) {
  return webhookHeaders(secret, event, payload, seconds(at));
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookVerificationError);
    return (error as WebhookVerificationError).code;
  }
  throw new Error('expected a rejection');
}

describe('verifyWebhook', () => {
  it('accepts a delivery signed with the secret, from Headers, a plain object or bytes', async () => {
    const headers = await signed();
    expect(await verifyWebhook({ body, headers: new Headers(headers), secret: SECRET, now: NOW })).toEqual(
      event,
    );
    // Node's IncomingHttpHeaders: lower-case names.
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    expect(await verifyWebhook({ body, headers: lower, secret: SECRET, now: () => NOW })).toEqual(event);
    const bytes = new TextEncoder().encode(body);
    expect(await verifyWebhook({ body: bytes, headers, secret: SECRET, now: new Date(NOW) })).toEqual(event);
  });

  it('signs hex HMAC-SHA256 over "timestamp.body"', async () => {
    const headers = await signed();
    expect(headers[WEBHOOK_HEADERS.timestamp]).toBe(String(seconds(NOW)));
    expect(headers[WEBHOOK_HEADERS.id]).toBe(event.id);
    const { createHmac } = await import('node:crypto');
    const expected = createHmac('sha256', SECRET)
      .update(`${seconds(NOW)}.${body}`)
      .digest('hex');
    expect(headers[WEBHOOK_HEADERS.signature]).toBe(expected);
    expect(await signWebhook(SECRET, seconds(NOW), body)).toBe(expected);
  });

  it("signs the same bytes with Node's crypto and with Web Crypto (a runtime without Node's), UTF-8 included", async () => {
    const text = JSON.stringify({ ...event, note: 'Kopi Nusantara · é ✓' });
    const node = await signWebhook(SECRET, seconds(NOW), text);
    const spy = vi.spyOn(process, 'getBuiltinModule').mockReturnValue(undefined as never);
    try {
      expect(await signWebhook(SECRET, seconds(NOW), text)).toBe(node);
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('refuses a tampered body, a wrong secret and a moved timestamp: WEBHOOK_SIGNATURE_INVALID', async () => {
    const headers = await signed();
    const tampered = body.replace('"u-1"', '"u-2"');
    expect(await codeOf(verifyWebhook({ body: tampered, headers, secret: SECRET, now: NOW }))).toBe(
      'WEBHOOK_SIGNATURE_INVALID',
    );
    expect(await codeOf(verifyWebhook({ body, headers, secret: 'another-secret', now: NOW }))).toBe(
      'WEBHOOK_SIGNATURE_INVALID',
    );
    const moved = { ...headers, [WEBHOOK_HEADERS.timestamp]: String(seconds(NOW) + 1) };
    expect(await codeOf(verifyWebhook({ body, headers: moved, secret: SECRET, now: NOW }))).toBe(
      'WEBHOOK_SIGNATURE_INVALID',
    );
    const garbage = { ...headers, [WEBHOOK_HEADERS.signature]: 'not-hex' };
    expect(await codeOf(verifyWebhook({ body, headers: garbage, secret: SECRET, now: NOW }))).toBe(
      'WEBHOOK_SIGNATURE_INVALID',
    );
  });

  it('refuses an old (or future) timestamp beyond the tolerance: WEBHOOK_TIMESTAMP_OUT_OF_RANGE', async () => {
    const old = await signed(NOW - 301_000);
    expect(await codeOf(verifyWebhook({ body, headers: old, secret: SECRET, now: NOW }))).toBe(
      'WEBHOOK_TIMESTAMP_OUT_OF_RANGE',
    );
    const future = await signed(NOW + 301_000);
    expect(await codeOf(verifyWebhook({ body, headers: future, secret: SECRET, now: NOW }))).toBe(
      'WEBHOOK_TIMESTAMP_OUT_OF_RANGE',
    );
    // Inside a wider tolerance, the same delivery is fine.
    expect(
      (await verifyWebhook({ body, headers: old, secret: SECRET, now: NOW, toleranceSeconds: 600 })).id,
    ).toBe(event.id);
  });

  it('refuses missing headers and a body that is no order event: WEBHOOK_MALFORMED', async () => {
    const headers = await signed();
    const { [WEBHOOK_HEADERS.signature]: _s, ...unsigned } = headers;
    expect(await codeOf(verifyWebhook({ body, headers: unsigned, secret: SECRET, now: NOW }))).toBe(
      'WEBHOOK_MALFORMED',
    );
    const { [WEBHOOK_HEADERS.timestamp]: _t, ...untimed } = headers;
    expect(await codeOf(verifyWebhook({ body, headers: untimed, secret: SECRET, now: NOW }))).toBe(
      'WEBHOOK_MALFORMED',
    );
    for (const payload of ['not json', JSON.stringify({ ...event, type: 'payment.teleported' })]) {
      const h = await signed(NOW, payload);
      expect(await codeOf(verifyWebhook({ body: payload, headers: h, secret: SECRET, now: NOW }))).toBe(
        'WEBHOOK_MALFORMED',
      );
    }
    const otherId = { ...headers, [WEBHOOK_HEADERS.id]: 'evt_zzzzzzzzzzzzzzzzzzzzzzzz' };
    expect(await codeOf(verifyWebhook({ body, headers: otherId, secret: SECRET, now: NOW }))).toBe(
      'WEBHOOK_MALFORMED',
    );
  });

  it('is reachable from the light subpath and the main entry alike', async () => {
    const light = await import('@ayokit/proxy/webhooks');
    const main = await import('@ayokit/proxy');
    expect(light.verifyWebhook).toBe(main.verifyWebhook);
    expect(light.WebhookVerificationError).toBe(main.WebhookVerificationError);
    await expect(verifyWebhook({ body, headers: await signed(), secret: '', now: NOW })).rejects.toThrow(
      /secret/,
    );
  });
});

describe('secret rotation', () => {
  const NEW = 'whsec-new-after-rotation';
  const OLD = SECRET;

  it('signs with every secret, current first, comma-separated; one secret is one signature as before', async () => {
    const headers = await signed(NOW, body, [NEW, OLD]);
    const t = seconds(NOW);
    expect(headers[WEBHOOK_HEADERS.signature]).toBe(
      `${await signWebhook(NEW, t, body)},${await signWebhook(OLD, t, body)}`,
    );
    expect((await signed(NOW, body, [OLD]))[WEBHOOK_HEADERS.signature]).toBe(await signWebhook(OLD, t, body));
    expect((await signed(NOW, body, [OLD]))[WEBHOOK_HEADERS.signature]).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a delivery signed with two secrets verifies under either, and under neither is refused', async () => {
    const headers = await signed(NOW, body, [NEW, OLD]);
    // The merchant's server may switch secrets at any time during the window.
    expect(await verifyWebhook({ body, headers, secret: OLD, now: NOW })).toEqual(event);
    expect(await verifyWebhook({ body, headers, secret: NEW, now: NOW })).toEqual(event);
    expect(await verifyWebhook({ body, headers: new Headers(headers), secret: NEW, now: NOW })).toEqual(
      event,
    );
    expect(await codeOf(verifyWebhook({ body, headers, secret: 'another-secret', now: NOW }))).toBe(
      'WEBHOOK_SIGNATURE_INVALID',
    );
    // Both signatures are over the same bytes: a tampered body fails under each secret.
    const tampered = body.replace('"u-1"', '"u-2"');
    for (const secret of [OLD, NEW, [OLD, NEW]]) {
      expect(await codeOf(verifyWebhook({ body: tampered, headers, secret, now: NOW }))).toBe(
        'WEBHOOK_SIGNATURE_INVALID',
      );
    }
    // Still replay-protected by the timestamp.
    const old = await signed(NOW - 301_000, body, [NEW, OLD]);
    expect(await codeOf(verifyWebhook({ body, headers: old, secret: OLD, now: NOW }))).toBe(
      'WEBHOOK_TIMESTAMP_OUT_OF_RANGE',
    );
  });

  it('verifies with a list of secrets: any one that matches passes', async () => {
    const fromOld = await signed(NOW, body, OLD);
    const fromNew = await signed(NOW, body, NEW);
    for (const headers of [fromOld, fromNew]) {
      expect(await verifyWebhook({ body, headers, secret: [NEW, OLD], now: NOW })).toEqual(event);
      expect(await verifyWebhook({ body, headers, secret: [OLD, NEW], now: NOW })).toEqual(event);
    }
    expect(await verifyWebhook({ body, headers: fromOld, secret: [OLD], now: NOW })).toEqual(event);
    const error = await verifyWebhook({ body, headers: fromOld, secret: [NEW, 'x'], now: NOW }).catch(
      (e: unknown) => e as WebhookVerificationError,
    );
    expect(error).toBeInstanceOf(WebhookVerificationError);
    expect((error as WebhookVerificationError).code).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect((error as Error).message).toMatch(/any of the 2 secrets/);
    expect((error as Error).message).not.toContain(NEW);
  });

  it('reads several signatures however they come: spaces, repeated headers, entries that are not hex', async () => {
    const t = seconds(NOW);
    const good = await signWebhook(OLD, t, body);
    const other = await signWebhook(NEW, t, body);
    const base = await signed();
    const withSignature = (value: string | string[]) => ({ ...base, [WEBHOOK_HEADERS.signature]: value });
    for (const value of [
      `${other}, ${good}`,
      ` ${good} ,${other}`,
      `not-hex,${good}`,
      good.toUpperCase(),
      [other, good],
    ]) {
      expect(
        await verifyWebhook({ body, headers: withSignature(value), secret: OLD, now: NOW }),
        String(value),
      ).toEqual(event);
    }
    // Appended as a repeated header, fetch's Headers joins them (", ").
    const repeated = new Headers(base);
    repeated.set(WEBHOOK_HEADERS.signature, other);
    repeated.append(WEBHOOK_HEADERS.signature, good);
    expect(await verifyWebhook({ body, headers: repeated, secret: OLD, now: NOW })).toEqual(event);
    for (const value of [',', `${other},not-hex`, `${good.slice(0, 62)},${other}`]) {
      expect(
        await codeOf(verifyWebhook({ body, headers: withSignature(value), secret: OLD, now: NOW })),
      ).toBe('WEBHOOK_SIGNATURE_INVALID');
    }
    expect(await codeOf(verifyWebhook({ body, headers: withSignature(' '), secret: OLD, now: NOW }))).toBe(
      'WEBHOOK_MALFORMED',
    );
  });

  it('refuses a list that is empty or holds an empty or non-string secret (a TypeError: the caller’s mistake)', async () => {
    const headers = await signed();
    for (const secret of [[], [OLD, ''], [OLD, undefined], [null], 42, undefined]) {
      await expect(
        verifyWebhook({ body, headers, secret: secret as unknown as string[], now: NOW }),
        JSON.stringify(secret),
      ).rejects.toThrow(TypeError);
    }
    await expect(verifyWebhook({ body, headers, secret: [OLD, ''], now: NOW })).rejects.toThrow(
      /secret\[1\] is empty/,
    );
  });
});
