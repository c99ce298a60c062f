/** The Hono app: Direct Debit endpoints behind their faults and auth, the webview, the control API. */
import {
  CARD_ENDPOINTS,
  CARD_METHODS,
  CARD_SERVICE_CODES,
  type CardEndpoint,
  cardEndpointServed,
  type DdEndpoint,
  responseCode,
  SERVICE_CODES,
} from '@ayokit/core/snap';
import { Hono, type MiddlewareHandler } from 'hono';
import { asymmetricAuth, type SandboxEnv, transactionalAuth } from './auth';
import { cardAuth } from './cardAuth';
import type { Sim } from './context';
import { type ControlTarget, controlRoutes } from './control';
import { endpointFaults, type Hangs } from './endpointFaults';
import { bindingEndpoint } from './endpoints/binding';
import { bindingInquiryEndpoint } from './endpoints/bindingInquiry';
import { cardChargeEndpoint } from './endpoints/cardCharge';
import { cardListEndpoint } from './endpoints/cardList';
import { cardRefundEndpoint } from './endpoints/cardRefund';
import { cardRegistrationEndpoint } from './endpoints/cardRegistration';
import { cardStatusEndpoint } from './endpoints/cardStatus';
import { cardTokenEndpoint } from './endpoints/cardToken';
import { cardUnbindingEndpoint } from './endpoints/cardUnbinding';
import { cardVoidEndpoint } from './endpoints/cardVoid';
import { otpEndpoint } from './endpoints/otp';
import { paymentEndpoint } from './endpoints/payment';
import { paymentStatusEndpoint } from './endpoints/paymentStatus';
import { refundEndpoint } from './endpoints/refund';
import { b2b2cTokenEndpoint, b2bTokenEndpoint } from './endpoints/tokens';
import { unbindingEndpoint } from './endpoints/unbinding';
import { verifyOtpEndpoint } from './endpoints/verifyOtp';
import type { FaultEndpoint } from './faults';
import { CARD_CASE_MESSAGES, CASE_MESSAGES, type CardApiEndpoint, cardBody } from './respond';
import { webviewRoutes } from './webview/routes';

export type SandboxMode = 'test' | 'demo' | 'strict';

const CUSTOMER_TOKEN_ENDPOINTS: ReadonlySet<DdEndpoint> = new Set([
  'payment',
  'verifyOtp',
  'otp',
  'unbinding',
  'refund',
]);

function endpointOf(sim: Sim, path: string): DdEndpoint | null {
  const entry = Object.entries(sim.profile.dd.paths).find(([, p]) => p === path);
  return entry ? (entry[0] as DdEndpoint) : null;
}

/** The card endpoint served at `path` (one the profile says does not exist is no endpoint: 404). */
function cardEndpointOf(sim: Sim, path: string): CardApiEndpoint | null {
  const paths = sim.profile.card.paths;
  if (path === paths.token) return 'token';
  return CARD_ENDPOINTS.find((e) => paths[e] === path && cardEndpointServed(sim.profile, e)) ?? null;
}

