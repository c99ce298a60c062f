/** What every part of one sandbox instance shares. */
import type { SignatureEncoding, WireProfile } from '@ayokit/core/snap';
import type { Callbacks } from './callbacks';
import type { Scheduler, VirtualClock } from './clock';
import type { Faults } from './faults';
import type { State } from './state';

export interface PartnerClient {
  clientId: string;
  clientSecret: string;
  publicKey: Promise<CryptoKey>;
}

export interface Sim {
  merchantId: string;
  /** The card API's merchant code (X-Merchant-Code, the status query's merchantId). */
  cardMerchantCode: string;
  publicBaseUrl: string;
  /** CSP frame-ancestors of the bank's pages. */
  frameAncestors: string[];
  bindingSessionMs: number;
  encoding: SignatureEncoding;
  /** The wire profile served: paths, header names, capabilities (see @ayokit/core/snap profile). */
  profile: WireProfile;
  clients: Map<string, PartnerClient>;
  /** Card API credentials: client_id → client_secret. */
  cardClients: Map<string, string>;
  clock: VirtualClock;
  scheduler: Scheduler;
  state: State;
  callbacks: Callbacks;
  faults: Faults;
}

/** SNAP ids: alphanumerics, like Ayoconnect's references. */
export { randomAlphanumeric as newId } from '@ayokit/core/snap';
