/**
 * X-EXTERNAL-ID, one value per flow [ref §5]: the flow that first uses a value owns it; every call
 * of that flow may carry it (payment + verify-OTP + status; binding + inquiry; unbinding +
 * verify-OTP; a refund with its payment's value or its own). Another flow using it answers
 * 409xx00. An identical replay (same endpoint, same body) of a call that changes something gets the
 * first answer back, stored; reads (status, inquiry) are answered afresh.
 */
import { type DdEndpoint, sha256Hex } from '@ayokit/core/snap';
import type { Sim } from './context';
import { isObject } from './fields';
import type { ExternalIdFlow, ExternalIdUse } from './state';

/** The flow a request belongs to, read from its body; null when the body does not say (the endpoint then names the field). */
export interface FlowClaim {
  flow: ExternalIdFlow;
  anchor: string;
  payment?: string;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

export function claimOf(sim: Sim, endpoint: DdEndpoint, body: unknown): FlowClaim | null {
  if (!isObject(body)) return null;
  const claim = (flow: ExternalIdFlow, anchor: unknown): FlowClaim | null => {
    const a = str(anchor);
    return a ? { flow, anchor: a } : null;
  };
  switch (endpoint) {
    case 'binding':
    case 'bindingInquiry':
      return claim('binding', body.partnerReferenceNo);
    case 'payment':
      return claim('payment', body.partnerReferenceNo);
    case 'unbinding':
      return claim('unbinding', body.partnerReferenceNo);
    case 'verifyOtp':
    case 'otp': {
      const { payment, unbinding } = sim.profile.dd.otpActions;
      if (body.action === payment) return claim('payment', body.originalPartnerReferenceNo);
      if (body.action === unbinding) return claim('unbinding', body.originalPartnerReferenceNo);
      return null;
    }
    case 'paymentStatus': {
      const ref = str(body.originalReferenceNo);
      const known = ref ? sim.state.payments.get(ref) : undefined;
      return claim('payment', known?.partnerReferenceNo ?? (ref ? null : body.originalPartnerReferenceNo));
    }
    case 'refund': {
      const refundNo = str(body.partnerRefundNo);
      const payment = str(body.originalPartnerReferenceNo);
      return refundNo && payment ? { flow: 'refund', anchor: refundNo, payment } : null;
    }
    default:
      return null;
  }
}

/** Whether a request of `claim` may carry a value owned by `use`. */
function sameFlow(use: ExternalIdUse, claim: FlowClaim): boolean {
  if (use.flow === claim.flow && use.anchor === claim.anchor) return true;
  // A refund may carry its payment's value (profile.externalId.refund 'payment', the reference)…
  if (claim.flow === 'refund' && use.flow === 'payment' && use.anchor === claim.payment) return true;
  // …and a refund flow of its own asks the payment's status with its value.
  if (claim.flow === 'payment' && use.flow === 'refund' && use.payment === claim.anchor) return true;
  return false;
}

/** Endpoints whose identical replay gets the first answer; reads are answered afresh. */
const REPLAYED: ReadonlySet<DdEndpoint> = new Set(['binding', 'payment', 'unbinding', 'verifyOtp', 'refund']);

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (isObject(value)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical(value[k])]),
    );
  }
  return value;
}

export type ExternalIdCheck =
  | { kind: 'conflict' }
  | { kind: 'replay'; status: number; body: string }
  | { kind: 'proceed'; store: ((res: Response) => Promise<void>) | null };

/** Checks (and claims) `externalId` for this request. */
export async function checkExternalId(
  sim: Sim,
  clientId: string,
  externalId: string,
  endpoint: DdEndpoint,
  body: unknown,
): Promise<ExternalIdCheck> {
  let uses = sim.state.externalIds.get(clientId);
  if (!uses) {
    uses = new Map();
    sim.state.externalIds.set(clientId, uses);
  }
  const claim = claimOf(sim, endpoint, body);
  let use = uses.get(externalId);
  if (use && claim && !sameFlow(use, claim)) return { kind: 'conflict' };
  if (!claim) return { kind: 'proceed', store: null };
  if (!use) {
    use = {
      flow: claim.flow,
      anchor: claim.anchor,
      ...(claim.payment ? { payment: claim.payment } : {}),
      replies: [],
    };
    uses.set(externalId, use);
  }
  if (!REPLAYED.has(endpoint)) return { kind: 'proceed', store: null };
  const request = `${endpoint}:${await sha256Hex(JSON.stringify(canonical(body)))}`;
  const stored = use.replies.find((r) => r.request === request);
  if (stored) return { kind: 'replay', status: stored.status, body: stored.body };
  const owner = use;
  return {
    kind: 'proceed',
    store: async (res) => {
      const text = await res.clone().text();
      // A wrong OTP may be typed again: each try counts, as the bank counts them.
      if (endpoint === 'verifyOtp' && /"responseCode":"404\d\d15"/.test(text)) return;
      owner.replies.push({ request, status: res.status, body: text });
    },
  };
}
