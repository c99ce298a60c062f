import { describe, expect, it } from 'vitest';
import {
  type ExchangeLogEntry,
  exchangeFetch,
  REDACTED,
  redactBody,
  redactExchange,
  redactHeaders,
  redactUrl,
} from './exchangeLog';

describe('exchange log redaction', () => {
  it('replaces secret keys at any depth, whatever their spelling, and keeps the rest', () => {
    const body = redactBody(
      JSON.stringify({
        accessToken: 'tok-a',
        data: {
          access_token: 'tok-b',
          bankCardToken: 'bct',
          list: [{ accountToken: 'act', bankCode: '014' }],
        },
        authCode: 'ac',
        otp: '123456',
        cardToken: 'ct',
        tokenType: 'BearerToken',
        partnerReferenceNo: 'p1',
      }),
    );
    expect(body).toEqual({
      accessToken: REDACTED,
      data: {
        access_token: REDACTED,
        bankCardToken: REDACTED,
        list: [{ accountToken: REDACTED, bankCode: '014' }],
      },
      authCode: REDACTED,
      otp: REDACTED,
      cardToken: REDACTED,
      tokenType: 'BearerToken',
      partnerReferenceNo: 'p1',
    });
  });

  it('redacts forms, query strings, credential headers and secrets inside non-JSON text', () => {
    expect(redactBody('client_id=abc&client_secret=s3cr3t', 'application/x-www-form-urlencoded')).toEqual({
      client_id: 'abc',
      client_secret: REDACTED,
    });
    expect(redactUrl('https://x.test/a?grant_type=client_credentials&access_token=t0k')).toBe(
      `https://x.test/a?grant_type=client_credentials&access_token=${encodeURIComponent(REDACTED)}`,
    );
    expect(
      redactHeaders({
        Authorization: 'Bearer t',
        'Authorization-Customer': 'Bearer c',
        'X-SIGNATURE': 'sig',
        'X-CLIENT-KEY': 'client',
        'X-EXTERNAL-ID': 'flow1',
      }),
    ).toEqual({
      Authorization: REDACTED,
      'Authorization-Customer': REDACTED,
      'X-SIGNATURE': REDACTED,
      'X-CLIENT-KEY': REDACTED,
      'X-EXTERNAL-ID': 'flow1',
    });
    const text = redactBody('<html>error "accessToken": "leak1" otp=999111 and client_secret=leak2</html>');
    expect(text).not.toMatch(/leak1|leak2|999111/);
  });

  it('re-redacts a hand-made entry', () => {
    const entry: ExchangeLogEntry = {
      at: '2026-01-01T00:00:00.000Z',
      api: 'dd',
      endpoint: 'payment',
      flowId: 'f',
      request: {
        method: 'POST',
        url: 'https://x.test/p',
        headers: { authorization: 'Bearer t' },
        body: { otp: '1' },
      },
      response: { status: 200, headers: {}, body: '{"accountToken":"a"}' },
      durationMs: 1,
    };
    expect(JSON.stringify(redactExchange(entry))).not.toMatch(/Bearer t|"1"|"a"/);
  });

  it('records an exchange once, with its flow id, and leaves the response readable by the caller', async () => {
    const entries: ExchangeLogEntry[] = [];
    const f = exchangeFetch(
      async () => new Response('{"responseCode":"2005400","accessToken":"zzz"}', { status: 200 }),
      (e) => entries.push(e),
      { api: 'dd', endpoint: 'payment', flowHeader: 'X-EXTERNAL-ID' },
    );
    const res = await f(
      new Request('https://x.test/p', {
        method: 'POST',
        headers: { 'X-EXTERNAL-ID': 'flow-1', 'Content-Type': 'application/json' },
        body: '{"bankCardToken":"secret"}',
      }),
    );
    expect(await res.json()).toEqual({ responseCode: '2005400', accessToken: 'zzz' });
    await new Promise((r) => setTimeout(r, 0));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      api: 'dd',
      endpoint: 'payment',
      flowId: 'flow-1',
      request: { method: 'POST', body: { bankCardToken: REDACTED } },
      response: { status: 200, body: { responseCode: '2005400', accessToken: REDACTED } },
    });
  });

  it('records a failed and a timed-out request as an error, and a log that throws never fails the call', async () => {
    const entries: ExchangeLogEntry[] = [];
    const call = { api: 'card' as const, endpoint: 'charge', flowHeader: 'X-Correlation-ID' };
    const failing = exchangeFetch(
      async () => {
        throw new TypeError('fetch failed');
      },
      (e) => entries.push(e),
      call,
    );
    await expect(failing(new Request('https://x.test/c'))).rejects.toThrow('fetch failed');
    const hanging = exchangeFetch(
      () => new Promise<Response>(() => undefined),
      (e) => entries.push(e),
      call,
    );
    void hanging(new Request('https://x.test/c', { signal: AbortSignal.timeout(5) }));
    await new Promise((r) => setTimeout(r, 30));
    expect(entries.map((e) => e.response)).toEqual([
      { error: 'fetch failed' },
      { error: expect.stringMatching(/^aborted/) },
    ]);
    const throwing = exchangeFetch(
      async () => new Response('{}'),
      () => {
        throw new Error('disk full');
      },
      call,
    );
    expect((await throwing(new Request('https://x.test/c'))).status).toBe(200);
  });
});
