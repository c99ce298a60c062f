import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { SANDBOX_SNAPSHOT_VERSION, type SandboxSnapshot } from './persistence';
import { createTestEnv, type TestEnv } from './testing';

function ref(paid: { body: { referenceNo: string }; partnerReferenceNo: string }) {
  return { referenceNo: paid.body.referenceNo, partnerReferenceNo: paid.partnerReferenceNo };
}

/** A sandbox in the middle of things: settled payments, an OTP waiting, a slow refund, a session open. */
async function busySandbox() {
  const env = await createTestEnv();
  const { client, sandbox } = env;
  const bri = await client.bind({ customerId: 'ani-0001', bankCode: '002', accountNumber: '1234567890' });
  const slow = await client.bind({ customerId: 'budi-0002', bankCode: '002', accountNumber: '1234560036' });
  const account = bri.account!;
  const slowAccount = slow.account!;
  const paid = await client.pay(account, 150_000, 'paidRef0001', 'paidFlow0001');
  const slowPaid = ref(await client.pay(slowAccount, 200_000));
  expect(paid.status).toBe(200);
  await sandbox.clock.advance(2);
  const refund = await client.refund(slowAccount, slowPaid, 200_000, 'slowRefund1');
  expect(refund.body.responseCode).toBe('5005800');
  const otpPaid = await client.pay(account, 1_500_000);
  expect(otpPaid.body.additionalInfo.otpRequired).toBe(true);
  const otpPayment = ref(otpPaid);
  const started = await client.startBinding('citra-003', { bankCode: '002' });
  expect(started.status).toBe(200);
  const usedExternalId = 'usedExternalId0001';
  const inquiry = await client.call(
    'bindingInquiry',
    { partnerReferenceNo: bri.partnerReferenceNo, additionalInfo: {} },
    { externalId: usedExternalId },
  );
  expect(inquiry.status).toBe(200);
  sandbox.faults.add({ target: 'endpoint', endpoint: 'unbinding', action: 'error' });
  await sandbox.flush();
  return {
    env,
    account,
    slowPaid,
    otpPayment,
    sessionId: started.body.redirectUrl.split('/').pop()!,
    partnerReferenceNo: String(started.body.partnerReferenceNo),
    publicUserId: bri.publicUserId,
    briBinding: bri.partnerReferenceNo,
    slowBinding: slow.partnerReferenceNo,
    paidReferenceNo: String(paid.body.referenceNo),
    usedExternalId,
    b2bToken: await client.b2bToken(),
  };
}

/** Exports, goes through JSON text like a file would, and restores into a brand-new sandbox. */
async function restart(
  env: TestEnv,
  edit: (s: SandboxSnapshot) => void = () => {},
  overrides: Parameters<typeof createTestEnv>[0] = {},
) {
  const snapshot = env.sandbox.exportState();
  const text = JSON.stringify(snapshot);
  expect(JSON.parse(text)).toEqual(snapshot);
  env.sandbox.stop();
  const restored = JSON.parse(text) as SandboxSnapshot;
  edit(restored);
  return { snapshot, next: await createTestEnv({ ...overrides, state: restored }) };
}

