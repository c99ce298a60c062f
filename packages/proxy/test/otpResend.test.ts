import type { BankCode } from '@ayokit/core';
import { OTP_MAX_RESENDS, OTP_RESEND_COOLDOWN_SECONDS } from '@ayokit/core/snap';
import { describe, expect, it } from 'vitest';
import { dbEngines } from '../src/db/testing';
import { worldOn } from './world';

type Otp = {
  attemptsLeft: number;
  expiresAt: string | null;
  lastError: { code: string } | null;
  resendsLeft: number;
  resendAvailableAt: string | null;
};
type Payment = { id: string; status: string; otp: Otp | null };
type Unbinding = { id: string; status: string; otp: Otp | null };

describe.each(dbEngines)('OTP resend on $name', (engine) => {
  // Ayoconnect documents no resend API: these run with a profile that has one (see capabilities.test.ts).
  const world = worldOn(engine, { profile: { capabilities: { otpResend: true } } });

  const bound = async (userId: string, bankCode: BankCode, accountNumber: string) => {
    const shopper = world.as(userId);
    const { binding } = await shopper.bind({ bankCode, accountNumber });
    expect(binding.status).toBe('succeeded');
    return { shopper, instrumentId: binding.instrumentId! };
  };
  const otpCalls = () => world.proxy.client.stats.byEndpoint.otp ?? 0;

  it('a payment waiting for an OTP shows its resends and when the next may be asked for', async () => {
    const { shopper, instrumentId } = await bound('otp-view', '014', '2234569001');
    const { body } = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 50_000 });
    expect(body.payment.status).toBe('requires_otp');
    expect(body.payment.otp).toMatchObject({ attemptsLeft: 3, resendsLeft: OTP_MAX_RESENDS });
    const at = Date.parse(body.payment.otp!.resendAvailableAt!);
    expect(at - world.sandbox.clock.now()).toBeGreaterThan((OTP_RESEND_COOLDOWN_SECONDS - 2) * 1000);
    expect(at - world.sandbox.clock.now()).toBeLessThanOrEqual(OTP_RESEND_COOLDOWN_SECONDS * 1000);
  });

  it('refuses a resend before the cooldown without asking the bank, then sends one after it', async () => {
    const { shopper, instrumentId } = await bound('otp-cooldown', '014', '2234569002');
    const { body } = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 51_000 });
    const id = body.payment.id;
    const wrong = await shopper.post<{ payment: Payment }>(
      `/payments/${id}/otp`,
      { otp: '000000' },
      { key: null },
    );
    expect(wrong.body.payment.otp?.attemptsLeft).toBe(2);

    const before = otpCalls();
    const early = await shopper.post(`/payments/${id}/otp/resend`, {}, { key: null });
    expect(early.status).toBe(429);
    expect(early.body).toMatchObject({ code: 'RATE_LIMITED' });
    expect(otpCalls()).toBe(before);

    await world.sandbox.clock.advance(OTP_RESEND_COOLDOWN_SECONDS + 1);
    const sent = await shopper.post<{ payment: Payment }>(`/payments/${id}/otp/resend`, {}, { key: null });
    expect(sent.status).toBe(200);
    expect(otpCalls()).toBe(before + 1);
    // A new code does not give back the wrong attempt.
    expect(sent.body.payment).toMatchObject({
      status: 'requires_otp',
      otp: { attemptsLeft: 2, resendsLeft: OTP_MAX_RESENDS - 1 },
    });
    expect(Date.parse(sent.body.payment.otp!.resendAvailableAt!)).toBeGreaterThan(world.sandbox.clock.now());
    const ok = await shopper.post<{ payment: Payment }>(
      `/payments/${id}/otp`,
      { otp: '123456' },
      { key: null },
    );
    expect(['processing', 'succeeded']).toContain(ok.body.payment.status);
  });

  it('allows three resends, then refuses locally', async () => {
    const { shopper, instrumentId } = await bound('otp-max', '014', '2234569003');
    const { body } = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 52_000 });
    let last: Payment = body.payment;
    for (let i = 0; i < OTP_MAX_RESENDS; i++) {
      await world.sandbox.clock.advance(OTP_RESEND_COOLDOWN_SECONDS + 1);
      const res = await shopper.post<{ payment: Payment }>(
        `/payments/${last.id}/otp/resend`,
        {},
        { key: null },
      );
      expect(res.status).toBe(200);
      last = res.body.payment;
    }
    expect(last.otp?.resendsLeft).toBe(0);
    await world.sandbox.clock.advance(OTP_RESEND_COOLDOWN_SECONDS + 1);
    const before = otpCalls();
    const refused = await shopper.post(`/payments/${last.id}/otp/resend`, {}, { key: null });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'RATE_LIMITED' });
    expect(otpCalls()).toBe(before);
  });

  it("maps the bank's 429 to RATE_LIMITED and adopts its next resend time", async () => {
    const { shopper, instrumentId } = await bound('otp-429', '014', '2234569004');
    const { body } = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 53_000 });
    // The proxy's memory says "now"; the bank's cooldown has not passed.
    await world.proxy.store.update('payments', body.payment.id, {
      otpResendAvailableAt: new Date(world.sandbox.clock.now() - 1_000),
    });
    const before = otpCalls();
    const res = await shopper.post(`/payments/${body.payment.id}/otp/resend`, {}, { key: null });
    expect(otpCalls()).toBe(before + 1);
    expect(res.status).toBe(429);
    expect(res.body).toMatchObject({ code: 'RATE_LIMITED', responseCode: '4298100' });
    const after = await shopper.get<{ payment: Payment }>(`/payments/${body.payment.id}`);
    expect(Date.parse(after.body.payment.otp!.resendAvailableAt!)).toBeGreaterThan(world.sandbox.clock.now());
  });

  it('resends the OTP of an unbinding (Danamon asks for one)', async () => {
    const { shopper, instrumentId } = await bound('otp-unbind', '011', '2234569005');
    const started = await shopper.post<{ unbinding: Unbinding }>(`/instruments/${instrumentId}/unbind`, {});
    expect(started.body.unbinding.status).toBe('requires_otp');
    expect(started.body.unbinding.otp).toMatchObject({ resendsLeft: OTP_MAX_RESENDS });
    const id = started.body.unbinding.id;
    expect((await shopper.post(`/unbindings/${id}/otp/resend`, {}, { key: null })).status).toBe(429);
    await world.sandbox.clock.advance(OTP_RESEND_COOLDOWN_SECONDS + 1);
    const sent = await shopper.post<{ unbinding: Unbinding }>(
      `/unbindings/${id}/otp/resend`,
      {},
      { key: null },
    );
    expect(sent.status).toBe(200);
    expect(sent.body.unbinding.otp?.resendsLeft).toBe(OTP_MAX_RESENDS - 1);
    const done = await shopper.post<{ unbinding: Unbinding }>(
      `/unbindings/${id}/otp`,
      { otp: '123456' },
      { key: null },
    );
    expect(done.body.unbinding.status).toBe('succeeded');
    const after = await shopper.post(`/unbindings/${id}/otp/resend`, {}, { key: null });
    expect(after.status).toBe(409);
    expect(after.body).toMatchObject({ code: 'INVALID_STATE' });
  });

  it("refuses a resend for a payment not waiting on an OTP, another user's, and a cross-site one", async () => {
    const { shopper, instrumentId } = await bound('otp-refuse', '002', '2234569006');
    const { body } = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 10_000 });
    expect(body.payment.otp).toBeNull();
    const res = await shopper.post(`/payments/${body.payment.id}/otp/resend`, {}, { key: null });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'INVALID_STATE' });

    const bca = await bound('otp-owner', '014', '2234569007');
    const pending = await bca.shopper.pay<{ payment: Payment }>({
      instrumentId: bca.instrumentId,
      amount: 10_000,
    });
    await world.sandbox.clock.advance(OTP_RESEND_COOLDOWN_SECONDS + 1);
    const thief = world.as('otp-thief');
    expect(
      (await thief.post(`/payments/${pending.body.payment.id}/otp/resend`, {}, { key: null })).status,
    ).toBe(404);
    const csrf = await bca.shopper.post(
      `/payments/${pending.body.payment.id}/otp/resend`,
      {},
      { key: null, origin: 'http://evil.test' },
    );
    expect(csrf.status).toBe(403);
    const extra = await bca.shopper.post(
      `/payments/${pending.body.payment.id}/otp/resend`,
      { otp: '1' },
      { key: null },
    );
    expect(extra.status).toBe(400);
  });
});
