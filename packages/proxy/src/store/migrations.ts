import type { Migration } from '../db/types';

/** The proxy's schema. Append only: a shipped migration never changes. */
export const migrations: Migration[] = [
  {
    id: '0001_direct_debit',
    sql: `
CREATE TABLE idempotency_keys (
  user_id text NOT NULL,
  key text NOT NULL,
  scope text NOT NULL,
  request_hash text NOT NULL,
  resource_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);

CREATE TABLE bindings (
  id text PRIMARY KEY,
  user_id text NOT NULL,
  bank_code text,
  status text NOT NULL,
  partner_reference_no text NOT NULL UNIQUE,
  external_id text NOT NULL,
  reference_no text,
  public_user_id text,
  webview_url text,
  return_url text,
  locale text NOT NULL DEFAULT 'id',
  expires_at timestamptz,
  instrument_id text,
  failure jsonb,
  next_check_at timestamptz,
  check_attempts integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX bindings_user ON bindings (user_id, created_at DESC);
CREATE INDEX bindings_check ON bindings (next_check_at) WHERE next_check_at IS NOT NULL;

CREATE TABLE instruments (
  id text PRIMARY KEY,
  user_id text NOT NULL,
  binding_id text NOT NULL,
  bank_code text NOT NULL,
  public_user_id text NOT NULL,
  account_token text NOT NULL UNIQUE,
  auth_code text NOT NULL,
  masked_number text NOT NULL,
  status text NOT NULL,
  token_expires_at timestamptz,
  is_default boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX instruments_user ON instruments (user_id, created_at);

CREATE TABLE payments (
  id text PRIMARY KEY,
  user_id text NOT NULL,
  instrument_id text NOT NULL REFERENCES instruments (id),
  amount bigint NOT NULL CHECK (amount > 0),
  description text,
  order_id text,
  status text NOT NULL,
  partner_reference_no text NOT NULL UNIQUE,
  external_id text NOT NULL,
  reference_no text,
  otp_attempts_left integer,
  otp_expires_at timestamptz,
  otp_last_error jsonb,
  failure jsonb,
  refunded_amount bigint NOT NULL DEFAULT 0,
  upstream_lease_until timestamptz,
  next_check_at timestamptz,
  check_attempts integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX payments_user ON payments (user_id, created_at DESC);
CREATE INDEX payments_check ON payments (next_check_at) WHERE next_check_at IS NOT NULL;

CREATE TABLE refunds (
  id text PRIMARY KEY,
  user_id text NOT NULL,
  payment_id text NOT NULL REFERENCES payments (id),
  amount bigint NOT NULL CHECK (amount > 0),
  reason text,
  status text NOT NULL,
  partner_refund_no text NOT NULL UNIQUE,
  external_id text NOT NULL,
  refund_no text,
  failure jsonb,
  upstream_lease_until timestamptz,
  next_check_at timestamptz,
  check_attempts integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX refunds_payment ON refunds (payment_id);
CREATE INDEX refunds_check ON refunds (next_check_at) WHERE next_check_at IS NOT NULL;

CREATE TABLE unbindings (
  id text PRIMARY KEY,
  user_id text NOT NULL,
  instrument_id text NOT NULL REFERENCES instruments (id),
  status text NOT NULL,
  partner_reference_no text NOT NULL UNIQUE,
  external_id text NOT NULL,
  reference_no text,
  otp_attempts_left integer,
  otp_expires_at timestamptz,
  otp_last_error jsonb,
  failure jsonb,
  next_check_at timestamptz,
  check_attempts integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE callbacks_seen (
  dedupe_key text PRIMARY KEY,
  type text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE events (
  id bigserial PRIMARY KEY,
  user_id text NOT NULL,
  type text NOT NULL,
  data jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_user ON events (user_id, id);
`,
  },
  {
    // Card Acceptance: card registrations; card instruments beside bank accounts (the Direct Debit
    // columns become optional); payments learn their mode, what was captured, and the references
    // of their capture and void; payments and unbindings count OTP resends.
    id: '0002_card_acceptance',
    sql: `
CREATE TABLE card_registrations (
  id text PRIMARY KEY,
  user_id text NOT NULL,
  status text NOT NULL,
  customer_id text NOT NULL,
  correlation_id text NOT NULL,
  reference_no text UNIQUE,
  webview_url text,
  return_url text,
  locale text NOT NULL DEFAULT 'id',
  expires_at timestamptz,
  instrument_id text,
  failure jsonb,
  next_check_at timestamptz,
  check_attempts integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX card_registrations_user ON card_registrations (user_id, created_at DESC);
CREATE INDEX card_registrations_check ON card_registrations (next_check_at) WHERE next_check_at IS NOT NULL;

ALTER TABLE instruments ADD COLUMN type text NOT NULL DEFAULT 'bank_account';
ALTER TABLE instruments ALTER COLUMN binding_id DROP NOT NULL;
ALTER TABLE instruments ALTER COLUMN bank_code DROP NOT NULL;
ALTER TABLE instruments ALTER COLUMN public_user_id DROP NOT NULL;
ALTER TABLE instruments ALTER COLUMN account_token DROP NOT NULL;
ALTER TABLE instruments ALTER COLUMN auth_code DROP NOT NULL;
ALTER TABLE instruments ADD COLUMN card_registration_id text;
ALTER TABLE instruments ADD COLUMN card_customer_id text;
ALTER TABLE instruments ADD COLUMN card_token text UNIQUE;
ALTER TABLE instruments ADD COLUMN card_brand text;
ALTER TABLE instruments ADD COLUMN card_last4 text;
ALTER TABLE instruments ADD COLUMN card_expiry_month integer;
ALTER TABLE instruments ADD COLUMN card_expiry_year integer;
ALTER TABLE instruments ADD CONSTRAINT instruments_type_columns CHECK (
  (type = 'bank_account' AND account_token IS NOT NULL AND auth_code IS NOT NULL AND bank_code IS NOT NULL
    AND public_user_id IS NOT NULL AND binding_id IS NOT NULL)
  OR (type = 'card' AND card_token IS NOT NULL AND card_customer_id IS NOT NULL)
);

ALTER TABLE payments ADD COLUMN instrument_type text NOT NULL DEFAULT 'bank_account';
ALTER TABLE payments ADD COLUMN mode text NOT NULL DEFAULT 'direct';
ALTER TABLE payments ADD COLUMN correlation_id text;
ALTER TABLE payments ADD COLUMN captured_amount bigint NOT NULL DEFAULT 0;
ALTER TABLE payments ADD COLUMN authorization_expires_at timestamptz;
ALTER TABLE payments ADD COLUMN capture_partner_reference_no text UNIQUE;
ALTER TABLE payments ADD COLUMN capture_amount bigint;
ALTER TABLE payments ADD COLUMN capture_reference_no text;
ALTER TABLE payments ADD COLUMN void_partner_reference_no text UNIQUE;
ALTER TABLE payments ADD COLUMN void_reference_no text;
ALTER TABLE payments ADD COLUMN otp_resends_left integer;
ALTER TABLE payments ADD COLUMN otp_resend_available_at timestamptz;

ALTER TABLE unbindings ADD COLUMN otp_resends_left integer;
ALTER TABLE unbindings ADD COLUMN otp_resend_available_at timestamptz;
`,
  },
  {
    // The merchant's server decides: checkouts it creates (amount, order, mode) that a shopper's
    // payment pays, at most one live payment per checkout (a failed one frees it), and the audit
    // trail of every refund, capture and void by staff or by the merchant's server.
    id: '0003_checkouts_staff',
    sql: `
CREATE TABLE checkouts (
  id text PRIMARY KEY,
  user_id text NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  order_id text NOT NULL,
  description text,
  mode text NOT NULL,
  status text NOT NULL,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX checkouts_user ON checkouts (user_id, created_at DESC);
CREATE INDEX checkouts_order ON checkouts (order_id);

ALTER TABLE payments ADD COLUMN checkout_id text REFERENCES checkouts (id);
CREATE UNIQUE INDEX payments_one_live_per_checkout ON payments (checkout_id)
  WHERE checkout_id IS NOT NULL AND status <> 'failed';
CREATE INDEX payments_order ON payments (order_id);
CREATE INDEX payments_created ON payments (created_at DESC);

CREATE TABLE audit_log (
  id text PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_type text NOT NULL,
  actor_id text NOT NULL,
  actor_name text,
  action text NOT NULL,
  payment_id text NOT NULL,
  amount bigint,
  reason text,
  result text NOT NULL,
  error_code text,
  refund_id text
);
CREATE INDEX audit_log_payment ON audit_log (payment_id, at DESC);
CREATE INDEX audit_log_at ON audit_log (at DESC);
`,
  },
  {
    // Order events for the merchant's server: a transactional outbox (one row per event and
    // delivery target, written in the transaction of the status change it reports), delivered
    // at least once, in order per user, by whichever proxy instance leases the row. And the
    // per-user rate limits, shared by every instance on this database.
    id: '0004_outbox',
    sql: `
CREATE TABLE outbox (
  seq bigserial PRIMARY KEY,
  event_id text NOT NULL,
  target text NOT NULL,
  ordering_key text NOT NULL,
  type text NOT NULL,
  payload text NOT NULL,
  created_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  lease_until timestamptz,
  lease_token text,
  last_error text,
  delivered_at timestamptz,
  UNIQUE (event_id, target)
);
CREATE INDEX outbox_pending ON outbox (target, ordering_key, seq) WHERE delivered_at IS NULL;
CREATE INDEX outbox_due ON outbox (next_attempt_at, seq) WHERE delivered_at IS NULL;
CREATE INDEX outbox_delivered ON outbox (delivered_at) WHERE delivered_at IS NOT NULL;

CREATE TABLE rate_limits (
  key text PRIMARY KEY,
  window_start timestamptz NOT NULL,
  hits integer NOT NULL
);
CREATE INDEX rate_limits_window ON rate_limits (window_start);
`,
  },
  {
    // The audit trail is newest first; entries written in the same millisecond (a refused void by
    // the server and another by staff, say) keep the order they were written in.
    id: '0005_audit_order',
    sql: `
ALTER TABLE audit_log ADD COLUMN seq bigserial;
DROP INDEX audit_log_payment;
DROP INDEX audit_log_at;
CREATE INDEX audit_log_payment ON audit_log (payment_id, at DESC, seq DESC);
CREATE INDEX audit_log_at ON audit_log (at DESC, seq DESC);
`,
  },
  {
    // Who made a refund: the merchant (staff or its server, through the proxy) or the gateway
    // itself (Ayoconnect's operations refund cards on request; the proxy learns of it from the
    // payment's REFUNDED).
    id: '0006_refund_origin',
    sql: `
ALTER TABLE refunds ADD COLUMN origin text NOT NULL DEFAULT 'merchant';
`,
  },
];
