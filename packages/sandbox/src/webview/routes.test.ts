import { describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../testing';

function form(fields: Record<string, string>): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  };
}

async function open(env: TestEnv, extra: Record<string, unknown> = {}) {
  const started = await env.client.startBinding('webview-user', extra);
  const url = started.body.redirectUrl;
  const get = async () => {
    const res = await env.sandbox.fetch(new Request(url, { redirect: 'manual' }));
    return { status: res.status, html: await res.text(), location: res.headers.get('location') };
  };
  const post = async (fields: Record<string, string>) => {
    const res = await env.sandbox.fetch(new Request(url, form(fields)));
    return { status: res.status, html: await res.text(), location: res.headers.get('location') };
  };
  return { url, get, post, started };
}

/** The result page's message as a reader sees it. */
function shownResult(html: string): string | undefined {
  return /<p [^>]*data-result-message[^>]*>([^<]*)<\/p>/.exec(html)?.[1];
}

describe('binding webview', () => {
  it('starts with an accessible bank choice when no bank was preselected', async () => {
    const env = await createTestEnv();
    const page = await (await open(env, { lang: 'EN' })).get();
    expect(page.status).toBe(200);
    expect(page.html).toContain('<html lang="en">');
    expect(page.html).toMatch(/<main id="main" data-state="choosing-bank">/);
    expect(page.html).toMatch(/<h1>Link your bank account<\/h1>/);
    expect(page.html).toContain('Sandbox — test OTP 123456');
    const id = await (await open(env, { lang: 'ID' })).get();
    expect(id.html).toContain('<html lang="id">');
    expect(id.html).toContain('Sandbox — OTP uji 123456');
    expect(id.html).not.toMatch(/test OTP|Link your|Choose your/);
    expect(page.html).toMatch(/<fieldset[^>]*>\s*<legend>Choose your bank<\/legend>/);
    expect(page.html.match(/type="radio" name="bankCode"/g)).toHaveLength(6);
    for (const name of ['BCA', 'BRI', 'Mandiri', 'BNI', 'Danamon', 'CIMB']) {
      expect(page.html).toMatch(
        new RegExp(`<label class="ayo-bank-picker__option"><input[^>]+><span>${name} — `),
      );
    }
  });

  it('speaks Indonesian for lang ID', async () => {
    const env = await createTestEnv();
    const { get } = await open(env, { lang: 'ID' });
    const page = await get();
    expect(page.html).toContain('<html lang="id">');
    expect(page.html).toContain('Pilih bank Anda');
  });

  it('re-renders a missing bank choice with a linked error and changes nothing', async () => {
    const env = await createTestEnv();
    const { post, get } = await open(env);
    const refused = await post({ step: 'bank' });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('aria-describedby="bankCode-error"');
    expect(refused.html).toMatch(
      /<p id="bankCode-error" class="ayo-field__error" data-error>Choose a bank\.<\/p>/,
    );
    expect(refused.html).toContain('role="alert"');
    expect((await get()).html).toContain('data-state="choosing-bank"');
    const chosen = await post({ step: 'bank', bankCode: '002' });
    expect(chosen.status).toBe(303);
    expect((await get()).html).toContain('data-state="account-details"');
  });

  it('labels the account fields and links their errors; invalid input changes nothing', async () => {
    const env = await createTestEnv();
    const { post, get, started } = await open(env, { bankCode: '009' });
    const page = await get();
    expect(page.html).toContain('<label for="accountNumber">');
    expect(page.html).toContain('<label for="cardExpiry">');
    expect(page.html).toContain('Bank Negara Indonesia');
    const refused = await post({ step: 'account', accountNumber: '123', cardExpiry: '13/29' });
    expect(refused.status).toBe(422);
    expect(refused.html).toMatch(
      /id="accountNumber"[^>]*aria-describedby="accountNumber-hint accountNumber-error" aria-invalid="true"/,
    );
    expect(refused.html).toMatch(
      /id="cardExpiry"[^>]*aria-describedby="cardExpiry-hint cardExpiry-error" aria-invalid="true"/,
    );
    expect(refused.html).toContain('value="123"');
    const inquiry = await env.client.inquiry(String(started.body.partnerReferenceNo));
    expect(inquiry.latestBindingStatus).toBe('IN_PROGRESS');
  });

  it('moves to VERIFICATION_PENDING with an OTP field made for one-time codes', async () => {
    const env = await createTestEnv();
    const { post, get, started } = await open(env, { bankCode: '002' });
    expect((await post({ step: 'account', accountNumber: '1234 5678 90', cardExpiry: '08/29' })).status).toBe(
      303,
    );
    const page = await get();
    expect(page.html).toContain('data-state="otp"');
    expect(page.html).toMatch(
      /<input id="otp" name="otp" class="ayo-otp-input" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="6"/,
    );
    expect(page.html).toContain('<label for="otp">');
    expect(page.html).toContain('6281******890');
    const inquiry = await env.client.inquiry(String(started.body.partnerReferenceNo));
    expect(inquiry.latestBindingStatus).toBe('VERIFICATION_PENDING');
  });

  it('counts wrong OTPs down, and the third fails the binding with a callback', async () => {
    const env = await createTestEnv();
    const { post, get } = await open(env, { bankCode: '002' });
    await post({ step: 'account', accountNumber: '1234567890', cardExpiry: '08/29' });
    const first = await post({ step: 'otp', otp: '000000' });
    expect(first.status).toBe(422);
    expect(first.html).toContain('Wrong OTP code. 2 attempts left.');
    expect(first.html).toContain('aria-describedby="otp-hint otp-error" aria-invalid="true"');
    expect((await post({ step: 'otp', otp: 'abc' })).html).toContain('Enter the 6-digit OTP code.');
    expect((await post({ step: 'otp', otp: '000000' })).html).toContain('1 attempt left.');
    expect((await post({ step: 'otp', otp: '000000' })).status).toBe(303);
    const result = await get();
    expect(result.html).toContain('data-state="failed"');
    expect(shownResult(result.html)).toBe(
      'The OTP code was wrong 3 times, so the bank stopped this attempt. Please start again from the merchant app.',
    );
    expect(result.html).toContain('data-failure-reason="OTP Blocked"');
    await env.sandbox.flush();
    expect(env.merchant.ofType('binding')[0]?.body).toMatchObject({
      additionalInfo: { latestBindingStatus: 'FAIL', failureReason: 'OTP Blocked' },
    });
  });

  it('redirects to the merchant with partnerReferenceNo and status appended', async () => {
    const env = await createTestEnv();
    const { post, get, started } = await open(env, {
      bankCode: '002',
      successRedirectUrl: 'https://merchant.test/done?tab=wallet',
      failedRedirectUrl: 'https://merchant.test/failed',
    });
    await post({ step: 'account', accountNumber: '1234567890', cardExpiry: '08/29' });
    const done = await post({ step: 'otp', otp: '123456' });
    expect(done.status).toBe(303);
    const ref = String(started.body.partnerReferenceNo);
    expect(done.location).toBe(
      `https://merchant.test/done?tab=wallet&partnerReferenceNo=${ref}&status=SUCCESS`,
    );
    expect((await get()).location).toBe(done.location); // revisiting sends the user back again

    const failing = await open(env, { bankCode: '002', failedRedirectUrl: 'https://merchant.test/failed' });
    const refused = await failing.post({ step: 'account', accountNumber: '1234567890', cardExpiry: '01/20' });
    expect(refused.location).toBe(
      `https://merchant.test/failed?partnerReferenceNo=${String(failing.started.body.partnerReferenceNo)}&status=FAIL`,
    );
  });

  it("speaks the reader's language on the expiry placeholder and the failure page, never the wire reason", async () => {
    const env = await createTestEnv();
    const id = await open(env, { bankCode: '002', lang: 'ID' });
    expect((await id.get()).html).toMatch(/<input id="cardExpiry"[^>]* placeholder="BB\/TT"/);
    await id.post({ step: 'account', accountNumber: '1234567890', cardExpiry: '01/20' });
    const expired = (await id.get()).html;
    expect(shownResult(expired)).toBe(
      'Masa berlaku kartu debit Anda sudah lewat. Periksa kartu Anda, lalu mulai lagi dari aplikasi merchant.',
    );
    expect(expired).toContain('data-failure-reason="Card Expired"');
    expect(expired.replace(/data-failure-reason="[^"]*"/, '')).not.toContain('Card Expired');

    const en = await open(env, { bankCode: '002', lang: 'EN' });
    expect((await en.get()).html).toMatch(/<input id="cardExpiry"[^>]* placeholder="MM\/YY"/);
    await en.post({ step: 'account', accountNumber: '1234567890', cardExpiry: '01/20' });
    expect(shownResult((await en.get()).html)).toBe(
      'Your debit card has expired. Check your card, then start again from the merchant app.',
    );

    // The banks' re-binding refusals: BCA's one account per user, BNI's account bound by anyone.
    const bind = async (bankCode: string, accountNumber: string, lang: string) => {
      const page = await open(env, { bankCode, lang });
      await page.post({ step: 'account', accountNumber, cardExpiry: '08/29' });
      await page.post({ step: 'otp', otp: '123456' });
      return page.get();
    };
    await bind('014', '1400000001', 'ID');
    const bca = await bind('014', '1400000002', 'ID');
    expect(bca.html).toContain('data-failure-reason="Account Already Registered"');
    expect(shownResult(bca.html)).toBe(
      'BCA hanya mengizinkan satu rekening terhubung per pengguna, dan Anda sudah menghubungkan satu.',
    );
    await bind('009', '0900000001', 'EN');
    const bni = await bind('009', '0900000001', 'EN');
    expect(bni.html).toContain('data-failure-reason="Request Not Allowed"');
    expect(shownResult(bni.html)).toBe(
      'This account is already linked, and BNI does not allow linking it again.',
    );
  });

  it('shows where the session is on a stale form, and 404 for an unknown session', async () => {
    const env = await createTestEnv();
    const { post, url } = await open(env, { bankCode: '002' });
    const stale = await post({ step: 'otp', otp: '123456' });
    expect(stale.status).toBe(303);
    expect(stale.location).toBe(new URL(url).pathname);
    const missing = await env.sandbox.fetch(new Request(`${new URL(url).origin}/webview/binding/unknown`));
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('data-state="not-found"');
  });

  it('escapes what it shows', async () => {
    const env = await createTestEnv();
    const { post } = await open(env, { bankCode: '002' });
    const page = await post({
      step: 'account',
      accountNumber: '"><script>alert(1)</script>',
      cardExpiry: '1',
    });
    expect(page.html).not.toContain('<script>');
  });
});
