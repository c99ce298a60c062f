/** Account binding (07): opens a webview session for the merchant's user. */
import { BANK_CODES } from '@ayokit/core';
import { type BindingResponse, HEADERS, responseCode, snapTimestamp } from '@ayokit/core/snap';
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
    const lang = r.string('lang', PATTERNS.lang);
    const phoneNo = r.optionalString('phoneNo', PATTERNS.phone);
    const merchantId = r.string('merchantId', PATTERNS.merchantId);
    r.object('additionalData');
    r.optionalObject('additionalInfo');
    // Where the merchant's user id, the bank and the return URLs go is not public: the profile says.
    const fields = sim.profile.dd;
    const customerId = fields.bindingCustomerIdField
      ? r.optionalString(fields.bindingCustomerIdField, PATTERNS.customerId)
      : undefined;
    const bankCode = fields.bindingBankCodeField
      ? r.oneOf(fields.bindingBankCodeField, BANK_CODES, true)
      : undefined;
    const { success, failed } = fields.bindingRedirectFields;
    const successRedirectUrl = success ? r.optionalString(success, PATTERNS.url) : undefined;
    const failedRedirectUrl = failed ? r.optionalString(failed, PATTERNS.url) : undefined;
    if (r.issue) return errorResponse('binding', r.issue);
    if (merchantId !== sim.merchantId)
      return errorResponse('binding', fieldError('invalidFieldFormat', 'merchantId'));
    if (sim.state.sessionByPartnerRef.has(partnerReferenceNo)) {
      return errorResponse('binding', { kase: 'duplicatePartnerReference' });
    }
    // Seed 003's re-binding rules need to tell users apart: by the merchant's id, else the phone.
    const user = userFor(
      sim,
      customerId ? `customer:${customerId}` : phoneNo ? `phone:${phoneNo}` : undefined,
    );
    const session = createSession(sim, {
      partnerReferenceNo,
      publicUserId: user.publicUserId,
      ...(phoneNo ? { phoneNo } : {}),
      bankCode: bankCode ?? null,
      lang: lang.toUpperCase().startsWith('EN') ? 'EN' : 'ID',
      ...(successRedirectUrl ? { successRedirectUrl } : {}),
      ...(failedRedirectUrl ? { failedRedirectUrl } : {}),
      externalId: c.req.header(HEADERS.externalId) ?? '',
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
