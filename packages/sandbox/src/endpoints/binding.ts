/** Account binding (07): opens a webview session for the merchant's user. */
import { BANK_CODES } from '@ayokit/core';
import { type BindingResponse, responseCode, snapTimestamp } from '@ayokit/core/snap';
import type { Handler } from 'hono';
import type { SandboxEnv } from '../auth';
import type { Sim } from '../context';
import { createSession, userFor } from '../domain/bindings';
import { FieldReader, PATTERNS } from '../fields';
import { CASE_MESSAGES, errorResponse, fieldError } from '../respond';
import { webviewUrl } from '../webview/urls';

export function bindingEndpoint(sim: Sim): Handler<SandboxEnv> {
  return (c) => {
    const r = new FieldReader(c.get('auth').body);
    const partnerReferenceNo = r.string('partnerReferenceNo', PATTERNS.reference);
    const phoneNo = r.string('phoneNo', PATTERNS.phone);
    const merchantId = r.string('merchantId', PATTERNS.merchantId);
    const custIdMerchant = r.string('custIdMerchant', /^\S{1,64}$/);
    const bankCode = r.oneOf('bankCode', BANK_CODES, true);
    const lang = r.oneOf('lang', ['ID', 'EN'] as const, true);
    const successRedirectUrl = r.optionalString('successRedirectUrl', PATTERNS.url);
    const failedRedirectUrl = r.optionalString('failedRedirectUrl', PATTERNS.url);
    r.optionalObject('additionalInfo');
    if (r.issue) return errorResponse('binding', r.issue);
    if (merchantId !== sim.merchantId)
      return errorResponse('binding', fieldError('invalidFieldFormat', 'merchantId'));
    if (sim.state.sessionByPartnerRef.has(partnerReferenceNo)) {
      return errorResponse('binding', { kase: 'duplicatePartnerReference' });
    }
    const user = userFor(sim, custIdMerchant);
    const session = createSession(sim, {
      partnerReferenceNo,
      publicUserId: user.publicUserId,
      phoneNo,
      bankCode: bankCode ?? null,
      lang: lang ?? 'ID',
      ...(successRedirectUrl ? { successRedirectUrl } : {}),
      ...(failedRedirectUrl ? { failedRedirectUrl } : {}),
    });
    const res: BindingResponse = {
      responseCode: responseCode('binding', 'success'),
      responseMessage: CASE_MESSAGES.success,
      referenceNo: session.referenceNo,
      partnerReferenceNo,
      redirectUrl: webviewUrl(sim.publicBaseUrl, session.sessionId),
      additionalInfo: {
        publicUserId: user.publicUserId,
        latestBindingStatus: session.status,
        sessionExpiresAt: snapTimestamp(session.expiresAt),
      },
    };
    return c.json(res, 200);
  };
}
