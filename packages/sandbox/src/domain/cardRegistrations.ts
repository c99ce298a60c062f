/**
 * A card registration's life: created by the API (PENDING), walked through the hosted page (card
 * details, then 3-D Secure for enrolled cards), ended by success (a card token), failure or expiry
 * of its session; later unbound. Each outcome is reported by a `card_registration` callback.
 */
import {
  CARD_REGISTRATION_SESSION_SECONDS,
  CARD_TOKEN_LENGTH,
  type CardRecord,
  type CardRegistrationCallback,
  cardResponseCode,
  OTP_MAX_ATTEMPTS,
} from '@ayokit/core/snap';
import type { ScheduleOptions } from '../clock';
import { newId, type Sim } from '../context';
import { CARD_CASE_MESSAGES } from '../respond';
import type { CardRegistration, RegisteredCard } from '../state';
import { TEST_3DS_OTP } from '../testData';

export const REGISTRATION_EXPIRED = 'Session Expired';
export const THREE_DS_FAILED = '3-D Secure Authentication Failed';

export interface NewCardRegistration {
  customerId: string;
  lang: 'ID' | 'EN';
  successRedirectUrl?: string;
  failedRedirectUrl?: string;
}

export function createCardRegistration(sim: Sim, input: NewCardRegistration): CardRegistration {
  const now = sim.clock.now();
  const registration: CardRegistration = {
    ...input,
    referenceNo: newId(32),
    sessionId: newId(32),
    status: 'PENDING',
    createdAt: now,
    expiresAt: now + CARD_REGISTRATION_SESSION_SECONDS * 1000,
  };
  sim.state.cardRegistrations.set(registration.referenceNo, registration);
  sim.state.cardRegistrationBySession.set(registration.sessionId, registration.referenceNo);
  scheduleRegistrationExpiry(sim, registration);
  return registration;
}

export function scheduleRegistrationExpiry(
  sim: Sim,
  registration: CardRegistration,
  options?: ScheduleOptions,
): void {
  sim.scheduler.schedule(
    registration.expiresAt,
    `card registration ${registration.referenceNo} expiry`,
    () => expireRegistrationIfDue(sim, registration),
    options,
  );
}

/** Idempotent: the timer, a page visit and the list API may all call it. */
export function expireRegistrationIfDue(sim: Sim, registration: CardRegistration): void {
  if (registration.status === 'PENDING' && sim.clock.now() >= registration.expiresAt) {
    failRegistration(sim, registration, REGISTRATION_EXPIRED);
  }
}

export function cardRecord(registration: CardRegistration): CardRecord {
  const { card } = registration;
  return {
    referenceNo: registration.referenceNo,
    registrationStatus: registration.status,
    ...(registration.cardToken ? { cardToken: registration.cardToken } : {}),
    ...(card
      ? {
          brand: card.brand,
          maskedCardNumber: card.maskedCardNumber,
          expiryMonth: card.expiryMonth,
          expiryYear: card.expiryYear,
        }
      : {}),
    ...(registration.failureReason ? { failureReason: registration.failureReason } : {}),
  };
}

function sendCallback(
  sim: Sim,
  registration: CardRegistration,
  endpoint: 'registration' | 'unbinding',
): void {
  const body: CardRegistrationCallback = {
    responseCode: cardResponseCode(endpoint, 'success'),
    responseMessage: CARD_CASE_MESSAGES.success,
    customerId: registration.customerId,
    card: cardRecord(registration),
  };
  sim.callbacks.send('card_registration', body);
}

export function failRegistration(sim: Sim, registration: CardRegistration, reason: string): void {
  if (registration.status !== 'PENDING') return;
  registration.status = 'FAILED';
  registration.failureReason = reason;
  registration.completedAt = sim.clock.now();
  delete registration.challenge;
  sendCallback(sim, registration, 'registration');
}

/** Valid card details entered: a 3-D Secure card is challenged, any other is registered at once. */
export function submitCard(sim: Sim, registration: CardRegistration, card: RegisteredCard): void {
  if (registration.status !== 'PENDING' || registration.challenge) return;
  registration.card = card;
  if (card.threeDSecure) registration.challenge = { attempts: 0 };
  else completeRegistration(sim, registration);
}

export type ChallengeOutcome =
  | { outcome: 'success' }
  | { outcome: 'wrong'; remainingAttempts: number }
  | { outcome: 'failed' };

export function submitChallenge(sim: Sim, registration: CardRegistration, otp: string): ChallengeOutcome {
  const { challenge } = registration;
  if (registration.status !== 'PENDING' || !challenge) return { outcome: 'failed' };
  if (otp === TEST_3DS_OTP) {
    completeRegistration(sim, registration);
    return { outcome: 'success' };
  }
  challenge.attempts += 1;
  if (challenge.attempts >= OTP_MAX_ATTEMPTS) {
    failRegistration(sim, registration, THREE_DS_FAILED);
    return { outcome: 'failed' };
  }
  return { outcome: 'wrong', remainingAttempts: OTP_MAX_ATTEMPTS - challenge.attempts };
}

function completeRegistration(sim: Sim, registration: CardRegistration): void {
  if (!registration.card) return;
  registration.status = 'SUCCESS';
  registration.cardToken = newId(CARD_TOKEN_LENGTH);
  registration.completedAt = sim.clock.now();
  delete registration.challenge;
  sim.state.cardRegistrationByToken.set(registration.cardToken, registration.referenceNo);
  sendCallback(sim, registration, 'registration');
}

export function unbindCard(sim: Sim, registration: CardRegistration): void {
  if (registration.status !== 'SUCCESS') return;
  registration.status = 'UNBINDED';
  registration.unbindedAt = sim.clock.now();
  sendCallback(sim, registration, 'unbinding');
}

export function registrationByToken(sim: Sim, cardToken: string): CardRegistration | undefined {
  const ref = sim.state.cardRegistrationByToken.get(cardToken);
  return ref ? sim.state.cardRegistrations.get(ref) : undefined;
}
