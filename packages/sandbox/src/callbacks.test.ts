import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HEADERS, verifyCallback } from '@ayokit/core/snap';
import { describe, expect, it, vi } from 'vitest';
import { CALLBACK_CONCURRENCY } from './callbacks';
import { CALLBACK_SECRET, createTestEnv, type TestEnv } from './testing';

async function boundAccount(env: TestEnv, accountNumber = '1234567890') {
  const { account } = await env.client.bind({
    customerId: `u-${accountNumber}`,
    bankCode: '002',
    accountNumber,
  });
  await env.sandbox.flush();
  if (!account) throw new Error('binding failed');
  return account;
}

describe('callback delivery', () => {
  it('sends the signed headers', async () => {
    const env = await createTestEnv();
    await boundAccount(env);
    const [cb] = env.merchant.received;
    expect(cb?.headers.get('content-type')).toBe('application/json');
    expect(cb?.headers.get('x-callback-type')).toBe('binding');
    expect(cb?.headers.get('x-timestamp')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
    expect(cb?.headers.get('x-signature')).toMatch(/^[0-9a-f]{128}$/);
    expect(cb?.signatureValid).toBe(true);
  });

  it("sends them unsigned under the profile's callbackAuth 'confirm', even with a secret", async () => {
    const env = await createTestEnv({ profile: { dd: { callbackAuth: 'confirm' } } });
    await boundAccount(env);
    const [cb] = env.merchant.received;
    expect(cb?.headers.get('x-callback-type')).toBe('binding');
    expect(cb?.headers.get('x-signature')).toBeNull();
  });

  it('sends no signature without a callback secret', async () => {
    const env = await createTestEnv({ callbackSecret: undefined });
    await boundAccount(env);
    expect(env.merchant.received[0]?.headers.get('x-signature')).toBeNull();
  });

  it('retries a failing merchant immediately, then after 1, 2 and 5 minutes, then gives up', async () => {
    const env = await createTestEnv();
    const account = await boundAccount(env);
    const tries: number[] = [];
    env.merchant.respond = (cb) => {
      if (cb.type === 'payment') tries.push(cb.at);
      return 500;
    };
    await env.client.pay(account, 10_000);
    await env.sandbox.clock.advance(2);
    const settledAt = tries[0] ?? 0;
    expect(tries).toHaveLength(2); // first try and the immediate retry
    await env.sandbox.clock.advance(59);
    expect(tries).toHaveLength(2);
    await env.sandbox.clock.advance(1);
    expect(tries).toHaveLength(3);
    await env.sandbox.clock.advance(3600);
    const offsets = tries.map((t) => Math.round((t - settledAt) / 1000));
    expect(offsets).toEqual([0, 0, 60, 180, 480]);
  });

  it('stops retrying once the merchant answers 2xx', async () => {
    const env = await createTestEnv();
    const account = await boundAccount(env);
    let payments = 0;
    env.merchant.respond = (cb) => (cb.type === 'payment' && ++payments < 3 ? 503 : 200);
    await env.client.pay(account, 10_000);
    await env.sandbox.clock.advance(3600);
    expect(payments).toBe(3);
    expect(env.merchant.ofType('payment')).toHaveLength(1);
  });

  it('treats a merchant that does not answer in time as a failure', async () => {
    let calls = 0;
    const env = await createTestEnv({
      callbackTimeoutMs: 20,
      fetch: async () => {
        calls++;
        if (calls === 1) return new Promise<Response>(() => {}); // never answers
        return new Response(null, { status: 204 });
      },
    });
    await env.client.startBinding('x');
    await env.sandbox.clock.advance(181); // the session expires: FAIL callback
    expect(calls).toBe(2); // the hanging try timed out, the immediate retry went through
    await env.sandbox.clock.advance(3600);
    expect(calls).toBe(2);
  });
});

/**
 * A merchant whose payment callbacks (the n-th one sent, from 0, where `hold(n)`) wait until the
 * test answers them, in `held`; the others, and the binding's, are answered at once. `until(done)`
 * resolves once `done()` holds, looked at whenever a callback arrives or is answered.
 */
function holdingMerchant(hold: (n: number) => boolean = () => true) {
  const waiting = new Set<() => void>();
  const changed = () => {
    for (const look of [...waiting]) look();
  };
  const merchant = {
    held: [] as (() => void)[],
    answered: [] as string[],
    sent: 0,
    /** The most callbacks held at once. */
    most: 0,
    until(done: () => boolean): Promise<void> {
      return new Promise<void>((resolve) => {
        const look = () => {
          if (!done()) return;
          waiting.delete(look);
          resolve();
        };
        waiting.add(look);
        look();
      });
    },
    fetch: async (input: RequestInfo | URL) => {
      const body = JSON.parse(await (input as Request).text()) as { originalPartnerReferenceNo?: string };
      const ref = body.originalPartnerReferenceNo;
      if (!ref) return new Response(null, { status: 204 });
      const answer = () => {
        merchant.answered.push(ref);
        changed();
        return new Response(null, { status: 204 });
      };
      if (!hold(merchant.sent++)) return answer();
      return new Promise<Response>((resolve) => {
        merchant.held.push(() => resolve(answer()));
        merchant.most = Math.max(merchant.most, merchant.held.length);
        changed();
      });
    },
  };
  return merchant;
}

/**
 * As a server runs it: the runner on, the next `count` payments settling 50 ms after they are
 * made, on Vitest's fake timers (so that the merchant's 5 s deadline and the runner's looks come
 * when the test moves time, however loaded the machine). Real timers again after `fn`.
 */
async function onServer(
  merchant: ReturnType<typeof holdingMerchant>,
  count: number,
  fn: (env: TestEnv, account: Awaited<ReturnType<typeof boundAccount>>) => Promise<void>,
): Promise<void> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  let env: TestEnv | undefined;
  try {
    env = await createTestEnv({ fetch: merchant.fetch }, () => Date.now());
    const account = await boundAccount(env);
    env.sandbox.faults.add({ target: 'bank', action: 'slow', settleSeconds: 0.05, count });
    env.sandbox.start();
    await fn(env, account);
  } finally {
    env?.sandbox.stop();
    vi.useRealTimers();
  }
}

