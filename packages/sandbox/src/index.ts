export type { SandboxMode } from './app';
export type { AuthInfo, SandboxEnv } from './auth';
export { CALLBACK_CONCURRENCY } from './callbacks';
export type { CardLedgerEntry, CardLedgerEvent } from './domain/cardPayments';
export type { LedgerEntry, LedgerRefund } from './domain/payments';
export {
  type CardDriveInput,
  type CardDriveResult,
  type DriveInput,
  type DriveResult,
  driveBindingWebview,
  driveCardRegistration,
  type FetchLike,
} from './drive';
export type {
  CallbackFaultAction,
  CardFaultEndpoint,
  EndpointFaultAction,
  Fault,
  FaultControl,
  FaultEndpoint,
  FaultInput,
} from './faults';
export {
  SANDBOX_SNAPSHOT_VERSION,
  type SandboxSnapshot,
  type SnapshotCustomerToken,
  type SnapshotToken,
} from './persistence';
export {
  createSandbox,
  DEFAULT_CARD_CLIENT,
  type Sandbox,
  type SandboxCardClient,
  type SandboxClient,
  type SandboxClock,
  type SandboxOptions,
} from './sandbox';
export {
  type CardBehaviour,
  DEFAULT_SETTLE_SECONDS,
  MAX_PAYMENT_IDR,
  NETWORK_ERROR_RESOLVE_SECONDS,
  SLOW_REFUND_SECONDS,
  TEST_3DS_OTP,
  TEST_ACCOUNT_ENDINGS,
  TEST_CARDS,
  TEST_DATA,
  TEST_OTP,
  type TestDataRow,
} from './testData';
