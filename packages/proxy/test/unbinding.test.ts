import type { BankCode } from '@ayokit/core';
import { describe, expect, it } from 'vitest';
import { dbEngines } from '../src/db/testing';
import { worldOn } from './world';

type Unbinding = {
  id: string;
  instrumentId: string;
  status: string;
  otp: { attemptsLeft: number; lastError: { code: string } | null } | null;
  failure: { code: string } | null;
};
type Instrument = { id: string; status: string };

describe.each(dbEngines)('unbinding on $name', (engine) => {
  const world = worldOn(engine);

  const bound = async (userId: string, bankCode: BankCode, accountNumber: string) => {
    const shopper = world.as(userId);
    const { binding } = await shopper.bind({ bankCode, accountNumber });
    expect(binding.status).toBe('succeeded');
    return { shopper, instrumentId: binding.instrumentId! };
  };

  const instrumentIds = async (userId: string) =>
    (await world.as(userId).get<{ instruments: Instrument[] }>('/instruments')).body.instruments.map(
      (i) => i.id,
    );

  it('one unbinding at a time per account: more requests (new keys, at once) join it; the bank hears of it once', async () => {
    // Danamon asks for an OTP, so the unbinding stays under way.
    const { shopper, instrumentId } = await bound('unb-once', '011', '3030300099');
    const calls = () => world.proxy.client.stats.byEndpoint.unbinding ?? 0;
    const before = calls();
    const keys = ['unb-once-key-1', 'unb-once-key-2', 'unb-once-key-3', 'unb-once-key-4'];
    const answers = await Promise.all(
      keys.map((key) =>
        shopper.post<{ unbinding: Unbinding }>(`/instruments/${instrumentId}/unbind`, {}, { key }),
      ),
    );
    const ids = new Set(answers.map((a) => a.body.unbinding.id));
    expect(ids.size, JSON.stringify(answers.map((a) => a.body))).toBe(1);
    expect(answers.every((a) => a.status === 201)).toBe(true);
    expect(calls() - before).toBe(1);
    expect(await world.proxy.store.list('unbindings', { instrumentId })).toHaveLength(1);
    // Each key replays to it; so does one more, later.
    const [id] = [...ids];
    for (const key of [...keys, 'unb-once-key-5']) {
      const again = await shopper.post<{ unbinding: Unbinding }>(
        `/instruments/${instrumentId}/unbind`,
        {},
        { key },
      );
      expect(again.body.unbinding).toMatchObject({ id, status: 'requires_otp' });
    }
    expect(calls() - before).toBe(1);
    // Its OTP unbinds; a request after that starts nothing (the account is unbound).
    const done = await shopper.post<{ unbinding: Unbinding }>(
      `/unbindings/${id}/otp`,
      { otp: '123456' },
      { key: null },
    );
    expect(done.body.unbinding.status).toBe('succeeded');
    const after = await shopper.post(`/instruments/${instrumentId}/unbind`, {}, { key: 'unb-once-key-6' });
    expect(after.status).toBe(409);
  });

  it('BRI unbinds without an OTP: gone from the list, cannot pay, and the account can be bound again', async () => {
    const { shopper, instrumentId } = await bound('unb-bri', '002', '3030300001');
    const res = await shopper.post<{ unbinding: Unbinding }>(`/instruments/${instrumentId}/unbind`, {});
    expect(res.status).toBe(201);
    expect(res.body.unbinding).toMatchObject({ instrumentId, status: 'succeeded', otp: null });
    expect(res.body.unbinding.id).toMatch(/^unb_[A-Za-z0-9]{24}$/);
    await world.settle();
    expect(await instrumentIds('unb-bri')).toEqual([]);
    expect((await world.proxy.store.get('instruments', instrumentId))?.status).toBe('unbound');
    const pay = await shopper.pay({ instrumentId, amount: 10_000 });
    expect(pay.status).toBe(409);
    expect(pay.body).toMatchObject({ code: 'INSTRUMENT_NOT_ACTIVE' });
    const again = await shopper.post(`/instruments/${instrumentId}/unbind`, {});
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'INVALID_STATE' });
    const read = await shopper.get<{ unbinding: Unbinding }>(`/unbindings/${res.body.unbinding.id}`);
    expect(read.body.unbinding.status).toBe('succeeded');
    const rebound = await bound('unb-bri', '002', '3030300001');
    expect(rebound.instrumentId).not.toBe(instrumentId);
    expect(await instrumentIds('unb-bri')).toEqual([rebound.instrumentId]);
    const ok = await shopper.pay<{ payment: { status: string } }>({
      instrumentId: rebound.instrumentId,
      amount: 10_000,
    });
    expect(ok.body.payment.status).toBe('processing');
    await world.settle();
  });

  it('BCA is available again once its account is unbound', async () => {
    const { shopper, instrumentId } = await bound('unb-bca', '014', '3030300002');
    const banks = async () =>
      (await shopper.get<{ banks: { code: string; available: boolean }[] }>('/banks')).body.banks.find(
        (b) => b.code === '014',
      )?.available;
    expect(await banks()).toBe(false);
    const res = await shopper.post<{ unbinding: Unbinding }>(`/instruments/${instrumentId}/unbind`, {});
    expect(res.body.unbinding.status).toBe('succeeded');
    expect(await banks()).toBe(true);
    const rebound = await bound('unb-bca', '014', '3030300002');
    expect(await instrumentIds('unb-bca')).toEqual([rebound.instrumentId]);
  });

  it.each([
    ['009', 'BNI', '3030300009'],
    ['011', 'Danamon', '3030300011'],
  ] as const)(
    '%s (%s) asks for an OTP: a wrong one leaves 2 attempts, the right one unbinds',
    async (bankCode, name, account) => {
      const userId = `unb-otp-${name}`;
      const { shopper, instrumentId } = await bound(userId, bankCode, account);
      const res = await shopper.post<{ unbinding: Unbinding }>(`/instruments/${instrumentId}/unbind`, {});
      expect(res.status).toBe(201);
      expect(res.body.unbinding.status).toBe('requires_otp');
      expect(res.body.unbinding.otp).toMatchObject({ attemptsLeft: 3, lastError: null });
      const id = res.body.unbinding.id;
      // Still usable while the OTP is pending.
      expect(await instrumentIds(userId)).toEqual([instrumentId]);
      const wrong = await shopper.post<{ unbinding: Unbinding }>(
        `/unbindings/${id}/otp`,
        { otp: '000000' },
        { key: null },
      );
      expect(wrong.status).toBe(200);
      expect(wrong.body.unbinding.status).toBe('requires_otp');
      expect(wrong.body.unbinding.otp).toMatchObject({ attemptsLeft: 2, lastError: { code: 'OTP_INVALID' } });
      const bad = await shopper.post(`/unbindings/${id}/otp`, { otp: '12' }, { key: null });
      expect(bad.status).toBe(400);
      const right = await shopper.post<{ unbinding: Unbinding }>(
        `/unbindings/${id}/otp`,
        { otp: '123456' },
        { key: null },
      );
      expect(right.body.unbinding).toMatchObject({ status: 'succeeded', otp: null });
      await world.settle();
      expect((await shopper.get<{ unbinding: Unbinding }>(`/unbindings/${id}`)).body.unbinding.status).toBe(
        'succeeded',
      );
      expect(await instrumentIds(userId)).toEqual([]);
      expect((await shopper.pay({ instrumentId, amount: 10_000 })).body).toMatchObject({
        code: 'INSTRUMENT_NOT_ACTIVE',
      });
    },
  );

  it("refuses to unbind another user's instrument or read their unbinding (404)", async () => {
    const { shopper, instrumentId } = await bound('unb-owner', '009', '3030300020');
    const thief = world.as('unb-thief');
    const stolen = await thief.post(`/instruments/${instrumentId}/unbind`, {});
    expect(stolen.status).toBe(404);
    expect(stolen.body).toMatchObject({ code: 'NOT_FOUND' });
    expect((await world.proxy.store.get('instruments', instrumentId))?.status).toBe('active');
    expect(await world.proxy.store.list('unbindings', { instrumentId })).toEqual([]);
    const mine = await shopper.post<{ unbinding: Unbinding }>(`/instruments/${instrumentId}/unbind`, {});
    expect(mine.body.unbinding.status).toBe('requires_otp');
    expect((await thief.get(`/unbindings/${mine.body.unbinding.id}`)).status).toBe(404);
    expect(
      (await thief.post(`/unbindings/${mine.body.unbinding.id}/otp`, { otp: '123456' }, { key: null }))
        .status,
    ).toBe(404);
    expect((await world.proxy.store.get('unbindings', mine.body.unbinding.id))?.status).toBe('requires_otp');
    expect(await instrumentIds('unb-owner')).toEqual([instrumentId]);
  });

  it('an unbinding callback delivered twice changes nothing', async () => {
    const { shopper, instrumentId } = await bound('unb-dup', '002', '3030300030');
    const other = await bound('unb-dup', '002', '3030300031');
    world.sandbox.faults.add({ target: 'callbacks', action: 'duplicate', type: 'unbinding' });
    const res = await shopper.post<{ unbinding: Unbinding }>(`/instruments/${instrumentId}/unbind`, {});
    expect(res.body.unbinding.status).toBe('succeeded');
    await world.settle();
    expect(world.sandbox.faults.list()).toEqual([]);
    const events = await world.proxy.store.eventsAfter('unb-dup', 0);
    const unbindings = events.filter((e) => e.event.type === 'unbinding');
    expect(unbindings).toHaveLength(1);
    const unbound = events.filter(
      (e) => e.event.type === 'instrument' && (e.event.data as { status: string }).status === 'unbound',
    );
    expect(unbound).toHaveLength(1);
    expect(await instrumentIds('unb-dup')).toEqual([other.instrumentId]);
    const row = await world.proxy.store.get('unbindings', res.body.unbinding.id);
    expect(row?.status).toBe('succeeded');
  });
});