describe('exportState and createSandbox({ state })', () => {
  it('carries tokens, payments, an OTP, a slow refund and an open session across a restart', async () => {
    const busy = await busySandbox();
    const ledgerBefore = busy.env.sandbox.ledger();
    const faultsBefore = busy.env.sandbox.faults.list();
    const { snapshot, next } = await restart(busy.env);
    const { client, sandbox, merchant } = next;

    expect(snapshot.version).toBe(2);
    expect(sandbox.ledger()).toEqual(ledgerBefore);
    expect(sandbox.faults.list()).toEqual(faultsBefore);
    expect(sandbox.faults.add({ target: 'bank', action: 'slow', settleSeconds: 5 }).id).toBe('fault_2');
    sandbox.faults.clear();
    expect(sandbox.clock.now()).toBeGreaterThanOrEqual(snapshot.clock.now);

    // The B2B token still works; the used X-EXTERNAL-ID still belongs to its flow.
    const inquiry = await client.call<{ additionalInfo: { accountToken: string } }>(
      'bindingInquiry',
      { partnerReferenceNo: busy.briBinding, additionalInfo: {} },
      { token: busy.b2bToken, externalId: busy.usedExternalId },
    );
    expect(inquiry.status).toBe(200);
    expect(inquiry.body.additionalInfo.accountToken).toBe(busy.account.accountToken);
    const reused = await client.call(
      'bindingInquiry',
      { partnerReferenceNo: busy.slowBinding, additionalInfo: {} },
      { externalId: busy.usedExternalId },
    );
    expect(reused.status).toBe(409);
    expect(reused.body.responseCode).toBe('4090800');
    // The stored first answer survives too: an identical replay gets it, and charges nothing new.
    const replay = await client.pay(busy.account, 150_000, 'paidRef0001', 'paidFlow0001');
    expect(replay.body).toMatchObject({ responseCode: '2005400', referenceNo: busy.paidReferenceNo });
    expect(sandbox.ledger()).toEqual(ledgerBefore);

    // The waiting OTP still verifies; the account token still pays.
    const verified = await client.verifyPaymentOtp(busy.account, busy.otpPayment, '123456');
    expect(verified.status).toBe(200);
    const again = await client.pay(busy.account, 50_000);
    expect(again.status).toBe(200);

    // The slow refund completes at its time; the session is still open until its own.
    const session = snapshot.sessions.find((s) => s.sessionId === busy.sessionId)!;
    expect(session.status).toBe('IN_PROGRESS');
    expect(sandbox.ledger().find((p) => p.referenceNo === busy.slowPaid.referenceNo)?.refunds).toEqual([
      expect.objectContaining({ partnerRefundNo: 'slowRefund1', status: 'PROCESSING' }),
    ]);
    await sandbox.clock.advance((session.expiresAt - sandbox.clock.now()) / 1000 - 1);
    expect(sandbox.ledger().find((p) => p.referenceNo === busy.slowPaid.referenceNo)).toMatchObject({
      status: '04',
      refundedAmount: 200_000,
    });
    expect(merchant.ofType('refund').map((c) => c.body.partnerRefundNo)).toEqual(['slowRefund1']);
    expect(merchant.ofType('binding')).toHaveLength(0);

    await sandbox.clock.advance(2);
    const [expired] = merchant.ofType('binding');
    expect(expired?.body).toMatchObject({
      partnerReferenceNo: busy.partnerReferenceNo,
      additionalInfo: { latestBindingStatus: 'FAIL', failureReason: 'Session Expired' },
    });
    expect(expired?.at).toBeGreaterThanOrEqual(session.expiresAt);
    expect(expired?.at).toBeLessThan(session.expiresAt + 1_000);

    const ledger = sandbox.ledger();
    expect(ledger.map((p) => [p.amount, p.status])).toEqual([
      [150_000, '00'],
      [200_000, '04'],
      [1_500_000, '00'],
      [50_000, '00'],
    ]);
  });

  it('runs work that fell due while the host was down on the first drain, not before', async () => {
    const env = await createTestEnv();
    const { account } = await env.client.bind({
      customerId: 'ani-0001',
      bankCode: '002',
      accountNumber: '1234567890',
    });
    const pending = await env.client.pay(account!, 10_000);
    const otp = await env.client.pay(account!, 2_000_000);
    await env.client.startBinding('budi-0002');
    const tenMinutes = 600_000;
    const { next } = await restart(env, (s) => {
      s.clock.now += tenMinutes;
      s.clock.offsetMs += tenMinutes;
    });
    const status = () =>
      Object.fromEntries(
        next.sandbox.ledger().map((p) => [p.referenceNo, [p.status, p.failureResponseCode]]),
      );
    expect(status()).toEqual({
      [pending.body.referenceNo]: ['03', undefined],
      [otp.body.referenceNo]: ['01', undefined],
    });
    await next.sandbox.flush();
    expect(status()).toEqual({
      [pending.body.referenceNo]: ['00', undefined],
      [otp.body.referenceNo]: ['06', '4030412'],
    });
    expect(next.merchant.ofType('payment')).toHaveLength(2);
    expect(next.merchant.ofType('binding').map((c) => c.body.additionalInfo)).toEqual([
      expect.objectContaining({ latestBindingStatus: 'FAIL', failureReason: 'Session Expired' }),
    ]);
  });

  it('tells listeners after requests, scheduled work, clock advances and fault changes', async () => {
    const { sandbox, client } = await createTestEnv();
    let changes = 0;
    const off = sandbox.onChange(() => {
      changes += 1;
    });
    await client.b2bToken();
    expect(changes).toBeGreaterThan(0);
    changes = 0;
    sandbox.faults.add({ target: 'bank', action: 'slow', settleSeconds: 1 });
    expect(changes).toBe(1);
    await sandbox.clock.advance(1);
    expect(changes).toBe(2);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    sandbox.onChange(() => {
      throw new Error('a broken listener does not break the sandbox');
    });
    off();
    changes = 0;
    sandbox.reset();
    expect(changes).toBe(0);
    expect(logged).toHaveBeenCalledWith('[ayokit sandbox] state change listener failed', expect.any(Error));
    logged.mockRestore();
  });
});

