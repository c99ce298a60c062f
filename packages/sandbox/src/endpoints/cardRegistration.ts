/**
 * Card registration (01, generate-webview): a PENDING registration and the hosted page where the
 * customer enters the card. Body as the reference gives it: the required 1–32 string, `customer`,
 * the required success redirect URL, the optional failure one, optional `additionalInfo` (1–10
 * pairs); the names it hides are those of CardRegistrationRequest [guess].
 */
import {
  CARD_ADDITIONAL_INFO,
  CARD_LIMITS,
  type CardRegistrationResponse,
  cardResponseCode,
  snapTimestamp,
} from '@ayokit/core/snap';
import type { Handler } from 'hono';
import type { SandboxEnv } from '../auth';
import type { Sim } from '../context';
import { createCardRegistration } from '../domain/cardRegistrations';
import { FieldReader, PATTERNS } from '../fields';
import { CARD_CASE_MESSAGES, cardErrorResponse } from '../respond';
import { cardWebviewUrl } from '../webview/urls';

export function cardRegistrationEndpoint(sim: Sim): Handler<SandboxEnv> {
  return (c) => {
    const r = new FieldReader(c.get('auth').body);
    r.string('partnerReferenceNo', PATTERNS.cardReference);
    r.object('customer');
    const customerId = r.string('customer.id', PATTERNS.cardCustomerId);
    r.optionalString('customer.name');
    r.optionalString('customer.email', PATTERNS.email);
    r.optionalString('customer.phoneNumber');
    const successRedirectUrl = r.string('successRedirectUrl', PATTERNS.url);
    const failedRedirectUrl = r.optionalString('failedRedirectUrl', PATTERNS.url);
    r.optionalPairs('additionalInfo', CARD_LIMITS.additionalInfoPairs);
    const lang = r.oneOf(`additionalInfo.${CARD_ADDITIONAL_INFO.lang}`, ['ID', 'EN'] as const, true);
    if (r.issue) return cardErrorResponse('registration', r.issue);
    const registration = createCardRegistration(sim, {
      customerId,
      lang: lang ?? 'ID',
      successRedirectUrl,
      ...(failedRedirectUrl ? { failedRedirectUrl } : {}),
    });
    const res: CardRegistrationResponse = {
      responseCode: cardResponseCode('registration', 'success'),
      responseMessage: CARD_CASE_MESSAGES.success,
      referenceNo: registration.referenceNo,
      webviewUrl: cardWebviewUrl(sim.publicBaseUrl, registration.sessionId),
      registrationStatus: 'PENDING',
      sessionExpiresAt: snapTimestamp(registration.expiresAt),
    };
    return c.json(res, 200);
  };
}
