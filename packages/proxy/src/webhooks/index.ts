// `@ayokit/proxy/webhooks`: what the merchant's webhook receiver needs, without the proxy itself.
export { type OrderEvent, type OrderEventType, WEBHOOK_HEADERS } from '@ayokit/core';
export {
  signWebhook,
  type VerifyWebhookInput,
  verifyWebhook,
  WEBHOOK_ERROR_CODES,
  type WebhookErrorCode,
  type WebhookHeaders,
  WebhookVerificationError,
} from './signature';
