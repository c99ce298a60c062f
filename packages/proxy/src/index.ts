export { type AyoProxy, type AyoProxyOptions, type AyoUser, createAyoProxy } from './app';
export { createPgliteDb } from './db/pglite';
export type { Db, Migration, Queryable } from './db/types';
export { AyoConfigError, originProblem, privateKeyPemProblem } from './options';
export type { EventDeliveryTiming, OrderEventOptions, WebhookConfig } from './orderEvents';
export type { AyoconnectConfig } from './snap/client';
export { SnapClient } from './snap/client';
export * from './webhooks';
export {
  type ExchangeLog,
  type ExchangeLogEntry,
  REDACTED,
  redactExchange,
  redactValue,
} from './wire/exchangeLog';
