import { describe, expect, it } from 'vitest';
import { HttpAyoClient } from './http';

const PAY = 'pay_AAAAAAAAAAAAAAAAAAAAAAAA';
const CHK = 'chk_AAAAAAAAAAAAAAAAAAAAAAAA';
const INS = 'ins_AAAAAAAAAAAAAAAAAAAAAAAA';

function recording(body: unknown, status = 200) {
  const seen: { url: string; method: string; headers: Record<string, string>; body: unknown }[] = [];
  const client = new HttpAyoClient({
    baseUrl: 'https://shop.example/ayokit/',
    fetch: async (url, init) => {
      seen.push({
        url: String(url),
        method: init?.method ?? 'GET',
        headers: (init?.headers ?? {}) as Record<string, string>,
        body: init?.body ? JSON.parse(String(init.body)) : undefined,
      });
      return Response.json(body, { status });
    },
  });
  return { client, seen };
}

describe('HttpAyoClient routes', () => {
  it('pays a checkout with the instrument only, under an Idempotency-Key', async () => {
    const { client, seen } = recording({}, 500);
    await client.payCheckout(CHK, { instrumentId: INS }, 'key-00000001').catch(() => undefined);
    await client.getCheckout(CHK).catch(() => undefined);
    expect(seen[0]).toMatchObject({
      url: `https://shop.example/ayokit/v1/checkouts/${CHK}/pay`,
      method: 'POST',
      headers: { 'Idempotency-Key': 'key-00000001' },
      body: { instrumentId: INS },
    });
    expect(seen[1]).toMatchObject({ url: `https://shop.example/ayokit/v1/checkouts/${CHK}`, method: 'GET' });
  });

  it('sends back-office calls to /staff/v1, with their queries', async () => {
    const { client, seen } = recording({}, 500);
    const calls = [
      () => client.getStaff(),
      () => client.listStaffPayments({ status: 'succeeded', userId: 'shopper 2', limit: 5 }),
      () => client.getStaffPayment(PAY),
      () => client.listStaffRefunds(PAY),
      () => client.createRefund(PAY, { amount: 1000 }, 'key-00000002'),
      () => client.capturePayment(PAY, {}, 'key-00000003'),
      () => client.voidPayment(PAY, { reason: 'Out of stock' }, 'key-00000004'),
      () => client.listAuditEntries({ paymentId: PAY }),
      () => client.listAuditEntries(),
    ];
    for (const call of calls) await call().catch(() => undefined);
    const root = 'https://shop.example/ayokit/staff/v1';
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      `GET ${root}/me`,
      `GET ${root}/payments?status=succeeded&userId=shopper+2&limit=5`,
      `GET ${root}/payments/${PAY}`,
      `GET ${root}/payments/${PAY}/refunds`,
      `POST ${root}/payments/${PAY}/refunds`,
      `POST ${root}/payments/${PAY}/capture`,
      `POST ${root}/payments/${PAY}/void`,
      `GET ${root}/audit?paymentId=${PAY}`,
      `GET ${root}/audit`,
    ]);
    expect(seen[6]).toMatchObject({
      headers: { 'Idempotency-Key': 'key-00000004' },
      body: { reason: 'Out of stock' },
    });
  });

  it('a FORBIDDEN answer keeps its code and message', async () => {
    const { client } = recording(
      { code: 'FORBIDDEN', message: 'Your role does not allow this action.' },
      403,
    );
    await expect(client.createRefund(PAY, {}, 'key-00000005')).rejects.toMatchObject({
      code: 'FORBIDDEN',
      status: 403,
    });
  });
});
