import { describe, expect, it } from 'vitest';
import { driveCardRegistration } from '../drive';
import { TEST_CARDS } from '../testData';
import { CARD_RETURN_URL, createTestEnv, type TestEnv } from '../testing';

function form(fields: Record<string, string>): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  };
}

async function open(env: TestEnv, extra: Record<string, unknown> = {}) {
  const started = await env.card.startRegistration('ani-0001', extra);
  const url = started.body.webviewUrl;
  const get = async () => {
    const res = await env.sandbox.fetch(new Request(url, { redirect: 'manual' }));
    return { status: res.status, html: await res.text(), location: res.headers.get('location') };
  };
  const post = async (fields: Record<string, string>) => {
    const res = await env.sandbox.fetch(new Request(url, form(fields)));
    return { status: res.status, html: await res.text(), location: res.headers.get('location') };
  };
  const card = (fields: Record<string, string> = {}) =>
    post({
      step: 'card',
      cardNumber: TEST_CARDS.visa,
      holderName: 'Ani Lestari',
      expiry: '08/29',
      cvv: '123',
      ...fields,
    });
  return { url, get, post, card, started };
}

/** The result page's message as a reader sees it. */
function shownResult(html: string): string | undefined {
  return /<p [^>]*data-result-message[^>]*>([^<]*)<\/p>/.exec(html)?.[1];
}

