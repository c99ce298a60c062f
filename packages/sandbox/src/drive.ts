/**
 * Walks the hosted binding webview and card registration page over HTTP exactly as a browser
 * would: GET the page, POST its form, follow 303s within the webview's origin. For tests, demos
 * and benchmarks.
 */
import type { BankCode } from '@ayokit/core';
import { CARD_REDIRECT_QUERY } from '@ayokit/core/snap';
import { WEBVIEW_BINDING_PREFIX, WEBVIEW_CARD_PREFIX } from './webview/urls';

export type FetchLike = (request: Request) => Promise<Response>;

export interface DriveInput {
  /** Needed when the merchant did not preselect the bank. */
  bankCode?: BankCode;
  accountNumber: string;
  /** MM/YY */
  cardExpiry: string;
  otp: string;
}

export interface DriveResult {
  /** The merchant redirect URL the webview sent the user to, or the webview's own result page. */
  finalUrl: string;
  status: 'SUCCESS' | 'FAIL';
  /** The failure reason as the callback carries it (e.g. "Card Expired"), not the page's words. */
  message?: string;
}

const MAX_STEPS = 25;

function unescapeHtml(value: string): string {
  return value
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function pageState(body: string): string | null {
  return /<main[^>]*\sdata-state="([^"]+)"/.exec(body)?.[1] ?? null;
}

/** The value of the first `attribute="…"` in the page. */
function attributeOf(body: string, attribute: string): string | undefined {
  const value = new RegExp(`\\s${attribute}="([^"]*)"`).exec(body)?.[1];
  return value ? unescapeHtml(value) : undefined;
}

function textOf(body: string, marker: string): string | undefined {
  const m = new RegExp(`<[a-z]+[^>]*\\s${marker}[^>]*>([\\s\\S]*?)</`).exec(body);
  const text = m?.[1]?.replace(/<[^>]+>/g, '').trim();
  return text ? unescapeHtml(text) : undefined;
}

export async function driveBindingWebview(
  fetchLike: FetchLike,
  webviewUrl: string,
  input: DriveInput,
): Promise<DriveResult> {
  const origin = new URL(webviewUrl).origin;
  const inWebview = (url: URL) => url.origin === origin && url.pathname.startsWith(WEBVIEW_BINDING_PREFIX);
  let url = new URL(webviewUrl);
  let request = new Request(url, { method: 'GET', redirect: 'manual' });
  let otpTries = 0;

  for (let step = 0; step < MAX_STEPS; step++) {
    const res = await fetchLike(request);
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel();
      const location = res.headers.get('location');
      if (!location) throw new Error(`Webview answered ${res.status} without a Location`);
      const next = new URL(location, url);
      if (!inWebview(next)) {
        const status = next.searchParams.get('status');
        return { finalUrl: next.toString(), status: status === 'SUCCESS' ? 'SUCCESS' : 'FAIL' };
      }
      url = next;
      request = new Request(url, { method: 'GET', redirect: 'manual' });
      continue;
    }
    const body = await res.text();
    const state = pageState(body);
    const post = (fields: Record<string, string>) =>
      new Request(url, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      });
    const fieldError = textOf(body, 'data-error');
    switch (state) {
      case 'choosing-bank':
        if (!input.bankCode)
          throw new Error('The webview asks for a bank: pass bankCode to driveBindingWebview');
        if (res.status === 422)
          throw new Error(`The webview refused the bank: ${fieldError ?? 'invalid input'}`);
        request = post({ step: 'bank', bankCode: input.bankCode });
        break;
      case 'account-details':
        if (res.status === 422)
          throw new Error(`The webview refused the account details: ${fieldError ?? 'invalid input'}`);
        request = post({ step: 'account', accountNumber: input.accountNumber, cardExpiry: input.cardExpiry });
        break;
      case 'otp':
        // A persistent user retries a refused OTP until the bank blocks it.
        if (res.status === 422 && !/^\d{6}$/.test(input.otp)) {
          throw new Error(`The webview refused the OTP: ${fieldError ?? 'invalid input'}`);
        }
        if (otpTries++ > 3) throw new Error('The webview keeps asking for the OTP');
        request = post({ step: 'otp', otp: input.otp });
        break;
      case 'success':
        return { finalUrl: url.toString(), status: 'SUCCESS' };
      case 'failed': {
        const message = attributeOf(body, 'data-failure-reason');
        return { finalUrl: url.toString(), status: 'FAIL', ...(message ? { message } : {}) };
      }
      case 'expired':
        return { finalUrl: url.toString(), status: 'FAIL', message: 'Session Expired' };
      case 'not-found':
        throw new Error(`No binding session at ${url.toString()}`);
      default:
        throw new Error(`Unexpected webview answer ${res.status} at ${url.toString()}`);
    }
  }
  throw new Error('The webview did not finish within 25 steps');
}

