import {
  CARD_TOKEN_PATH,
  cardResponseCode,
  cardTimestamp,
  DEFAULT_WIRE_PROFILE,
  resolveWireProfile,
  type WireProfile,
} from '@ayokit/core/snap';
import { describe, expect, it } from 'vitest';
import { CardClient, parseCardCode } from './client';

const BASE = 'http://gateway.test';
const PATHS = DEFAULT_WIRE_PROFILE.card.paths;
const H = DEFAULT_WIRE_PROFILE.card.headers;

/** A gateway that issues tokens, answers every call with success and remembers what it saw. */
function fakeGateway(options: { ttl?: string; snakeCase?: boolean; tokenPath?: string } = {}) {
  const seen: { method: string; path: string; headers: Headers; body: string }[] = [];
  const valid = new Set<string>();
  let issued = 0;
  const gateway = {
    seen,
    revokeAll: () => valid.clear(),
    get issued() {
      return issued;
    },
    fetch: async (req: Request) => {
      const url = new URL(req.url);
      const body = await req.text();
      seen.push({ method: req.method, path: url.pathname + url.search, headers: req.headers, body });
      if (url.pathname === (options.tokenPath ?? CARD_TOKEN_PATH)) {
        const form = new URLSearchParams(body);
        if (form.get('client_id') !== 'card-id' || form.get('client_secret') !== 'card-secret') {
          return Response.json({ error: 'invalid_client' }, { status: 401 });
        }
        const token = `tok${++issued}`;
        valid.add(token);
        if (options.snakeCase) {
          return Response.json({
            access_token: token,
            token_type: 'BearerToken',
            expires_in: options.ttl ?? '3600',
          });
        }
        // The documented answer [code: VL vars.go]: camelCase, expiresIn a string.
        return Response.json({
          accessToken: token,
          tokenType: 'BearerToken',
          expiresIn: options.ttl ?? '3600',
          clientId: 'card-id',
          apiProductList: ['cards'],
          organizationName: 'ayokit',
          developer: { email: 'dev@shop.test' },
          responseTime: '2026-01-01T10:00:00+07:00',
          somethingNew: { ignored: true },
        });
      }
      const bearer = req.headers.get('authorization')?.replace(/^Bearer /, '') ?? '';
      if (!valid.has(bearer)) {
        return Response.json(
          { responseCode: cardResponseCode('cards', 'invalidToken'), responseMessage: 'no' },
          {
            status: 401,
          },
        );
      }
      return Response.json({
        responseCode: cardResponseCode('cards', 'success'),
        responseMessage: 'ok',
        cards: [],
      });
    },
  };
  return gateway;
}

function clientFor(
  gateway: ReturnType<typeof fakeGateway>,
  clock = { t: Date.now() },
  profile?: WireProfile,
) {
  return new CardClient(
    {
      baseUrl: BASE,
      clientId: 'card-id',
      clientSecret: 'card-secret',
      merchantCode: 'AYOKIT',
      fetch: gateway.fetch,
      ...(profile ? { profile } : {}),
    },
    () => clock.t,
  );
}

