/**
 * Binding inquiry (08): how one binding stands, named by its partnerReferenceNo and asked with the
 * binding's X-EXTERNAL-ID [ref: /reference/dd-v3-registration-account-inquiry]; once bound, the
 * account: publicUserId, accountToken, authCode, bankCode, masked account, token status and end
 * date [docs: /docs/get-users-binding-information]. An unknown binding answers 4040811.
 */
import { type BindingInquiryResponse, responseCode, snapTimestamp } from '@ayokit/core/snap';
import type { Handler } from 'hono';
import type { SandboxEnv } from '../auth';
import type { Sim } from '../context';
import { tokenEndDate, tokenStatus } from '../domain/accounts';
import { expireIfDue, namedAuthCode } from '../domain/bindings';
import { FieldReader, PATTERNS } from '../fields';
import { CASE_MESSAGES, errorResponse } from '../respond';

export function bindingInquiryEndpoint(sim: Sim): Handler<SandboxEnv> {
  return (c) => {
    const r = new FieldReader(c.get('auth').body);
    const partnerReferenceNo = r.string('partnerReferenceNo', PATTERNS.reference);
    r.object('additionalInfo');
    if (r.issue) return errorResponse('bindingInquiry', r.issue);
    const sessionId = sim.state.sessionByPartnerRef.get(partnerReferenceNo);
    const session = sessionId ? sim.state.sessions.get(sessionId) : undefined;
    if (!session) {
      return errorResponse('bindingInquiry', {
        kase: 'invalidAccount',
        message: 'Invalid Account. Unknown partnerReferenceNo',
      });
    }
    expireIfDue(sim, session);
    const account = session.accountToken ? sim.state.accounts.get(session.accountToken) : undefined;
    const unbound = account?.status === 'UNBINDED';
    const end = account ? tokenEndDate(account) : null;
    const res: BindingInquiryResponse = {
      responseCode: responseCode('bindingInquiry', 'success'),
      responseMessage: CASE_MESSAGES.success,
      partnerReferenceNo,
      referenceNo: session.referenceNo,
      additionalInfo: {
        publicUserId: session.publicUserId,
        latestBindingStatus: unbound ? 'UNBINDED' : session.status,
        bankCode: session.bankCode,
        ...(session.failureReason ? { failureReason: session.failureReason } : {}),
        ...(account && unbound
          ? { accountToken: account.accountToken, tokenStatus: 'NOT FOUND' as const }
          : {}),
        ...(account && !unbound
          ? {
              accountToken: account.accountToken,
              ...namedAuthCode(sim, account),
              maskedAccountNo: account.maskedAccountNo,
              tokenStatus: tokenStatus(account, sim.clock.now()),
              tokenEndDate: end === null ? null : snapTimestamp(end),
              boundAt: snapTimestamp(account.boundAt),
            }
          : {}),
      },
    };
    return c.json(res, 200);
  };
}