export interface CardDriveInput {
  /** A test card number (spaces allowed), e.g. TEST_CARDS.visa. */
  cardNumber: string;
  /** Default 'Sandbox Tester'. */
  holderName?: string;
  /** MM/YY; default December, five years after the current real year. */
  expiry?: string;
  /** Default '123'. */
  cvv?: string;
  /** The 3-D Secure OTP, used only when the card is challenged; default '123456'. */
  otp?: string;
}

export interface CardDriveResult {
  /** The merchant redirect URL the page sent the user to, or the page's own result page. */
  finalUrl: string;
  status: 'SUCCESS' | 'FAILED';
  /** Whether the card was challenged by 3-D Secure. */
  challenged: boolean;
  /** The failure reason as the callback carries it (e.g. "3-D Secure Authentication Failed"), not the page's words. */
  message?: string;
}

/**
 * Walks the hosted card registration page over HTTP as a browser would: GET, POST the card form,
 * answer the 3-D Secure challenge when asked, follow 303s within the page's origin. A card the
 * page refuses (Luhn, brand, expiry, CVV) throws with the page's message.
 */
export async function driveCardRegistration(
  fetchLike: FetchLike,
  webviewUrl: string,
  input: CardDriveInput,
): Promise<CardDriveResult> {
  const origin = new URL(webviewUrl).origin;
  const inWebview = (url: URL) => url.origin === origin && url.pathname.startsWith(WEBVIEW_CARD_PREFIX);
  let url = new URL(webviewUrl);
  let request = new Request(url, { method: 'GET', redirect: 'manual' });
  let challenged = false;
  let otpTries = 0;
  const expiry = input.expiry ?? `12/${String((new Date().getUTCFullYear() + 5) % 100).padStart(2, '0')}`;

  for (let step = 0; step < MAX_STEPS; step++) {
    const res = await fetchLike(request);
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel();
      const location = res.headers.get('location');
      if (!location) throw new Error(`Card page answered ${res.status} without a Location`);
      const next = new URL(location, url);
      if (!inWebview(next)) {
        const status = next.searchParams.get(CARD_REDIRECT_QUERY.status) === 'SUCCESS' ? 'SUCCESS' : 'FAILED';
        return { finalUrl: next.toString(), status, challenged };
      }
      url = next;
      request = new Request(url, { method: 'GET', redirect: 'manual' });
      continue;
    }
    const body = await res.text();
    const post = (fields: Record<string, string>) =>
      new Request(url, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      });
    const fieldError = textOf(body, 'data-error');
    switch (pageState(body)) {
      case 'card-details':
        if (res.status === 422)
          throw new Error(`The card page refused the card: ${fieldError ?? 'invalid input'}`);
        request = post({
          step: 'card',
          cardNumber: input.cardNumber,
          holderName: input.holderName ?? 'Sandbox Tester',
          expiry,
          cvv: input.cvv ?? '123',
        });
        break;
      case 'three-ds': {
        challenged = true;
        const otp = input.otp ?? '123456';
        if (res.status === 422 && !/^\d{6}$/.test(otp)) {
          throw new Error(`The card page refused the OTP: ${fieldError ?? 'invalid input'}`);
        }
        if (otpTries++ > 3) throw new Error('The card page keeps asking for the OTP');
        request = post({ step: 'challenge', otp });
        break;
      }
      case 'success':
        return { finalUrl: url.toString(), status: 'SUCCESS', challenged };
      case 'failed': {
        const message = attributeOf(body, 'data-failure-reason');
        return { finalUrl: url.toString(), status: 'FAILED', challenged, ...(message ? { message } : {}) };
      }
      case 'expired':
        return { finalUrl: url.toString(), status: 'FAILED', challenged, message: 'Session Expired' };
      case 'not-found':
        throw new Error(`No card registration at ${url.toString()}`);
      default:
        throw new Error(`Unexpected card page answer ${res.status} at ${url.toString()}`);
    }
  }
  throw new Error('The card page did not finish within 25 steps');
}
