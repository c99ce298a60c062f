/** Account unbinding (09): at once, or after an OTP for banks that ask for one (BNI, Danamon). */
import { BANK_CODES, getBank } from '@ayokit/core';
import { responseCode, snapTimestamp, type UnbindingResponse } from '@ayokit/core/snap';
import type { Handler } from 'hono';
import type { SandboxEnv } from '../auth';
import type { Sim } from '../context';
import { recordUnbinding } from '../domain/unbinding';
import { FieldReader, PATTERNS } from '../fields';
import { CASE_MESSAGES, errorResponse, fieldError } from '../respond';

export function unbindingEndpoint(sim: Sim): Handler<SandboxEnv> {
  return (c) => {
    const { body, customer } = c.get('auth');
    const r = new FieldReader(body);
    const partnerReferenceNo = r.string('partnerReferenceNo', PATTERNS.reference);
    const merchantId = r.string('merchantId', PATTERNS.merchantId);
    r.object('additionalInfo');
    const publicUserId = r.string('additionalInfo.publicUserId', PATTERNS.token);
    const accountToken = r.string('additionalInfo.accountToken', PATTERNS.token);
    const bankCode = r.oneOf('additionalInfo.bankCode', BANK_CODES);
    if (r.issue) return errorResponse('unbinding', r.issue);
    if (merchantId !== sim.merchantId)
      return errorResponse('unbinding', fieldError('invalidFieldFormat', 'merchantId'));
    if (sim.state.unbindingByPartnerRef.has(partnerReferenceNo)) {
      return errorResponse('unbinding', { kase: 'duplicatePartnerReference' });
    }
    if (customer?.accountToken !== accountToken) {
      return errorResponse('unbinding', {
        kase: 'invalidCustomerToken',
        message: 'Invalid Customer Token. It was not issued for this accountToken',
      });
    }
    const account = sim.state.accounts.get(accountToken);
    if (
      !account ||
      account.status === 'UNBINDED' ||
      account.publicUserId !== publicUserId ||
      account.bankCode !== bankCode
    ) {
      return errorResponse('unbinding', { kase: 'invalidAccount' });
    }
    const withOtp = getBank(account.bankCode).unbindingOtp;
    const unbinding = recordUnbinding(sim, partnerReferenceNo, account, withOtp);
    const res: UnbindingResponse = {
      responseCode: responseCode('unbinding', 'success'),
      responseMessage: CASE_MESSAGES.success,
      referenceNo: unbinding.referenceNo,
      partnerReferenceNo,
      additionalInfo: {
        latestBindingStatus: withOtp ? 'SUCCESS' : 'UNBINDED',
        otpRequired: withOtp,
        ...(unbinding.otp ? { otpExpiresAt: snapTimestamp(unbinding.otp.expiresAt) } : {}),
      },
    };
    return c.json(res, 200);
  };
}