describe('CardClient', () => {
  it('gets a token by form POST, then sends the card headers with a fresh request id and the flow’s correlation id', async () => {
    const gateway = fakeGateway();
    const client = clientFor(gateway);
    const a = await client.call('cards', { customerId: 'u1' }, { correlationId: 'C'.repeat(32) });
    const b = await client.call('cards', { customerId: 'u1' }, { correlationId: 'C'.repeat(32) });
    expect(a.kind === 'response' && a.code?.case).toBe('success');
    expect(b.kind === 'response' && b.code?.case).toBe('success');
    const [token, first, second] = gateway.seen;
    expect(token?.path).toBe(`${CARD_TOKEN_PATH}?grant_type=client_credentials`);
    expect(token?.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(token!.body))).toEqual({
      client_id: 'card-id',
      client_secret: 'card-secret',
    });
    expect(first?.path).toBe(PATHS.cards);
    for (const call of [first!, second!]) {
      expect(call.method).toBe('POST');
      expect(call.headers.get('authorization')).toBe('Bearer tok1');
      // 25 characters by default, the length the reference gives.
      expect(call.headers.get(H.timestamp)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
      expect(call.headers.get(H.requestId)).toMatch(/^[A-Za-z0-9]{32}$/);
      expect(call.headers.get(H.merchantCode)).toBe('AYOKIT');
      expect(call.headers.get(H.correlationId)).toBe('C'.repeat(32));
      expect(call.headers.get('content-type')).toBe('application/json');
      expect(JSON.parse(call.body)).toEqual({ customerId: 'u1' });
    }
    expect(first!.headers.get(H.requestId)).not.toBe(second!.headers.get(H.requestId));
    expect(gateway.issued).toBe(1);
  });

  it('caches the token until shortly before it expires, for parallel calls too', async () => {
    const gateway = fakeGateway({ ttl: '3600' });
    const clock = { t: Date.now() };
    const client = clientFor(gateway, clock);
    await Promise.all([1, 2, 3].map(() => client.call('cards', {}, { correlationId: 'x'.repeat(32) })));
    expect(gateway.issued).toBe(1);
    clock.t += 3_000_000;
    await client.call('cards', {}, { correlationId: 'x'.repeat(32) });
    expect(gateway.issued).toBe(1);
    clock.t += 590_000; // within a minute of expiry
    await client.call('cards', {}, { correlationId: 'x'.repeat(32) });
    expect(gateway.issued).toBe(2);
  });

  it('fetches a new token once when a call answers 401, and sends the same body again', async () => {
    const gateway = fakeGateway();
    const client = clientFor(gateway);
    await client.call('cards', { customerId: 'u1' }, { correlationId: 'y'.repeat(32) });
    gateway.revokeAll();
    const res = await client.call(
      'charge',
      { partnerReferenceNo: 'p'.repeat(32) },
      { correlationId: 'y'.repeat(32) },
    );
    expect(res.kind === 'response' && res.code?.case).toBe('success');
    expect(gateway.issued).toBe(2);
    const charges = gateway.seen.filter((s) => s.path === PATHS.charge);
    expect(charges.map((c) => c.body)).toEqual([charges[0]!.body, charges[0]!.body]);
    expect(charges[0]!.headers.get(H.requestId)).not.toBe(charges[1]!.headers.get(H.requestId));
  });

  it('reports an unreachable gateway and a refused token without throwing', async () => {
    const down = new CardClient(
      {
        baseUrl: BASE,
        clientId: 'card-id',
        clientSecret: 'card-secret',
        merchantCode: 'AYOKIT',
        fetch: () => Promise.reject(new TypeError('connect ECONNREFUSED')),
      },
      Date.now,
    );
    expect(await down.call('cards', {}, { correlationId: 'z'.repeat(32) })).toMatchObject({
      kind: 'unreachable',
      reason: 'network',
    });
    const gateway = fakeGateway();
    const wrong = new CardClient(
      {
        baseUrl: BASE,
        clientId: 'card-id',
        clientSecret: 'nope',
        merchantCode: 'AYOKIT',
        fetch: gateway.fetch,
      },
      Date.now,
    );
    const res = await wrong.call('cards', {}, { correlationId: 'z'.repeat(32) });
    expect(res.kind === 'response' && res.httpStatus).toBe(401);
  });

  it('reads card response codes, a declined card included', () => {
    expect(parseCardCode('4035405')).toMatchObject({ case: 'doNotHonor', serviceCode: '54' });
    expect(parseCardCode('4035414')).toMatchObject({ case: 'insufficientFunds' });
    expect(parseCardCode('2000100')).toMatchObject({ case: 'success', serviceCode: '01' });
    expect(parseCardCode('oops')).toBeNull();
    expect(cardTimestamp(Date.UTC(2026, 10, 23, 12, 4, 5, 123))).toBe('2026-11-23T19:04:05+07:00');
    expect(cardTimestamp(Date.UTC(2026, 10, 23, 12, 4, 5, 123), 'milliseconds')).toBe(
      '2026-11-23T19:04:05.123+07:00',
    );
  });

  it('reads the camelCase token answer (expiresIn a string) and tolerates snake_case', async () => {
    for (const snakeCase of [false, true]) {
      const gateway = fakeGateway({ ttl: '120', snakeCase });
      const clock = { t: Date.now() };
      const client = clientFor(gateway, clock);
      await client.call('cards', {}, { correlationId: 'x'.repeat(32) });
      expect(gateway.seen[1]?.headers.get('authorization')).toBe('Bearer tok1');
      // 120 s, read from expiresIn: renewed once within a minute of it, not after an hour.
      clock.t += 61_000;
      await client.call('cards', {}, { correlationId: 'x'.repeat(32) });
      expect(gateway.issued, snakeCase ? 'snake_case' : 'camelCase').toBe(2);
    }
  });

  it('a token answer without an access token is a refused token, not a crash', async () => {
    const client = new CardClient(
      {
        baseUrl: BASE,
        clientId: 'card-id',
        clientSecret: 'card-secret',
        merchantCode: 'AYOKIT',
        fetch: async () => Response.json({ tokenType: 'BearerToken', expiresIn: '3600' }),
      },
      Date.now,
    );
    const res = await client.call('cards', {}, { correlationId: 'x'.repeat(32) });
    expect(res.kind === 'response' && res.httpStatus).toBe(200);
    expect(res.kind === 'response' && res.code).toBeNull();
  });

  it('asks the status with a GET, its query and no body', async () => {
    const gateway = fakeGateway();
    const client = clientFor(gateway);
    await client.call(
      'status',
      { referenceNo: 'R'.repeat(32), customerId: 'cust0001', merchantId: 'AYOKIT' },
      { correlationId: 'S'.repeat(32) },
    );
    const status = gateway.seen.find((s) => s.path.startsWith(PATHS.status));
    expect(status?.method).toBe('GET');
    expect(status?.path).toBe(
      `${PATHS.status}?referenceNo=${'R'.repeat(32)}&customerId=cust0001&merchantId=AYOKIT`,
    );
    expect(status?.body).toBe('');
    expect(status?.headers.get('content-type')).toBeNull();
    expect(status?.headers.get(H.correlationId)).toBe('S'.repeat(32));
  });

  it('follows a profile override: paths, header names, timestamp with milliseconds, token fields', async () => {
    const profile = resolveWireProfile({
      card: {
        paths: { token: '/oauth/token', cards: '/cards/list' },
        headers: {
          timestamp: 'A-Timestamp',
          requestId: 'A-Request-ID',
          merchantCode: 'A-Merchant-Code',
          correlationId: 'A-Correlation-ID',
        },
        timestampFormat: 'milliseconds',
        tokenFields: { accessToken: ['data.token'] },
      },
    });
    const seen: Request[] = [];
    const client = new CardClient(
      {
        baseUrl: BASE,
        clientId: 'card-id',
        clientSecret: 'card-secret',
        merchantCode: 'AYOKIT',
        profile,
        fetch: async (req) => {
          seen.push(req);
          if (new URL(req.url).pathname === '/oauth/token') return Response.json({ data: { token: 'tokX' } });
          return Response.json({ responseCode: cardResponseCode('cards', 'success'), responseMessage: 'ok' });
        },
      },
      Date.now,
    );
    const res = await client.call('cards', {}, { correlationId: 'K'.repeat(32) });
    expect(res.kind === 'response' && res.code?.case).toBe('success');
    const call = seen[1]!;
    expect(new URL(call.url).pathname).toBe('/cards/list');
    expect(call.headers.get('authorization')).toBe('Bearer tokX');
    expect(call.headers.get('A-Timestamp')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+07:00$/);
    expect(call.headers.get('A-Request-ID')).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(call.headers.get('A-Merchant-Code')).toBe('AYOKIT');
    expect(call.headers.get('A-Correlation-ID')).toBe('K'.repeat(32));
    expect(call.headers.get(H.timestamp)).toBeNull();
  });
});
