import type { BankCode } from '@ayokit/core';
import { driveBindingWebview } from '@ayokit/sandbox';
import { describe, expect, it } from 'vitest';
import { dbEngines } from '../src/db/testing';
import { type ApiResponse, newKey, type Shopper } from './harness';
import { worldOn } from './world';

type Binding = {
  id: string;
  status: string;
  bankCode: string | null;
  webviewUrl: string | null;
  expiresAt: string | null;
  instrumentId: string | null;
  failure: { code: string; message: string; responseCode?: string } | null;
};
type Instrument = {
  id: string;
  type: string;
  bankCode: string;
  bankName: string;
  maskedNumber: string;
  status: string;
  expiresAt: string | null;
  isDefault: boolean;
};
type Bank = { code: string; available: boolean; unavailableReason: string | null };

describe.each(dbEngines)('bindings on $name', (engine) => {
  const world = worldOn(engine);

  const webFetch = () => (input: RequestInfo | URL, init?: RequestInit) =>
    world.sandbox.fetch(new Request(input, init));

  /** Starts a binding through the proxy (201 expected). */
  const start = async (shopper: Shopper, body: Record<string, unknown>, key?: string) => {
    const res = await shopper.post<{ binding: Binding }>('/bindings', body, key ? { key } : {});
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res;
  };

  const binding = async (shopper: Shopper, id: string) =>
    (await shopper.get<{ binding: Binding }>(`/bindings/${id}`)).body.binding;

  const instruments = async (shopper: Shopper) =>
    (await shopper.get<{ instruments: Instrument[] }>('/instruments')).body.instruments;

  const bind = async (userId: string, bankCode: BankCode, accountNumber: string, cardExpiry?: string) => {
    const shopper = world.as(userId);
    const { binding: b, webview } = await shopper.bind({
      bankCode,
      accountNumber,
      ...(cardExpiry ? { cardExpiry } : {}),
    });
    return { shopper, binding: b as unknown as Binding, webview };
  };

  it('lists a bound account with an opaque id, bank, masked number, status, expiry and never a token', async () => {
    const shopper = world.as('bind-list');
    const responses: ApiResponse<unknown>[] = [];
    const started = await start(shopper, { bankCode: '002' });
    responses.push(started);
    expect(started.body.binding).toMatchObject({
      status: 'in_progress',
      bankCode: '002',
      instrumentId: null,
    });
    expect(started.body.binding.id).toMatch(/^bnd_[A-Za-z0-9]{24}$/);
    expect(started.body.binding.webviewUrl).toMatch(/^http:\/\/sandbox\.test\//);
    expect(started.body.binding.expiresAt).not.toBeNull();
    const webview = await driveBindingWebview(webFetch(), started.body.binding.webviewUrl!, {
      accountNumber: '1111117890',
      cardExpiry: '08/34',
      otp: '123456',
    });
    expect(webview.status).toBe('SUCCESS');
    await world.sandbox.flush();
    const status = await shopper.get<{ binding: Binding }>(`/bindings/${started.body.binding.id}`);
    responses.push(status);
    expect(status.body.binding.status).toBe('succeeded');
    expect(status.body.binding.webviewUrl).toBeNull();
    const list = await shopper.get<{ instruments: Instrument[] }>('/instruments');
    responses.push(list);
    expect(list.body.instruments).toHaveLength(1);
    const [ins] = list.body.instruments;
    expect(ins).toMatchObject({
      id: status.body.binding.instrumentId,
      type: 'bank_account',
      bankCode: '002',
      bankName: 'BRI',
      maskedNumber: '******7890',
      status: 'active',
      isDefault: true,
    });
    expect(ins!.id).toMatch(/^ins_[A-Za-z0-9]{24}$/);
    // BRI: the token follows the card (08/34).
    expect(ins!.expiresAt).toMatch(/^2034-08-31T/);
    expect(Object.keys(ins!).sort()).toEqual(
      [
        'bankCode',
        'bankName',
        'createdAt',
        'expiresAt',
        'id',
        'isDefault',
        'maskedNumber',
        'status',
        'type',
      ].sort(),
    );
    responses.push(await shopper.get('/banks'));
    responses.push(await shopper.get(`/bindings/${started.body.binding.id}`));

    const stored = await world.proxy.store.get('instruments', ins!.id);
    const row = stored?.type === 'bank_account' ? stored : null;
    expect(row?.accountToken).toBeTruthy();
    expect(row?.authCode).toBeTruthy();
    const events = await world.proxy.store.eventsAfter('bind-list', 0);
    expect(events.length).toBeGreaterThan(0);
    for (const text of [
      ...responses.map((r) => JSON.stringify(r.body)),
      ...events.map((e) => JSON.stringify(e.event)),
    ]) {
      expect(text).not.toContain(row!.accountToken);
      expect(text).not.toContain(row!.authCode);
      expect(text).not.toContain(row!.publicUserId);
      expect(text).not.toMatch(/accountToken|authCode|publicUserId/i);
    }
  });

  it('lists six banks and makes BCA unavailable once the user holds a BCA account', async () => {
    const shopper = world.as('bind-bca');
    const before = (await shopper.get<{ banks: Bank[] }>('/banks')).body.banks;
    expect(before.map((b) => b.code).sort()).toEqual(['002', '008', '009', '011', '014', '022']);
    expect(before.every((b) => b.available && b.unavailableReason === null)).toBe(true);
    const { binding: b } = await bind('bind-bca', '014', '2222220001');
    expect(b.status).toBe('succeeded');
    const after = (await shopper.get<{ banks: Bank[] }>('/banks')).body.banks;
    expect(after).toHaveLength(6);
    expect(after.find((x) => x.code === '014')).toMatchObject({
      available: false,
      unavailableReason: 'ONE_ACCOUNT_PER_USER',
    });
    expect(after.filter((x) => x.code !== '014').every((x) => x.available)).toBe(true);
    const calls = world.proxy.client.stats.byEndpoint.binding ?? 0;
    const again = await shopper.post('/bindings', { bankCode: '014' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'REBINDING_NOT_ALLOWED' });
    expect(world.proxy.client.stats.byEndpoint.binding ?? 0).toBe(calls);
    // Another user is not affected.
    const other = (await world.as('bind-bca-other').get<{ banks: Bank[] }>('/banks')).body.banks;
    expect(other.find((x) => x.code === '014')?.available).toBe(true);
  });

  it('BRI: the same user binds the same account twice and holds two instruments', async () => {
    const first = await bind('bind-bri', '002', '3333330001');
    const second = await bind('bind-bri', '002', '3333330001');
    expect(first.binding.status).toBe('succeeded');
    expect(second.binding.status).toBe('succeeded');
    expect(second.binding.instrumentId).not.toBe(first.binding.instrumentId);
    const list = await instruments(first.shopper);
    expect(list.map((i) => i.id).sort()).toEqual(
      [first.binding.instrumentId, second.binding.instrumentId].sort(),
    );
    expect(list.filter((i) => i.isDefault)).toHaveLength(1);
  });

  it.each([
    ['009', 'BNI', 'Request Not Allowed', '4444440001'],
    ['008', 'Mandiri', 'Internal Server Error', '4444440002'],
  ] as const)(
    '%s (%s): an account bound by one user is refused to another with "%s"',
    async (bankCode, name, message, account) => {
      const a = await bind(`bind-${name}-a`, bankCode, account);
      expect(a.binding.status).toBe('succeeded');
      const b = await bind(`bind-${name}-b`, bankCode, account);
      expect(b.webview.status).toBe('FAIL');
      expect(b.binding.status).toBe('failed');
      expect(b.binding.failure?.code).toBe('BINDING_REFUSED');
      expect(b.binding.failure?.message).toContain(message);
      expect(b.binding.instrumentId).toBeNull();
      expect(await instruments(b.shopper)).toEqual([]);
      // A different account is fine for the second user.
      const c = await bind(`bind-${name}-b`, bankCode, `${account.slice(0, -1)}9`);
      expect(c.binding.status).toBe('succeeded');
    },
  );

  it('Danamon: a second binding of the same account fails, by the same user or another', async () => {
    const first = await bind('bind-danamon', '011', '5555550001');
    expect(first.binding.status).toBe('succeeded');
    const same = await bind('bind-danamon', '011', '5555550001');
    expect(same.binding.status).toBe('failed');
    expect(same.binding.failure?.code).toBe('BINDING_REFUSED');
    const other = await bind('bind-danamon-other', '011', '5555550001');
    expect(other.binding.status).toBe('failed');
    expect(other.binding.failure?.code).toBe('BINDING_REFUSED');
    expect(await instruments(first.shopper)).toHaveLength(1);
    expect(await instruments(other.shopper)).toEqual([]);
  });

  it('CIMB: the same user may not bind the same account twice; another user may', async () => {
    const first = await bind('bind-cimb', '022', '6666660001');
    expect(first.binding.status).toBe('succeeded');
    const same = await bind('bind-cimb', '022', '6666660001');
    expect(same.binding.status).toBe('failed');
    expect(same.binding.failure?.code).toBe('BINDING_REFUSED');
    expect(await instruments(first.shopper)).toHaveLength(1);
    const other = await bind('bind-cimb-other', '022', '6666660001');
    expect(other.binding.status).toBe('succeeded');
    expect(await instruments(other.shopper)).toHaveLength(1);
  });

  it('binds without a bankCode: the bank is chosen on the bank page', async () => {
    const shopper = world.as('bind-choose');
    const started = await start(shopper, {});
    expect(started.body.binding.bankCode).toBeNull();
    await expect(
      driveBindingWebview(webFetch(), started.body.binding.webviewUrl!, {
        accountNumber: '7777770001',
        cardExpiry: '12/35',
        otp: '123456',
      }),
    ).rejects.toThrow(/asks for a bank/);
    const webview = await driveBindingWebview(webFetch(), started.body.binding.webviewUrl!, {
      bankCode: '008',
      accountNumber: '7777770001',
      cardExpiry: '12/35',
      otp: '123456',
    });
    expect(webview.status).toBe('SUCCESS');
    await world.sandbox.flush();
    const b = await binding(shopper, started.body.binding.id);
    expect(b).toMatchObject({ status: 'succeeded', bankCode: '008' });
    const list = await instruments(shopper);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: b.instrumentId, bankCode: '008', bankName: 'Mandiri' });
  });

  it('an abandoned bank page expires: the FAIL callback fails the binding with SESSION_EXPIRED', async () => {
    const shopper = world.as('bind-expire');
    const started = await start(shopper, { bankCode: '002' });
    await world.advance(179);
    expect((await world.proxy.store.get('bindings', started.body.binding.id))?.status).toBe('in_progress');
    await world.advance(2);
    // The reconciler is not due yet (session end + 30 s): only the callback can have done this.
    const row = await world.proxy.store.get('bindings', started.body.binding.id);
    expect(row?.status).toBe('failed');
    expect(row?.failure?.code).toBe('SESSION_EXPIRED');
    const b = await binding(shopper, started.body.binding.id);
    expect(b).toMatchObject({ status: 'failed', webviewUrl: null, failure: { code: 'SESSION_EXPIRED' } });
    expect(await instruments(shopper)).toEqual([]);
  });

  it('an expired session whose callback is lost is failed by the reconciler', async () => {
    const shopper = world.as('bind-expire-lost');
    world.sandbox.faults.add({ target: 'callbacks', action: 'drop', type: 'binding' });
    const started = await start(shopper, { bankCode: '009' });
    await world.advance(181);
    expect((await world.proxy.store.get('bindings', started.body.binding.id))?.status).toBe('in_progress');
    await world.advance(30);
    const row = await world.proxy.store.get('bindings', started.body.binding.id);
    expect(row?.status).toBe('failed');
    expect(row?.failure?.code).toBe('SESSION_EXPIRED');
    expect(world.sandbox.faults.list()).toEqual([]);
  });

  it('a lost SUCCESS callback: a status read asks the bank and the binding succeeds with its instrument', async () => {
    const shopper = world.as('bind-lost-read');
    world.sandbox.faults.add({ target: 'callbacks', action: 'drop', type: 'binding' });
    const started = await start(shopper, { bankCode: '002' });
    const webview = await driveBindingWebview(webFetch(), started.body.binding.webviewUrl!, {
      accountNumber: '8888880001',
      cardExpiry: '12/35',
      otp: '123456',
    });
    expect(webview.status).toBe('SUCCESS');
    await world.sandbox.flush();
    expect((await world.proxy.store.get('bindings', started.body.binding.id))?.status).toBe('in_progress');
    expect(await instruments(shopper)).toEqual([]);
    await world.sandbox.clock.advance(3); // the last look at the bank is no longer fresh
    const b = await binding(shopper, started.body.binding.id);
    expect(b.status).toBe('succeeded');
    expect(b.instrumentId).toMatch(/^ins_/);
    const list = await instruments(shopper);
    expect(list.map((i) => i.id)).toEqual([b.instrumentId]);
  });

  it('a lost SUCCESS callback: the reconciler alone makes the binding succeed', async () => {
    const shopper = world.as('bind-lost-reconcile');
    world.sandbox.faults.add({ target: 'callbacks', action: 'drop', type: 'binding' });
    const started = await start(shopper, { bankCode: '002' });
    await driveBindingWebview(webFetch(), started.body.binding.webviewUrl!, {
      accountNumber: '8888880002',
      cardExpiry: '12/35',
      otp: '123456',
    });
    await world.sandbox.flush();
    expect((await world.proxy.store.get('bindings', started.body.binding.id))?.status).toBe('in_progress');
    await world.advance(211);
    const row = await world.proxy.store.get('bindings', started.body.binding.id);
    expect(row?.status).toBe('succeeded');
    expect(row?.instrumentId).toMatch(/^ins_/);
    expect((await world.proxy.store.list('instruments', { userId: 'bind-lost-reconcile' })).length).toBe(1);
  });

  it('a duplicated binding callback creates one instrument and moves the status once', async () => {
    world.sandbox.faults.add({ target: 'callbacks', action: 'duplicate', type: 'binding' });
    const { binding: b, shopper } = await bind('bind-dup', '002', '9999990001');
    expect(b.status).toBe('succeeded');
    await world.settle();
    expect(await instruments(shopper)).toHaveLength(1);
    expect(await world.proxy.store.list('instruments', { userId: 'bind-dup' })).toHaveLength(1);
    const events = await world.proxy.store.eventsAfter('bind-dup', 0);
    const succeeded = events.filter(
      (e) => e.event.type === 'binding' && (e.event.data as { status: string }).status === 'succeeded',
    );
    expect(succeeded).toHaveLength(1);
    expect(events.filter((e) => e.event.type === 'instrument')).toHaveLength(1);
  });

  it('an expired card fails the binding with CARD_EXPIRED', async () => {
    const { binding: b, shopper, webview } = await bind('bind-card-expired', '009', '1212120001', '01/20');
    expect(webview.status).toBe('FAIL');
    expect(b.status).toBe('failed');
    expect(b.failure?.code).toBe('CARD_EXPIRED');
    expect(await instruments(shopper)).toEqual([]);
  });

  it('replaying POST /bindings with the same Idempotency-Key returns the same binding, asking the bank once', async () => {
    const shopper = world.as('bind-idem');
    const key = newKey();
    const calls = world.proxy.client.stats.byEndpoint.binding ?? 0;
    const first = await start(shopper, { bankCode: '002' }, key);
    const second = await start(shopper, { bankCode: '002' }, key);
    expect(second.body.binding.id).toBe(first.body.binding.id);
    expect(second.body.binding.webviewUrl).toBe(first.body.binding.webviewUrl);
    expect(world.proxy.client.stats.byEndpoint.binding).toBe(calls + 1);
    const other = await shopper.post('/bindings', { bankCode: '008' }, { key });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await world.proxy.store.list('bindings', { userId: 'bind-idem' })).toHaveLength(1);
  });

  it('refuses bad bodies with 400 INVALID_REQUEST and issues, starting nothing', async () => {
    const shopper = world.as('bind-bad');
    const calls = world.proxy.client.stats.byEndpoint.binding ?? 0;
    const cases: [unknown, string][] = [
      [{ bankCode: '999' }, 'bankCode'],
      [{ bankCode: '002', phoneNumber: '12345' }, 'phoneNumber'],
      [{ bankCode: '002', phoneNumber: '+1 555 0100' }, 'phoneNumber'],
      [{ bankCode: '002', returnUrl: 'https://evil.test/back' }, 'returnUrl'],
      [{ bankCode: '002', returnUrl: 'javascript:alert(1)' }, 'returnUrl'],
      [{ bankCode: '002', extra: true }, ''],
      [{ bankCode: 2 }, 'bankCode'],
      [{ locale: 'fr' }, 'locale'],
    ];
    for (const [body, path] of cases) {
      const res = await shopper.post<{ code: string; issues?: { path: string; message: string }[] }>(
        '/bindings',
        body,
      );
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe('INVALID_REQUEST');
      expect(res.body.issues?.length, JSON.stringify(body)).toBeGreaterThan(0);
      if (path) expect(res.body.issues?.map((i) => i.path)).toContain(path);
    }
    expect(world.proxy.client.stats.byEndpoint.binding ?? 0).toBe(calls);
    expect(await world.proxy.store.list('bindings', { userId: 'bind-bad' })).toEqual([]);
  });
});
