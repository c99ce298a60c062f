export type { SandboxMode } from './app';
export type { AuthInfo, SandboxEnv } from './auth';
export type { LedgerEntry, LedgerRefund } from './domain/payments';
export { type DriveInput, type DriveResult, driveBindingWebview, type FetchLike } from './drive';
export type {
  CallbackFaultAction,
  EndpointFaultAction,
  Fault,
  FaultControl,
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
  type Sandbox,
  type SandboxClient,
  type SandboxClock,
  type SandboxOptions,
} from './sandbox';
export {
  DEFAULT_SETTLE_SECONDS,
  MAX_PAYMENT_IDR,
  SLOW_REFUND_SECONDS,
  TEST_ACCOUNT_ENDINGS,
  TEST_DATA,
  TEST_OTP,
  type TestDataRow,
} from './testData';
