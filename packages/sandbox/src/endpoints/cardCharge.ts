/**
 * Card charge (54, create-charge): PAY or AUTHORIZE with a card token, CAPTURE of an authorisation
 * named by its `order.id`. Body as the reference gives it: the card token (40), `operation`,
 * `customerId` (6–16), `order` (amount inside [guess]), the required 1–32 string and optional
 * `additionalInfo`; hidden names as in CardChargeRequest [guess]. The 1–32 string is used once
 * (409xx01 and nothing happens): a client that lost an answer asks the status API by it instead
 * of charging again. Every PAY/AUTHORIZE refused after the request is well-formed is recorded as
 * FAILED.
 */
import {
  CAPTURE_MAX_RATIO,
  CARD_OPERATIONS,
  type CardChargeResponse,
  type CardOperation,
  cardResponseCode,
} from '@ayokit/core/snap';
import type { Context, Handler } from 'hono';
import type { SandboxEnv } from '../auth';
import type { Sim } from '../context';
import {
  acceptCardPayment,
  captureCardPayment,
  cardPaymentView,
  currentCardPayment,
  delayCardPayment,
  failCardPayment,
  recordCardPayment,
} from '../domain/cardPayments';
import { registrationByToken } from '../domain/cardRegistrations';
import { FieldReader, PATTERNS, parseAmountValue } from '../fields';
import { CARD_CASE_MESSAGES, type CardError, cardErrorResponse, fieldError } from '../respond';
import type { CardPayment } from '../state';
import { MAX_PAYMENT_IDR } from '../testData';

function ok(c: Context<SandboxEnv>, payment: CardPayment): Response {
  const res: CardChargeResponse = {
    responseCode: cardResponseCode('charge', 'success'),
    responseMessage: CARD_CASE_MESSAGES.success,
    ...cardPaymentView(payment),
  };
  return c.json(res, 200);
}

const fail = (error: CardError) => cardErrorResponse('charge', error);

function capture(
  c: Context<SandboxEnv>,
  sim: Sim,
  input: {
    partnerReferenceNo: string;
    customerId: string;
    orderId: string;
    cardToken: string;
    amount: number;
  },
): Response {
  const referenceNo = sim.state.cardPaymentByPartnerRef.get(input.orderId);
  const payment = referenceNo ? currentCardPayment(sim, referenceNo) : undefined;
  if (
    !payment ||
    payment.partnerReferenceNo !== input.orderId ||
    payment.customerId !== input.customerId ||
    payment.cardToken !== input.cardToken
  ) {
    return fail({
      kase: 'transactionNotFound',
      message: 'Transaction Not Found. No authorisation with this order.id for this customerId and cardToken',
    });
  }
  if (payment.operation !== 'AUTHORIZE') {
    return fail({
      kase: 'requestNotAllowed',
      message: 'Request Not Allowed. Only an AUTHORIZE can be captured',
    });
  }
  if (payment.status !== 'AUTHORIZED') {
    const why = payment.capture
      ? 'The authorisation was already captured'
      : `The authorisation is ${payment.status}`;
    return fail({ kase: 'requestNotAllowed', message: `Request Not Allowed. ${why}` });
  }
  const max = Math.floor(payment.amount * CAPTURE_MAX_RATIO);
  if (input.amount <= 0 || input.amount > max) {
    return fail({
      kase: 'invalidAmount',
      message: `Invalid Amount. A capture takes more than 0 and up to ${CAPTURE_MAX_RATIO * 100}% of the authorised amount (${max}.00)`,
    });
  }
  captureCardPayment(sim, payment, input.partnerReferenceNo, input.amount);
  return ok(c, payment);
}

export function cardChargeEndpoint(sim: Sim): Handler<SandboxEnv> {
  return (c) => {
    const r = new FieldReader(c.get('auth').body);
    const partnerReferenceNo = r.string('partnerReferenceNo', PATTERNS.cardReference);
    const cardToken = r.string('cardToken', PATTERNS.cardToken);
    const operation = r.oneOf<CardOperation>('operation', CARD_OPERATIONS);
    const customerId = r.string('customerId', PATTERNS.cardCustomerId);
    r.object('order');
    const orderId = r.string('order.id', PATTERNS.cardReference);
    const amountValue = r.string('order.amount');
    r.oneOf('order.currency', ['IDR']);
    r.optionalString('order.description');
    r.optionalObject('additionalInfo');
    if (r.issue || operation === undefined) return fail(r.issue ?? fieldError('missingField', 'operation'));
    const amount = parseAmountValue(amountValue);
    if (amount === null) return fail(fieldError('invalidFieldFormat', 'order.amount'));
    if (sim.state.cardPaymentByPartnerRef.has(partnerReferenceNo)) {
      return fail({ kase: 'duplicatePartnerReference' });
    }
    if (operation === 'CAPTURE') {
      return capture(c, sim, { partnerReferenceNo, customerId, orderId, cardToken, amount });
    }
    // PAY and AUTHORIZE open an order: its id is the operation's own reference [guess].
    if (orderId !== partnerReferenceNo) return fail(fieldError('invalidFieldFormat', 'order.id'));

    const token = cardToken;
    const payment = recordCardPayment(sim, {
      partnerReferenceNo,
      customerId,
      cardToken: token,
      operation,
      amount,
    });
    const reject = (error: CardError) => {
      const code = cardResponseCode('charge', error.kase);
      failCardPayment(sim, payment, code, error.message ?? CARD_CASE_MESSAGES[error.kase]);
      return fail(error);
    };
    const registration = registrationByToken(sim, token);
    if (!registration || registration.customerId !== customerId || !registration.card) {
      return reject({
        kase: 'invalidAccount',
        message: 'Invalid Account. Unknown cardToken for this customerId',
      });
    }
    if (registration.status === 'UNBINDED') {
      return reject({ kase: 'invalidAccount', message: 'Invalid Account. The card token is unbound' });
    }
    if (amount <= 0 || amount > MAX_PAYMENT_IDR) return reject({ kase: 'invalidAmount' });
    switch (registration.card.behaviour) {
      case 'declined':
        return reject({ kase: 'doNotHonor' });
      case 'insufficientFunds':
        return reject({ kase: 'insufficientFunds' });
      case 'expiredCard':
        return reject({ kase: 'cardExpired' });
      case 'networkError':
        // The issuer's answer is lost: the gateway times out; the charge goes through later.
        delayCardPayment(sim, payment);
        return fail({
          kase: 'timeout',
          message: 'Timeout. The card network did not answer; the payment is PENDING',
        });
      case 'success':
        acceptCardPayment(sim, payment);
        return ok(c, payment);
      default:
        return registration.card.behaviour satisfies never;
    }
  };
}