describe('a merchant slow to answer a callback', () => {
  it('holds up its own callback, not the bank: other payments settle and their callbacks go out meanwhile', async () => {
    const merchant = holdingMerchant((n) => n === 0);
    await onServer(merchant, 2, async (env, account) => {
      const first = await env.client.pay(account, 10_000);
      await vi.advanceTimersByTimeAsync(50);
      // The first payment's callback hangs (the merchant's deadline is 5 s)…
      await merchant.until(() => merchant.held.length > 0);
      // …while the second is made, settles and is answered.
      const second = await env.client.pay(account, 20_000);
      await vi.advanceTimersByTimeAsync(50);
      await merchant.until(() => merchant.answered.length > 0);
      expect(merchant.answered).toEqual([second.partnerReferenceNo]);
      expect(env.sandbox.ledger().map((p) => p.charged)).toEqual([true, true]);
      merchant.held.shift()?.();
      await env.sandbox.flush();
      expect(merchant.answered).toEqual([second.partnerReferenceNo, first.partnerReferenceNo]);
    });
  });

  it(`keeps at most ${CALLBACK_CONCURRENCY} callbacks on the wire; the rest wait their turn, in order`, async () => {
    const merchant = holdingMerchant();
    const count = CALLBACK_CONCURRENCY + 4;
    await onServer(merchant, count, async (env, account) => {
      const payments = [];
      for (let i = 0; i < count; i++) payments.push(await env.client.pay(account, 10_000 + i));
      await vi.advanceTimersByTimeAsync(50);
      await merchant.until(() => merchant.held.length >= CALLBACK_CONCURRENCY);
      await vi.advanceTimersByTimeAsync(200); // two more looks of the runner: no ninth goes out
      expect(merchant.held).toHaveLength(CALLBACK_CONCURRENCY);
      while (merchant.answered.length < count) {
        await merchant.until(() => merchant.held.length > 0);
        merchant.held.shift()?.();
      }
      await env.sandbox.flush();
      expect(merchant.most).toBe(CALLBACK_CONCURRENCY);
      expect(merchant.answered).toEqual(payments.map((p) => p.partnerReferenceNo));
    });
  });

  it('sends none of the callbacks still waiting for their turn once the sandbox is reset', async () => {
    const merchant = holdingMerchant();
    const count = CALLBACK_CONCURRENCY + 4;
    await onServer(merchant, count, async (env, account) => {
      for (let i = 0; i < count; i++) await env.client.pay(account, 10_000 + i);
      await vi.advanceTimersByTimeAsync(50);
      await merchant.until(() => merchant.held.length >= CALLBACK_CONCURRENCY);
      env.sandbox.reset();
      for (const answer of merchant.held.splice(0)) answer();
      await env.sandbox.flush();
      expect(merchant.sent).toBe(CALLBACK_CONCURRENCY);
    });
  });
});

