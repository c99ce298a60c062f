/**
 * Direct debit payment (54). Checks in the bank's order; every refusal after the request is
 * well-formed is recorded as a failed (06) transaction, so the status API confirms it.
 */
import { getBank, paymentNeedsOtp } from '@ayokit/core';
import { type PaymentResponse, responseCode, snapTimestamp, TRANSACTION_STATUS } from '@ayokit/core/snap';
import type { Handler } from 'hono';
import type { SandboxEnv } from '../auth';
import type { Sim } from '../context';
import { accountPaymentRefusal } from '../domain/accounts';
import { awaitOtp, failPayment, recordPayment, startSettlement } from '../domain/payments';
import { FieldReader, PATTERNS, parseAmountValue } from '../fields';
import { CASE_MESSAGES, errorResponse, fieldError, type SnapError } from '../respond';
import { MAX_PAYMENT_IDR, TEST_ACCOUNT_ENDINGS } from '../testData';

export function paymentEndpoint(sim: Sim): Handler<SandboxEnv> {
  return (c) => {
    const { body, customer } = c.get('auth');
    const r = new FieldReader(body);
    const partnerReferenceNo = r.string('partnerReferenceNo', PATTERNS.reference);
    const bankCardToken = r.string('bankCardToken', PATTERNS.token);
    const merchantId = r.string('merchantId', PATTERNS.merchantId);
    const amountValue = r.string('amount.value');
    r.oneOf('amount.currency', ['IDR']);
    const additionalInfo = r.object('additionalInfo');
    // Shown on the dashboard: 1–100 characters of alnum and space@.-_+*!~ [ref].
    for (const key of Object.keys(additionalInfo)) r.string(`additionalInfo.${key}`, PATTERNS.remark);
    if (r.issue) return errorResponse('payment', r.issue);
    if (merchantId !== sim.merchantId)
      return errorResponse('payment', fieldError('invalidFieldFormat', 'merchantId'));
    if (sim.state.paymentByPartnerRef.has(partnerReferenceNo)) {
      return errorResponse('payment', { kase: 'duplicatePartnerReference' });
    }
    if (customer?.accountToken !== bankCardToken) {
      return errorResponse('payment', {
        kase: 'invalidCustomerToken',
        message: 'Invalid Customer Token. It was not issued for this bankCardToken',
      });
    }
    const account = sim.state.accounts.get(bankCardToken);
    const amount = parseAmountValue(amountValue);
    const reject = (error: SnapError) => {
      const payment = recordPayment(
        sim,
        {
          partnerReferenceNo,
          accountToken: bankCardToken,
          bankCode: account?.bankCode ?? null,
          amount: amount ?? 0,
        },
        TRANSACTION_STATUS.initiated,
      );
      const code = responseCode('payment', error.kase);
      failPayment(sim, payment, code, error.message ?? CASE_MESSAGES[error.kase]);
      // The refusal names the transaction it recorded, so the status API can confirm it.
      return errorResponse('payment', {
        ...error,
        fields: { referenceNo: payment.referenceNo, partnerReferenceNo },
      });
    };
    const now = sim.clock.now();
    if (!account || account.status === 'UNBINDED') return reject({ kase: 'invalidAccount' });
    const refusal = accountPaymentRefusal(account, now);
    if (refusal) return reject(refusal);
    if (amount === null) return errorResponse('payment', fieldError('invalidFieldFormat', 'amount.value'));
    if (amount <= 0 || amount > MAX_PAYMENT_IDR) return reject({ kase: 'invalidAmount' });
    if (account.accountNumber.endsWith(TEST_ACCOUNT_ENDINGS.insufficientFunds)) {
      return reject({ kase: 'insufficientFunds' });
    }
    if (account.accountNumber.endsWith(TEST_ACCOUNT_ENDINGS.inactiveAccount))
      return reject({ kase: 'inactiveAccount' });

    const otpRequired = paymentNeedsOtp(getBank(account.bankCode), amount);
    const payment = recordPayment(
      sim,
      { partnerReferenceNo, accountToken: bankCardToken, bankCode: account.bankCode, amount },
      TRANSACTION_STATUS.initiated,
    );
    if (otpRequired) awaitOtp(sim, payment);
    else startSettlement(sim, payment);
    const res: PaymentResponse = {
      responseCode: responseCode('payment', 'success'),
      responseMessage: CASE_MESSAGES.success,
      referenceNo: payment.referenceNo,
      partnerReferenceNo,
      additionalInfo: {
        otpRequired,
        ...(payment.otp ? { otpExpiresAt: snapTimestamp(payment.otp.expiresAt) } : {}),
        latestTransactionStatus: payment.status,
      },
    };
    return c.json(res, 200);
  };
}
