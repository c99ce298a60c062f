/** Card registration (01): a PENDING registration and the hosted page where the customer enters the card. */
import { type CardRegistrationResponse, cardResponseCode, snapTimestamp } from '@ayokit/core/snap';
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
    const customerId = r.string('customerId', PATTERNS.customerId);
    const lang = r.oneOf('lang', ['ID', 'EN'] as const, true);
    const successRedirectUrl = r.optionalString('successRedirectUrl', PATTERNS.url);
    const failedRedirectUrl = r.optionalString('failedRedirectUrl', PATTERNS.url);
    if (r.issue) return cardErrorResponse('registration', r.issue);
    const registration = createCardRegistration(sim, {
      customerId,
      lang: lang ?? 'ID',
      ...(successRedirectUrl ? { successRedirectUrl } : {}),
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