describe("callback delivery without a fetch option (Node's own HTTP client)", () => {
  it('posts the signed callback over HTTP, takes a timeout or a 5xx as a failure and retries', async () => {
    const seen: { path: string; body: string; signatureValid: boolean }[] = [];
    const answers: ('hang' | number)[] = ['hang', 500, 204];
    let arrived = () => {};
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const path = req.url ?? '';
        const signatureValid = await verifyCallback(
          {
            path,
            body,
            timestamp: String(req.headers[HEADERS.timestamp.toLowerCase()]),
            secret: CALLBACK_SECRET,
          },
          String(req.headers[HEADERS.signature.toLowerCase()]),
        );
        seen.push({ path, body, signatureValid });
        arrived();
        const answer = answers.shift() ?? 204;
        if (answer !== 'hang') res.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    // The client's deadline is a fake timer: the hanging try times out when the test says, and the
    // answered ones never do, however long a loaded machine takes to answer them.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { port } = server.address() as AddressInfo;
      const env = await createTestEnv({
        fetch: undefined,
        callbackUrl: `http://127.0.0.1:${port}/shop/callback`,
        callbackTimeoutMs: 200,
      });
      await env.client.startBinding('x');
      const firstTry = new Promise<void>((resolve) => {
        arrived = resolve;
      });
      const expiry = env.sandbox.clock.advance(181); // the session expires: FAIL callback
      await firstTry; // …which the merchant does not answer
      await vi.advanceTimersByTimeAsync(199);
      expect(seen).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1); // past the deadline: the immediate retry gets a 500
      await expiry;
      expect(seen).toHaveLength(2);
      await env.sandbox.clock.advance(60); // the next retry, answered 204: no more after it
      await env.sandbox.clock.advance(3600);
      expect(seen).toHaveLength(3);
      for (const cb of seen) {
        expect(cb.path).toBe('/shop/callback');
        expect(cb.signatureValid).toBe(true);
        expect(cb.body).toBe(seen[0]?.body);
      }
      expect(JSON.parse(seen[0]?.body ?? '{}')).toMatchObject({ responseCode: expect.any(String) });
    } finally {
      vi.useRealTimers();
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('callback faults', () => {
  it('drop: the callback is never delivered, not even retried', async () => {
    const env = await createTestEnv();
    const account = await boundAccount(env);
    const before = env.merchant.attempts;
    env.sandbox.faults.add({ target: 'callbacks', action: 'drop', type: 'payment' });
    await env.client.pay(account, 10_000);
    await env.sandbox.clock.advance(3600);
    expect(env.merchant.attempts).toBe(before);
    expect(env.sandbox.ledger()[0]?.status).toBe('00');
    await env.client.pay(account, 10_000);
    await env.sandbox.clock.advance(2);
    expect(env.merchant.ofType('payment')).toHaveLength(1); // the fault fired once
  });

  it('delay: delivered after delaySeconds of virtual time', async () => {
    const env = await createTestEnv();
    const account = await boundAccount(env);
    env.sandbox.faults.add({ target: 'callbacks', action: 'delay', delaySeconds: 30 });
    await env.client.pay(account, 10_000);
    await env.sandbox.clock.advance(2);
    expect(env.merchant.ofType('payment')).toHaveLength(0);
    await env.sandbox.clock.advance(29);
    expect(env.merchant.ofType('payment')).toHaveLength(0);
    await env.sandbox.clock.advance(1);
    expect(env.merchant.ofType('payment')).toHaveLength(1);
  });

  it('duplicate: delivered twice', async () => {
    const env = await createTestEnv();
    const account = await boundAccount(env);
    env.sandbox.faults.add({ target: 'callbacks', action: 'duplicate' });
    await env.client.pay(account, 10_000);
    await env.sandbox.clock.advance(2);
    const payments = env.merchant.ofType('payment');
    expect(payments).toHaveLength(2);
    expect(payments[0]?.raw).toBe(payments[1]?.raw);
  });

  it('reorder: held back and delivered after the next callback', async () => {
    const env = await createTestEnv();
    const account = await boundAccount(env);
    env.sandbox.faults.add({ target: 'callbacks', action: 'reorder', type: 'payment' });
    const first = await env.client.pay(account, 10_000);
    await env.sandbox.clock.advance(2);
    expect(env.merchant.ofType('payment')).toHaveLength(0);
    const second = await env.client.pay(account, 20_000);
    await env.sandbox.clock.advance(2);
    expect(env.merchant.ofType('payment').map((c) => c.body.originalPartnerReferenceNo)).toEqual([
      second.partnerReferenceNo,
      first.partnerReferenceNo,
    ]);
  });

  it('reorder: a held callback still goes out after 10 minutes if nothing follows', async () => {
    const env = await createTestEnv();
    const account = await boundAccount(env);
    env.sandbox.faults.add({ target: 'callbacks', action: 'reorder' });
    await env.client.pay(account, 10_000);
    await env.sandbox.clock.advance(300);
    expect(env.merchant.ofType('payment')).toHaveLength(0);
    await env.sandbox.clock.advance(304); // 600 s after the payment settled
    expect(env.merchant.ofType('payment')).toHaveLength(1);
  });

  it('a fault for one callback type leaves the others alone; count sets how often it fires', async () => {
    const env = await createTestEnv();
    const account = await boundAccount(env);
    env.sandbox.faults.add({ target: 'callbacks', action: 'drop', type: 'refund', count: 2 });
    await env.client.pay(account, 10_000);
    await env.sandbox.clock.advance(2);
    expect(env.merchant.ofType('payment')).toHaveLength(1);
    expect(env.sandbox.faults.list()).toEqual([
      { id: expect.any(String), target: 'callbacks', action: 'drop', type: 'refund', count: 2 },
    ]);
  });
});

describe('callback faults on card callbacks', () => {
  it('drop and duplicate apply to card_payment and card_registration by type', async () => {
    const env = await createTestEnv();
    env.sandbox.faults.add({ target: 'callbacks', action: 'duplicate', type: 'card_registration' });
    const cardToken = await env.card.cardToken('ani-0001', '4111111111111111');
    env.sandbox.faults.add({ target: 'callbacks', action: 'drop', type: 'card_payment' });
    await env.card.charge({ customerId: 'ani-0001', operation: 'PAY', amount: 1000, cardToken });
    await env.card.charge({ customerId: 'ani-0001', operation: 'PAY', amount: 2000, cardToken });
    await env.sandbox.flush();
    expect(env.merchant.ofType('card_registration')).toHaveLength(2);
    expect(env.merchant.ofType('card_payment').map((c) => c.body.amount)).toEqual([
      { value: '2000.00', currency: 'IDR' },
    ]);
  });

  it('delay and retries apply to card callbacks too', async () => {
    const env = await createTestEnv();
    const cardToken = await env.card.cardToken('ani-0001', '4111111111111111');
    await env.sandbox.flush();
    env.sandbox.faults.add({ target: 'callbacks', action: 'delay', delaySeconds: 30, type: 'card_payment' });
    let failures = 1;
    env.merchant.respond = () => (failures-- > 0 ? 500 : 200);
    await env.card.charge({ customerId: 'ani-0001', operation: 'PAY', amount: 1000, cardToken });
    await env.sandbox.clock.advance(29);
    expect(env.merchant.ofType('card_payment')).toHaveLength(0);
    await env.sandbox.clock.advance(1);
    expect(env.merchant.ofType('card_payment')).toHaveLength(1); // failed once, retried at once
  });
});
