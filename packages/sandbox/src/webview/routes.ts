/**
 * The hosted binding webview: GET shows the session's current step; the forms POST to the same
 * path (Post/Redirect/Get). Invalid input re-renders with errors (422) and changes nothing.
 */
import { isBankCode } from '@ayokit/core';
import { Hono } from 'hono';
import type { Sim } from '../context';
import { parseCardExpiry } from '../domain/accounts';
import {
  chooseBank,
  expireIfDue,
  isFinal,
  SESSION_EXPIRED,
  submitAccountDetails,
  submitBindingOtp,
} from '../domain/bindings';
import type { BindingSession } from '../state';
import { cardWebviewRoutes } from './cardRoutes';
import { DICTIONARIES } from './i18n';
import {
  accountPage,
  chooseBankPage,
  expiredPage,
  notFoundPage,
  otpPage,
  resultPage,
  STEP_FIELD,
  type Step,
} from './pages';
import { merchantRedirect } from './urls';

const HTML_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
} as const;

function page(body: string, status = 200): Response {
  return new Response(body, { status, headers: HTML_HEADERS });
}

function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store' } });
}

function currentStep(session: BindingSession): Step | null {
  if (session.status === 'VERIFICATION_PENDING') return 'otp';
  if (session.status !== 'IN_PROGRESS') return null;
  return session.bankCode === null ? 'bank' : 'account';
}

/** What a finished or current session shows: the expiry page, the merchant's redirect, a result or the step. */
function show(session: BindingSession): Response {
  if (session.status === 'FAIL' && session.failureReason === SESSION_EXPIRED)
    return page(expiredPage(session));
  if (isFinal(session)) {
    const success = session.status === 'SUCCESS';
    const target = success ? session.successRedirectUrl : session.failedRedirectUrl;
    if (target)
      return seeOther(merchantRedirect(target, session.partnerReferenceNo, success ? 'SUCCESS' : 'FAIL'));
    return page(resultPage(session));
  }
  switch (currentStep(session)) {
    case 'bank':
      return page(chooseBankPage(session));
    case 'account':
      return page(accountPage(session));
    default:
      return page(otpPage(session));
  }
}

/** Post/Redirect/Get; a finished session goes straight to the merchant's redirect when there is one. */
function afterChange(session: BindingSession, self: string): Response {
  const redirects = session.status === 'SUCCESS' ? session.successRedirectUrl : session.failedRedirectUrl;
  return isFinal(session) && redirects ? show(session) : seeOther(self);
}

function formString(form: Record<string, unknown>, name: string): string {
  const value = form[name];
  return typeof value === 'string' ? value.trim() : '';
}

export function webviewRoutes(sim: Sim): Hono {
  const app = new Hono();
  // Who may show the bank's pages in a frame (the kit's iframe mode): the merchant's origins.
  const frameAncestors = sim.frameAncestors.join(' ');
  app.use('*', async (c, next) => {
    await next();
    c.res.headers.set('content-security-policy', `frame-ancestors ${frameAncestors}`);
  });

  app.get('/binding/:sessionId', (c) => {
    const session = sim.state.sessions.get(c.req.param('sessionId'));
    if (!session) return page(notFoundPage(), 404);
    expireIfDue(sim, session);
    return show(session);
  });

  app.post('/binding/:sessionId', async (c) => {
    const session = sim.state.sessions.get(c.req.param('sessionId'));
    if (!session) return page(notFoundPage(), 404);
    const self = c.req.path;
    expireIfDue(sim, session);
    let form: Record<string, unknown>;
    try {
      form = await c.req.parseBody();
    } catch {
      form = {};
    }
    const step = currentStep(session);
    // A stale or repeated form (back button, double submit) just shows where the session is now.
    if (step === null || formString(form, STEP_FIELD) !== step) return seeOther(self);
    const errors = DICTIONARIES[session.lang].errors;

    switch (step) {
      case 'bank': {
        const bankCode = formString(form, 'bankCode');
        if (!isBankCode(bankCode))
          return page(chooseBankPage(session, { bankCode: errors.bankRequired }), 422);
        chooseBank(session, bankCode);
        return afterChange(session, self);
      }
      case 'account': {
        const accountNumber = formString(form, 'accountNumber').replace(/[\s-]/g, '');
        const cardExpiry = formString(form, 'cardExpiry');
        const cardExpiresAt = parseCardExpiry(cardExpiry);
        const fieldErrors = {
          ...(/^\d{10,16}$/.test(accountNumber) ? {} : { accountNumber: errors.accountNumber }),
          ...(cardExpiresAt === null ? { cardExpiry: errors.cardExpiry } : {}),
        };
        if (cardExpiresAt === null || Object.keys(fieldErrors).length > 0) {
          return page(accountPage(session, fieldErrors, { accountNumber, cardExpiry }), 422);
        }
        submitAccountDetails(sim, session, accountNumber, cardExpiresAt);
        return afterChange(session, self);
      }
      case 'otp': {
        const otp = formString(form, 'otp');
        if (!/^\d{6}$/.test(otp)) return page(otpPage(session, { otp: errors.otpFormat }), 422);
        const outcome = submitBindingOtp(sim, session, otp);
        if (outcome.outcome === 'wrong') {
          return page(otpPage(session, { otp: errors.otpWrong(outcome.remainingAttempts) }), 422);
        }
        return afterChange(session, self);
      }
      default:
        return step satisfies never;
    }
  });

  app.route('/card', cardWebviewRoutes(sim));

  return app;
}
