/**
 * Binding inquiry (08): the user's bound accounts (unbound ones are gone) and every binding session.
 * An unknown publicUserId answers 4040811 Invalid Account.
 */
import {
  type BindingInquiryResponse,
  type InquiryAccount,
  type InquiryBinding,
  responseCode,
  snapTimestamp,
} from '@ayokit/core/snap';
import type { Handler } from 'hono';
import type { SandboxEnv } from '../auth';
import type { Sim } from '../context';
import { tokenEndDate, tokenStatus } from '../domain/accounts';
import { expireIfDue } from '../domain/bindings';
import { FieldReader, PATTERNS } from '../fields';
import { CASE_MESSAGES, errorResponse, fieldError } from '../respond';

export function bindingInquiryEndpoint(sim: Sim): Handler<SandboxEnv> {
  return (c) => {
    const r = new FieldReader(c.get('auth').body);
    const merchantId = r.string('merchantId', PATTERNS.merchantId);
    const publicUserId = r.string('publicUserId', PATTERNS.token);
    if (r.issue) return errorResponse('bindingInquiry', r.issue);
    if (merchantId !== sim.merchantId) {
      return errorResponse('bindingInquiry', fieldError('invalidFieldFormat', 'merchantId'));
    }
    if (!sim.state.users.has(publicUserId)) {
      return errorResponse('bindingInquiry', {
        kase: 'invalidAccount',
        message: 'Invalid Account. Unknown publicUserId',
      });
    }
    const now = sim.clock.now();
    const accounts: InquiryAccount[] = [...sim.state.accounts.values()]
      .filter((a) => a.publicUserId === publicUserId && a.status !== 'UNBINDED')
      .map((a) => {
        const end = tokenEndDate(a);
        return {
          accountToken: a.accountToken,
          authCode: a.authCode,
          bankCode: a.bankCode,
          maskedAccountNo: a.maskedAccountNo,
          tokenStatus: tokenStatus(a, now),
          tokenEndDate: end === null ? null : snapTimestamp(end),
          bindingPartnerReferenceNo: a.bindingPartnerReferenceNo,
        };
      });
    const bindings: InquiryBinding[] = [...sim.state.sessions.values()]
      .filter((s) => s.publicUserId === publicUserId)
      .map((s) => {
        expireIfDue(sim, s);
        const account = s.accountToken ? sim.state.accounts.get(s.accountToken) : undefined;
        return {
          partnerReferenceNo: s.partnerReferenceNo,
          referenceNo: s.referenceNo,
          latestBindingStatus: account?.status === 'UNBINDED' ? 'UNBINDED' : s.status,
          bankCode: s.bankCode,
          ...(s.failureReason ? { failureReason: s.failureReason } : {}),
          ...(s.accountToken ? { accountToken: s.accountToken } : {}),
        };
      });
    const res: BindingInquiryResponse = {
      responseCode: responseCode('bindingInquiry', 'success'),
      responseMessage: CASE_MESSAGES.success,
      additionalInfo: { publicUserId, accounts, bindings },
    };
    return c.json(res, 200);
  };
}