describe('the README on snapshots', () => {
  it('names the version exportState() writes and createSandbox reads', async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const named = [...readme.matchAll(/`version: (\d+)`/g)].map((m) => Number(m[1]));
    expect(named).toEqual([SANDBOX_SNAPSHOT_VERSION]);
    const env = await createTestEnv();
    expect(env.sandbox.exportState().version).toBe(SANDBOX_SNAPSHOT_VERSION);
  });
});

describe('restoring a bad snapshot', () => {
  async function snapshot(): Promise<SandboxSnapshot> {
    const { env } = await busySandbox();
    return env.sandbox.exportState();
  }

  it('throws an Error naming the problem', async () => {
    const good = await snapshot();
    const cases: [unknown, RegExp][] = [
      [null, /expected an object/],
      ['{}', /expected an object/],
      [{ ...good, version: 1 }, /Unsupported sandbox snapshot version 1/],
      [{ ...good, version: undefined }, /version undefined/],
      [{ ...good, merchantId: 'OTHER1' }, /merchant "OTHER1", not "AYOPOP"/],
      [{ ...good, users: undefined }, /snapshot\.users must be an array/],
      [{ ...good, clock: { now: 'soon', offsetMs: 0 } }, /snapshot\.clock\.now must be a finite number/],
      [
        { ...good, payments: [{ ...good.payments[0], status: '99' }] },
        /snapshot\.payments\[0\]\.status must be one of/,
      ],
      [
        { ...good, accounts: [good.accounts[0], good.accounts[0]] },
        /accounts\[1\]\.accountToken ".+" appears twice/,
      ],
      [{ ...good, users: good.users.slice(1) }, /names an unknown user/],
      [
        { ...good, payments: [{ ...good.payments[0], refunds: [{ nope: true }] }] },
        /snapshot\.payments\[0\]\.refunds\[0\]\.refundNo must be a string/,
      ],
      [{ ...good, faults: { nextId: 1, active: [{ target: 'moon', id: 'fault_1', count: 1 }] } }, /target/],
      [
        { ...good, externalIds: [{ clientId: 'c', ids: [1] }] },
        /externalIds\[0\]\.ids\[0\] must be an object/,
      ],
      [
        {
          ...good,
          externalIds: [
            { clientId: 'c', ids: [{ externalId: 'x', flow: 'lunch', anchor: 'a', replies: [] }] },
          ],
        },
        /externalIds\[0\]\.ids\[0\]\.flow must be one of/,
      ],
      [
        {
          ...good,
          externalIds: [
            { clientId: 'c', ids: [{ externalId: 'x', flow: 'payment', anchor: 'a', replies: [{}] }] },
          ],
        },
        /externalIds\[0\]\.ids\[0\]\.replies\[0\]\.request must be a string/,
      ],
    ];
    for (const [state, message] of cases) {
      await expect(createTestEnv({ state: state as SandboxSnapshot }), String(message)).rejects.toThrow(
        message,
      );
    }
  });
});