describe('card registration page', () => {
  it('shows labelled card fields made for card autofill, in English or Indonesian', async () => {
    const env = await createTestEnv();
    const page = await (await open(env)).get();
    expect(page.html).toContain('<html lang="en">');
    expect(page.html).toContain('data-state="card-details"');
    expect(page.html).toContain('<h1>Save your card</h1>');
    for (const [id, autocomplete] of [
      ['cardNumber', 'cc-number'],
      ['holderName', 'cc-name'],
      ['expiry', 'cc-exp'],
      ['cvv', 'cc-csc'],
    ]) {
      expect(page.html).toContain(`<label for="${id}">`);
      expect(page.html).toMatch(new RegExp(`<input id="${id}"[^>]*autocomplete="${autocomplete}"`));
    }
    expect(page.html).toContain('<button type="submit">Save card</button>');
    const id = await (await open(env, { additionalInfo: { lang: 'ID' } })).get();
    expect(id.html).toContain('<html lang="id">');
    expect(id.html).toContain('Nomor kartu');
  });

  it('checks length, Luhn and brand, and says which', async () => {
    const env = await createTestEnv();
    const { card, get } = await open(env);
    const cases: [string, string][] = [
      ['4111', 'Enter a card number of 12 to 19 digits.'],
      ['4111111111111112', 'This card number is not valid. Check it and try again.'],
      ['378282246310005', 'Only Visa, Mastercard and JCB cards are accepted.'], // Amex
      ['6011111111111117', 'Only Visa, Mastercard and JCB cards are accepted.'], // Discover
    ];
    for (const [cardNumber, message] of cases) {
      const res = await card({ cardNumber });
      expect(res.status, cardNumber).toBe(422);
      expect(res.html).toContain(
        `<p id="cardNumber-error" class="ayo-field__error" data-error>${message}</p>`,
      );
      expect(res.html).toMatch(
        /id="cardNumber"[^>]*aria-describedby="cardNumber-hint cardNumber-error" aria-invalid="true" autofocus/,
      );
      expect(res.html).toContain('role="alert"');
    }
    expect((await get()).html).toContain('data-state="card-details"');
  });

  it('checks the holder name, an expiry not in the past (virtual clock) and a 3-digit CVV', async () => {
    const env = await createTestEnv();
    const { card } = await open(env);
    const res = await card({ holderName: '', expiry: '12/25', cvv: '12' });
    expect(res.status).toBe(422);
    expect(res.html).toContain('Enter the name as it appears on the card.');
    expect(res.html).toContain('This card has expired.');
    expect(res.html).toContain('Enter the 3-digit CVV.');
    expect(res.html).toMatch(/id="holderName"[^>]*aria-invalid="true" autofocus/);
    // A valid number is not echoed back; the CVV never is.
    expect(res.html).not.toContain(TEST_CARDS.visa);
    expect((await card({ expiry: '13/29' })).html).toContain('Enter the expiry date as MM/YY.');
    expect((await card({ expiry: '01/26' })).status).toBe(303); // this month still counts
  });

  it('registers a frictionless card at once and sends the user to the (required) success URL', async () => {
    const env = await createTestEnv();
    const { card, get, started } = await open(env);
    const posted = await card();
    expect(posted.status).toBe(303);
    const target = `${CARD_RETURN_URL}?referenceNo=${started.body.referenceNo}&status=SUCCESS`;
    expect(posted.location).toBe(target);
    expect((await get()).location).toBe(target);
    const list = await env.card.call<{ cards: { maskedCardNumber?: string; registrationStatus: string }[] }>(
      'cards',
      { customerId: 'ani-0001' },
    );
    expect(list.body.cards[0]).toMatchObject({
      registrationStatus: 'SUCCESS',
      maskedCardNumber: '411111******1111',
    });
  });

  it('challenges a 3-D Secure card; wrong codes are counted down and the third fails the registration', async () => {
    const env = await createTestEnv();
    const { card, post, get, started } = await open(env);
    await card({ cardNumber: TEST_CARDS.threeDSecure });
    const challenge = await get();
    expect(challenge.html).toContain('data-state="three-ds"');
    expect(challenge.html).toContain('<label for="otp">');
    expect(challenge.html).toMatch(
      /<input id="otp" name="otp" class="ayo-otp-input" type="text" inputmode="numeric" autocomplete="one-time-code"/,
    );
    expect(challenge.html).toContain('400000******3220');
    const first = await post({ step: 'challenge', otp: '000000' });
    expect(first.status).toBe(422);
    expect(first.html).toContain('Wrong code. 2 attempts left.');
    expect(first.html).toContain('aria-describedby="otp-hint otp-error" aria-invalid="true"');
    expect((await post({ step: 'challenge', otp: 'abc' })).html).toContain('Enter the 6-digit code.');
    expect((await post({ step: 'challenge', otp: '000000' })).html).toContain('1 attempt left.');
    expect((await post({ step: 'challenge', otp: '000000' })).status).toBe(303);
    const failed = await get();
    expect(failed.html).toContain('data-state="failed"');
    expect(shownResult(failed.html)).toBe(
      'The 3-D Secure code was wrong 3 times, so the card was not saved. Please start again from the merchant app.',
    );
    expect(failed.html).toContain('data-failure-reason="3-D Secure Authentication Failed"');
    await env.sandbox.flush();
    expect(env.merchant.ofType('card_registration')[0]?.body).toMatchObject({
      card: {
        referenceNo: started.body.referenceNo,
        registrationStatus: 'FAILED',
        failureReason: '3-D Secure Authentication Failed',
      },
    });
  });

  it('speaks Indonesian on the expiry placeholder and the failure page, never the wire reason', async () => {
    const env = await createTestEnv();
    const { card, post, get } = await open(env, { additionalInfo: { lang: 'ID' } });
    expect((await get()).html).toMatch(/<input id="expiry"[^>]* placeholder="BB\/TT"/);
    await card({ cardNumber: TEST_CARDS.threeDSecure });
    for (let i = 0; i < 3; i++) await post({ step: 'challenge', otp: '000000' });
    const failed = (await get()).html;
    expect(failed).toContain('<h1>Kartu gagal disimpan</h1>');
    expect(shownResult(failed)).toBe(
      'Kode OTP 3-D Secure salah 3 kali, jadi kartu tidak disimpan. Silakan mulai lagi dari aplikasi merchant.',
    );
    expect(failed.replace(/data-failure-reason="[^"]*"/, '')).not.toContain('Authentication Failed');
    const en = await open(env);
    expect((await en.get()).html).toMatch(/<input id="expiry"[^>]* placeholder="MM\/YY"/);
  });

  it('passes 3-D Secure with 123456', async () => {
    const env = await createTestEnv();
    const { card, post, get } = await open(env);
    await card({ cardNumber: TEST_CARDS.threeDSecure });
    expect((await post({ step: 'challenge', otp: '123456' })).status).toBe(303);
    expect((await get()).location).toMatch(/status=SUCCESS$/);
  });

  it('fails the registration when the session expires on the virtual clock, and says so', async () => {
    const env = await createTestEnv();
    const { get, card, started } = await open(env);
    await env.sandbox.clock.advance(299);
    expect((await get()).html).toContain('data-state="card-details"');
    await env.sandbox.clock.advance(1);
    const expired = await get();
    expect(expired.html).toContain('data-state="expired"');
    expect(expired.html).toContain('The time to save your card has run out.');
    expect((await card()).status).toBe(303); // a late form changes nothing
    const list = await env.card.call<{ cards: unknown[] }>('cards', { customerId: 'ani-0001' });
    expect(list.body.cards).toEqual([
      {
        referenceNo: started.body.referenceNo,
        registrationStatus: 'FAILED',
        failureReason: 'Session Expired',
      },
    ]);
    expect(env.merchant.ofType('card_registration')).toHaveLength(1);
  });

  it('redirects to the merchant with referenceNo and status', async () => {
    const env = await createTestEnv();
    const ok = await open(env, {
      successRedirectUrl: 'https://merchant.test/cards?tab=1',
      failedRedirectUrl: 'https://merchant.test/ko',
    });
    const done = await ok.card();
    expect(done.location).toBe(
      `https://merchant.test/cards?tab=1&referenceNo=${ok.started.body.referenceNo}&status=SUCCESS`,
    );
    expect((await ok.get()).location).toBe(done.location);
    const ko = await open(env, { failedRedirectUrl: 'https://merchant.test/ko' });
    await ko.card({ cardNumber: TEST_CARDS.threeDSecure });
    for (let i = 0; i < 2; i++) await ko.post({ step: 'challenge', otp: '000000' });
    const failed = await ko.post({ step: 'challenge', otp: '000000' });
    expect(failed.location).toBe(
      `https://merchant.test/ko?referenceNo=${ko.started.body.referenceNo}&status=FAILED`,
    );
  });

  it('escapes what it shows; unknown sessions are 404', async () => {
    const env = await createTestEnv();
    const { card, url } = await open(env);
    const res = await card({ cardNumber: '"><script>alert(1)</script>', holderName: '<b>x</b>' });
    expect(res.html).not.toContain('<script>');
    expect(res.html).not.toContain('<b>x</b>');
    const missing = await env.sandbox.fetch(new Request(`${new URL(url).origin}/webview/card/unknown`));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe("frame-ancestors 'self'");
    expect(await missing.text()).toContain('data-state="not-found"');
  });
});

describe('driveCardRegistration', () => {
  it('walks the page with a test card, answering 3-D Secure when challenged', async () => {
    const env = await createTestEnv();
    const started = await env.card.startRegistration('ani-0001');
    const requests: string[] = [];
    const result = await driveCardRegistration(
      async (req) => {
        requests.push(req.method);
        return env.sandbox.fetch(req);
      },
      started.body.webviewUrl,
      { cardNumber: TEST_CARDS.threeDSecure },
    );
    expect(result).toEqual({
      finalUrl: `${CARD_RETURN_URL}?referenceNo=${started.body.referenceNo}&status=SUCCESS`,
      status: 'SUCCESS',
      challenged: true,
    });
    expect(requests.filter((m) => m === 'POST')).toHaveLength(2);
  });

  it('stops at the merchant redirect, reports failures and throws on a card the page refuses', async () => {
    const env = await createTestEnv();
    const redirected = await env.card.startRegistration('ani-0001', {
      successRedirectUrl: 'https://merchant.test/ok',
    });
    expect(
      await driveCardRegistration(env.sandbox.fetch, redirected.body.webviewUrl, {
        cardNumber: TEST_CARDS.mastercard,
      }),
    ).toEqual({
      finalUrl: `https://merchant.test/ok?referenceNo=${redirected.body.referenceNo}&status=SUCCESS`,
      status: 'SUCCESS',
      challenged: false,
    });
    const blocked = await env.card.startRegistration('ani-0001');
    expect(
      await driveCardRegistration(env.sandbox.fetch, blocked.body.webviewUrl, {
        cardNumber: TEST_CARDS.threeDSecure,
        otp: '111111',
      }),
    ).toMatchObject({ status: 'FAILED', challenged: true, message: '3-D Secure Authentication Failed' });
    const refused = await env.card.startRegistration('ani-0001');
    await expect(
      driveCardRegistration(env.sandbox.fetch, refused.body.webviewUrl, { cardNumber: '4111111111111112' }),
    ).rejects.toThrow(
      'The card page refused the card: This card number is not valid. Check it and try again.',
    );
  });
});