export function createApp(
  sim: Sim,
  hangs: Hangs,
  mode: SandboxMode,
  control: ControlTarget,
  /** Called after every request: it may have changed the state. */
  afterRequest: () => void = () => {},
): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  app.use('*', async (_c, next) => {
    try {
      await next();
    } finally {
      afterRequest();
    }
  });
  const faults = (endpoint: FaultEndpoint): MiddlewareHandler<SandboxEnv> =>
    endpointFaults(sim.faults, hangs, endpoint);

  app.post(
    sim.profile.dd.paths.b2bToken,
    faults('b2bToken'),
    asymmetricAuth(sim, 'b2bToken'),
    b2bTokenEndpoint(sim),
  );
  app.post(
    sim.profile.dd.paths.b2b2cToken,
    faults('b2b2cToken'),
    asymmetricAuth(sim, 'b2b2cToken'),
    b2b2cTokenEndpoint(sim),
  );
  const handlers = {
    binding: bindingEndpoint(sim),
    bindingInquiry: bindingInquiryEndpoint(sim),
    unbinding: unbindingEndpoint(sim),
    payment: paymentEndpoint(sim),
    verifyOtp: verifyOtpEndpoint(sim),
    otp: otpEndpoint(sim),
    paymentStatus: paymentStatusEndpoint(sim),
    refund: refundEndpoint(sim),
  } as const;
  for (const [endpoint, handler] of Object.entries(handlers) as [
    keyof typeof handlers,
    (typeof handlers)[keyof typeof handlers],
  ][]) {
    // No OTP-resend API is documented: served only when the profile says it exists.
    if (endpoint === 'otp' && !sim.profile.capabilities.otpResend) continue;
    app.post(
      sim.profile.dd.paths[endpoint],
      faults(endpoint),
      transactionalAuth(sim, endpoint, { customer: CUSTOMER_TOKEN_ENDPOINTS.has(endpoint) }),
      handler,
    );
  }

  // Paths from the profile; void and refund only where it says they exist (capabilities).
  const cardPaths = sim.profile.card.paths;
  app.post(cardPaths.token, faults('card.token'), cardTokenEndpoint(sim));
  type CardHandler = ReturnType<typeof cardChargeEndpoint>;
  const cardHandlers: Record<CardEndpoint, CardHandler> = {
    registration: cardRegistrationEndpoint(sim),
    cards: cardListEndpoint(sim),
    unbinding: cardUnbindingEndpoint(sim),
    charge: cardChargeEndpoint(sim),
    status: cardStatusEndpoint(sim),
    void: cardVoidEndpoint(sim),
    refund: cardRefundEndpoint(sim),
  };
  for (const [endpoint, handler] of Object.entries(cardHandlers) as [CardEndpoint, CardHandler][]) {
    if (!cardEndpointServed(sim.profile, endpoint)) continue;
    const route = CARD_METHODS[endpoint] === 'GET' ? app.get.bind(app) : app.post.bind(app);
    route(cardPaths[endpoint], faults(`card.${endpoint}`), cardAuth(sim, endpoint), handler);
  }

  app.route('/webview', webviewRoutes(sim));

  // Open only in the two modes that ask for it: anything else is closed, never open by mistake.
  if (mode !== 'test' && mode !== 'demo') {
    app.all('/sandbox/*', (c) =>
      c.json({ code: 'not_found', message: 'The control API is off in strict mode' }, 404),
    );
  } else {
    app.route('/sandbox', controlRoutes(control));
  }

  app.notFound((c) => {
    const cardEndpoint = cardEndpointOf(sim, c.req.path);
    if (cardEndpoint) {
      return c.json(
        { responseCode: `405${CARD_SERVICE_CODES[cardEndpoint]}00`, responseMessage: 'Method Not Allowed' },
        405,
      );
    }
    const endpoint = endpointOf(sim, c.req.path);
    if (endpoint && (endpoint !== 'otp' || sim.profile.capabilities.otpResend))
      return c.json(
        { responseCode: `405${SERVICE_CODES[endpoint]}00`, responseMessage: 'Method Not Allowed' },
        405,
      );
    return c.json({ code: 'not_found', message: `No route ${c.req.method} ${c.req.path}` }, 404);
  });

  app.onError((error, c) => {
    console.error('[ayokit sandbox] unexpected error', error);
    const cardEndpoint = cardEndpointOf(sim, c.req.path);
    if (cardEndpoint)
      return c.json(cardBody(cardEndpoint, 'generalError', CARD_CASE_MESSAGES.generalError), 500);
    const endpoint = endpointOf(sim, c.req.path);
    if (endpoint) {
      return c.json(
        { responseCode: responseCode(endpoint, 'generalError'), responseMessage: CASE_MESSAGES.generalError },
        500,
      );
    }
    return c.json({ code: 'internal_error', message: 'Unexpected sandbox error' }, 500);
  });

  return app;
}