describe('card state across a restart', () => {
  it('carries registrations, tokens, charges, a pending page session and an authorisation’s auto-void', async () => {
    const refunds = { profile: { capabilities: { cardRefund: true } } };
    const env = await createTestEnv(refunds);
    const cardToken = await env.card.cardToken('ani-0001', '4111111111111111');
    const accessToken = await env.card.accessToken();
    const paid = await env.card.charge(
      { customerId: 'ani-0001', operation: 'PAY', amount: 10_000, cardToken },
      'pay1',
    );
    const auth = await env.card.charge(
      { customerId: 'ani-0001', operation: 'AUTHORIZE', amount: 20_000, cardToken },
      'auth1',
    );
    const netToken = await env.card.cardToken('budi-0002', '4000000000000119');
    await env.card.charge(
      { customerId: 'budi-0002', operation: 'PAY', amount: 5_000, cardToken: netToken },
      'net1',
    );
    const open = await env.card.startRegistration('citra-003');
    const usedRequestId = 'b'.repeat(32);
    await env.card.call('cards', { customerId: 'ani-0001' }, { externalId: usedRequestId });
    await env.sandbox.flush();
    const ledgerBefore = env.sandbox.cardLedger();

    const { snapshot, next } = await restart(env, undefined, refunds);
    expect(snapshot.cardRegistrations).toHaveLength(3);
    expect(JSON.stringify(snapshot)).not.toContain('4111111111111111');
    expect(next.sandbox.cardLedger()).toEqual(ledgerBefore);
    const { card, sandbox, merchant } = next;
    // The access token still works; the used X-REQUEST-ID is still spent; the partner refs too.
    expect((await card.call('cards', { customerId: 'ani-0001' }, { token: accessToken })).status).toBe(200);
    expect((await card.call('cards', { customerId: 'ani-0001' }, { externalId: usedRequestId })).status).toBe(
      409,
    );
    expect(
      (await card.charge({ customerId: 'ani-0001', operation: 'PAY', amount: 1, cardToken }, 'pay1')).status,
    ).toBe(409);
    expect(
      (
        await card.call('refund', {
          partnerReferenceNo: 'r1',
          customerId: 'ani-0001',
          order: { id: paid.body.partnerReferenceNo, amount: '10000.00', currency: 'IDR' },
        })
      ).body.transactionStatus,
    ).toBe('REFUNDED');
    // Scheduled work is back: the network-error charge resolves, the page session expires, the authorisation is voided.
    await sandbox.clock.advance(60);
    expect((await card.status('net1', 'budi-0002')).body.transactionStatus).toBe('SUCCESS');
    await sandbox.clock.advance(240);
    const list = await card.call<{ cards: { referenceNo: string; registrationStatus: string }[] }>('cards', {
      customerId: 'citra-003',
    });
    expect(list.body.cards).toEqual([
      expect.objectContaining({ referenceNo: open.body.referenceNo, registrationStatus: 'FAILED' }),
    ]);
    await sandbox.clock.advance(7 * 86_400);
    expect((await card.status(String(auth.body.referenceNo), 'ani-0001')).body.transactionStatus).toBe(
      'VOIDED',
    );
    expect(merchant.ofType('card_payment').map((c) => c.body.transactionStatus)).toEqual([
      'REFUNDED',
      'SUCCESS',
      'VOIDED',
    ]);
  });

  it('reads a snapshot without card sections (before cards) as having no card data', async () => {
    const env = await createTestEnv();
    const { next } = await restart(env, (s) => {
      const old = s as unknown as Record<string, unknown>;
      delete old.cardRegistrations;
      delete old.cardPayments;
      delete old.cardAccessTokens;
      delete old.cardRequestIds;
    });
    expect(next.sandbox.cardLedger()).toEqual([]);
  });

  it('refuses malformed card data naming it', async () => {
    const env = await createTestEnv();
    const cardToken = await env.card.cardToken('ani-0001', '4111111111111111');
    await env.card.charge({ customerId: 'ani-0001', operation: 'PAY', amount: 1000, cardToken });
    const good = env.sandbox.exportState();
    await expect(
      createTestEnv({
        state: { ...good, cardPayments: [{ ...good.cardPayments[0]!, status: 'PAID' as 'SUCCESS' }] },
      }),
    ).rejects.toThrow(/snapshot\.cardPayments\[0\]\.status must be one of/);
    await expect(
      createTestEnv({
        state: { ...good, cardRegistrations: [good.cardRegistrations[0]!, good.cardRegistrations[0]!] },
      }),
    ).rejects.toThrow(/cardRegistrations\[1\]\.referenceNo ".+" appears twice/);
  });
});
