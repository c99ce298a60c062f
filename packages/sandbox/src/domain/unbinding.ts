/** Unbinding: at once, or after the customer's OTP for banks that ask for one. */
import { responseCode, type UnbindingCallback } from '@ayokit/core/snap';
import { newId, type Sim } from '../context';
import { CASE_MESSAGES } from '../respond';
import type { Account, Unbinding } from '../state';
import { newOtpChallenge } from './payments';

export function recordUnbinding(
  sim: Sim,
  partnerReferenceNo: string,
  account: Account,
  withOtp: boolean,
): Unbinding {
  const unbinding: Unbinding = {
    referenceNo: newId(32),
    partnerReferenceNo,
    accountToken: account.accountToken,
    publicUserId: account.publicUserId,
    status: 'PENDING_OTP',
    ...(withOtp ? { otp: newOtpChallenge(sim.clock.now()) } : {}),
  };
  sim.state.unbindings.set(unbinding.referenceNo, unbinding);
  sim.state.unbindingByPartnerRef.set(partnerReferenceNo, unbinding.referenceNo);
  if (!withOtp) completeUnbinding(sim, unbinding);
  return unbinding;
}

export function completeUnbinding(sim: Sim, unbinding: Unbinding): void {
  const account = sim.state.accounts.get(unbinding.accountToken);
  unbinding.status = 'UNBINDED';
  delete unbinding.otp;
  if (!account || account.status === 'UNBINDED') return;
  account.status = 'UNBINDED';
  const body: UnbindingCallback = {
    responseCode: responseCode('unbinding', 'success'),
    responseMessage: CASE_MESSAGES.success,
    partnerReferenceNo: unbinding.partnerReferenceNo,
    referenceNo: unbinding.referenceNo,
    additionalInfo: {
      publicUserId: account.publicUserId,
      accountToken: account.accountToken,
      latestBindingStatus: 'UNBINDED',
    },
  };
  sim.callbacks.send('unbinding', body);
}

export function failUnbinding(unbinding: Unbinding, reason: string): void {
  unbinding.status = 'FAILED';
  unbinding.failureReason = reason;
  delete unbinding.otp;
}
