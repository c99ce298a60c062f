/**
 * The hosted card registration page: GET shows the registration's current step; the forms POST
 * to the same path (Post/Redirect/Get). Invalid input re-renders with errors (422) and changes
 * nothing; the full card number is checked here and never kept.
 */
import { Hono } from 'hono';
import type { Sim } from '../context';
import { parseCardExpiry } from '../domain/accounts';
import { detectBrand, luhnValid, maskCardNumber } from '../domain/cardNumbers';
import {
  expireRegistrationIfDue,
  REGISTRATION_EXPIRED,
  submitCard,
  submitChallenge,
} from '../domain/cardRegistrations';
import type { CardRegistration, RegisteredCard } from '../state';
import { cardBehaviour } from '../testData';
import {
  type CardFieldErrors,
  type CardStep,
  cardDetailsPage,
  cardExpiredPage,
  cardNotFoundPage,
  cardResultPage,
  challengePage,
} from './cardPages';
import { DICTIONARIES } from './i18n';
import { cardMerchantRedirect } from './urls';

const HTML_HEADERS = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } as const;

function page(body: string, status = 200): Response {
  return new Response(body, { status, headers: HTML_HEADERS });
}

function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store' } });
}

function currentStep(registration: CardRegistration): CardStep | null {
  if (registration.status !== 'PENDING') return null;
  return registration.challenge ? 'challenge' : 'card';
}

function show(registration: CardRegistration): Response {
  if (registration.status === 'FAILED' && registration.failureReason === REGISTRATION_EXPIRED) {
    return page(cardExpiredPage(registration));
  }
  if (registration.status !== 'PENDING') {
    const success = registration.status !== 'FAILED';
    const target = success ? registration.successRedirectUrl : registration.failedRedirectUrl;
    if (target)
      return seeOther(cardMerchantRedirect(target, registration.referenceNo, success ? 'SUCCESS' : 'FAILED'));
    return page(cardResultPage(registration));
  }
  return page(registration.challenge ? challengePage(registration) : cardDetailsPage(registration));
}

function afterChange(registration: CardRegistration, self: string): Response {
  const redirect =
    registration.status === 'SUCCESS'
      ? registration.successRedirectUrl
      : registration.status === 'FAILED'
        ? registration.failedRedirectUrl
        : undefined;
  return redirect ? show(registration) : seeOther(self);
}

function formString(form: Record<string, unknown>, name: string): string {
  const value = form[name];
  return typeof value === 'string' ? value.trim() : '';
}

const HOLDER_NAME = /^[\p{L}][\p{L} .'-]{1,49}$/u;

export function cardWebviewRoutes(sim: Sim): Hono {
  const app = new Hono();
  const find = (sessionId: string) => {
    const ref = sim.state.cardRegistrationBySession.get(sessionId);
    return ref ? sim.state.cardRegistrations.get(ref) : undefined;
  };

  app.get('/:sessionId', (c) => {
    const registration = find(c.req.param('sessionId'));
    if (!registration) return page(cardNotFoundPage(), 404);
    expireRegistrationIfDue(sim, registration);
    return show(registration);
  });

  app.post('/:sessionId', async (c) => {
    const registration = find(c.req.param('sessionId'));
    if (!registration) return page(cardNotFoundPage(), 404);
    const self = c.req.path;
    expireRegistrationIfDue(sim, registration);
    let form: Record<string, unknown>;
    try {
      form = await c.req.parseBody();
    } catch {
      form = {};
    }
    const step = currentStep(registration);
    if (step === null || formString(form, 'step') !== step) return seeOther(self);
    const errors = DICTIONARIES[registration.lang].card.errors;

    switch (step) {
      case 'card': {
        const cardNumber = formString(form, 'cardNumber').replace(/[\s-]/g, '');
        const holderName = formString(form, 'holderName').replace(/\s+/g, ' ');
        const expiry = formString(form, 'expiry');
        const cvv = formString(form, 'cvv');
        const expiresAt = parseCardExpiry(expiry);
        const brand = detectBrand(cardNumber);
        const fieldErrors: CardFieldErrors = {};
        if (!/^\d{12,19}$/.test(cardNumber)) fieldErrors.cardNumber = errors.cardNumber;
        else if (!luhnValid(cardNumber)) fieldErrors.cardNumber = errors.luhn;
        else if (!brand) fieldErrors.cardNumber = errors.brand;
        if (!HOLDER_NAME.test(holderName)) fieldErrors.holderName = errors.holderName;
        if (expiresAt === null) fieldErrors.expiry = errors.expiry;
        else if (expiresAt < sim.clock.now()) fieldErrors.expiry = errors.expiryPast;
        if (!/^\d{3}$/.test(cvv)) fieldErrors.cvv = errors.cvv;
        if (Object.keys(fieldErrors).length > 0 || !brand) {
          // The number is shown back only when it is not a valid card: a valid one is never echoed.
          const shownNumber = fieldErrors.cardNumber ? cardNumber : '';
          return page(
            cardDetailsPage(registration, fieldErrors, { cardNumber: shownNumber, holderName, expiry }),
            422,
          );
        }
        const [month, year] = expiry.split('/').map((p) => p.trim()) as [string, string];
        const card: RegisteredCard = {
          brand,
          maskedCardNumber: maskCardNumber(cardNumber),
          expiryMonth: month,
          expiryYear: year,
          holderName,
          ...cardBehaviour(cardNumber),
        };
        submitCard(sim, registration, card);
        return afterChange(registration, self);
      }
      case 'challenge': {
        const otp = formString(form, 'otp');
        if (!/^\d{6}$/.test(otp)) return page(challengePage(registration, { otp: errors.otpFormat }), 422);
        const outcome = submitChallenge(sim, registration, otp);
        if (outcome.outcome === 'wrong') {
          return page(challengePage(registration, { otp: errors.otpWrong(outcome.remainingAttempts) }), 422);
        }
        return afterChange(registration, self);
      }
      default:
        return step satisfies never;
    }
  });

  return app;
}
