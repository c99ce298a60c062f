/**
 * Randomised journeys through the proxy against the sandbox while faults are injected, then the
 * sandbox's ledger is checked against the proxy's records. Used by `chaos.test.ts` (short, fixed
 * seed) and `pnpm chaos --seed N --count N` (long).
 *
 * A journey is one shopper. Direct Debit: bind an account, pay (with OTP when the bank asks,
 * sometimes a wrong one first), sometimes refund. Card: register a test card (3-D Secure,
 * declined, network error… included), pay directly or authorise, then capture (up to 120 %),
 * void or leave the hold to expire, sometimes refund in full. Before each step a fault is injected with probability
 * `faultRate`: a callback dropped, delayed, duplicated or reordered; an endpoint answering 5xx,
 * timing out or hanging; a slow bank; or the proxy restarted. The shopper's client retries an
 * unanswered or 5xx request with the same Idempotency-Key, as the hooks do.
 */
import { BANKS, type BankCode, PAYMENT_OTP_THRESHOLD_IDR } from '@ayokit/core';
import { type FaultEndpoint, type FaultInput, TEST_CARDS } from '@ayokit/sandbox';
import type { Db } from '../src/db/types';
import type { PaymentRow, RefundRow } from '../src/store/rows';
import { paymentView, refundView } from '../src/views';
import { type ChaosEventStats, chaosMerchant } from './chaosEvents';
import { type ApiClient, createWorld, newKey, type Shopper, type World } from './harness';

export interface ChaosOptions {
  seed: number;
  journeys: number;
  /** Probability of a fault before each step (0–1). */
  faultRate: number;
  /** Share of card journeys (default 0.4); the rest are Direct Debit. */
  cardShare?: number;
  /** Journeys run at the same time. */
  concurrency?: number;
  /**
   * Checks the checker: `payTwiceWithNewKey` — the shop makes a second checkout for the same order
   * and the shopper pays it too (a real double charge the checker must see); `moneyBehindTheProxy` —
   * a paid checkout's price no longer matches its charge and the refunds lose their staff or server
   * action, as a hole letting a shopper set a price or refund would leave them; `loseAnEvent` — an order event
   * disappears before it reaches the merchant's webhook.
   */
  sabotage?: 'payTwiceWithNewKey' | 'moneyBehindTheProxy' | 'loseAnEvent';
  /**
   * The merchant's flaky `onEvent` and webhook (default true). Without them no table is observed,
   * and every status moves by one statement with its live event instead of a transaction.
   */
  orderEvents?: boolean;
  onProgress?: (done: number) => void;
}

export interface ChaosReport {
  seed: number;
  journeys: number;
  cardJourneys: number;
  payments: number;
  faults: Record<string, number>;
  faultsInjected: number;
  restarts: number;
  clientRetries: number;
  charged: number;
  doubleCharges: number;
  /** Charged at the bank but not `succeeded` at the proxy. */
  lostPayments: number;
  /** `succeeded` at the proxy with no charge at the bank. */
  phantomPayments: number;
  /** Not terminal at the end of the reconcile window (`requires_otp` left by the shopper excepted). */
  unresolved: number;
  refundsOverCharge: number;
  refundMismatches: number;
  /** Shopper attacks tried: tampered amounts/modes/orders, self-refunds, captures and voids. */
  attacks: number;
  /** Attacks answered 2xx, charges not at their checkout's amount, refunds no staff or server made. */
  moneyMovedByAttacks: number;
  /** Order events: what reached the merchant's flaky `onEvent` and webhook (problems prefixed `event:`). */
  events: ChaosEventStats;
  problems: string[];
  seconds: number;
}

/** mulberry32: small, fast, good enough to make runs repeatable. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (p: number) => next() < p,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}
type Rng = ReturnType<typeof rng>;

const FAULT_ENDPOINTS: readonly FaultEndpoint[] = [
  'binding',
  'bindingInquiry',
  'payment',
  'verifyOtp',
  'paymentStatus',
  'refund',
  'card.registration',
  'card.cards',
  'card.charge',
  'card.status',
  'card.void',
  'card.refund',
];
const HANG_MS = 400;
const TIMEOUT_MS = 250;

function randomFault(r: Rng): { name: string; fault: FaultInput | 'restart' } {
  const roll = r.next();
  if (roll < 0.45) {
    const action = r.pick(['drop', 'delay', 'duplicate', 'reorder'] as const);
    return {
      name: `callback ${action}`,
      fault: { target: 'callbacks', action, delaySeconds: r.int(10, 600), count: r.int(1, 2) },
    };
  }
  if (roll < 0.85) {
    const action = r.pick(['error', 'gatewayTimeout', 'hang'] as const);
    const endpoint = r.pick(FAULT_ENDPOINTS);
    return {
      name: `${endpoint} ${action}`,
      fault: { target: 'endpoint', endpoint, action, delayMs: HANG_MS, count: 1 },
    };
  }
  if (roll < 0.93) {
    return { name: 'bank slow', fault: { target: 'bank', action: 'slow', settleSeconds: r.int(30, 900) } };
  }
  return { name: 'proxy restart', fault: 'restart' };
}

interface ApiPayment {
  id: string;
  status: string;
  amount: number;
  refundedAmount: number;
  otp: { attemptsLeft: number } | null;
}

/**
 * The browser's view: the last live event of every payment and refund shows its status and
 * amounts as stored (a stream that missed a move, or kept a predicted event the row contradicts,
 * would leave a shopper looking at a stale status).
 */
async function liveEventProblems(
  world: World,
  payments: PaymentRow[],
  refunds: RefundRow[],
): Promise<string[]> {
  const rows = await world.proxy.store.db.query<{ type: string; data: Record<string, unknown> }>(
    `SELECT DISTINCT ON (type, data->>'id') type, data FROM events
     WHERE type IN ('payment', 'refund') ORDER BY type, data->>'id', id DESC`,
  );
  const last = new Map(rows.map((r) => [`${r.type}:${String(r.data.id)}`, r.data]));
  const problems: string[] = [];
  const compare = (kind: string, id: string, stored: Record<string, unknown>) => {
    const shown = last.get(`${kind}:${id}`);
    for (const [field, value] of Object.entries(stored)) {
      if (shown?.[field] !== value)
        problems.push(
          `${kind} ${id}: its last live event shows ${field} ${String(shown?.[field])}, stored ${String(value)}`,
        );
    }
  };
  // What the browser would be shown of the stored row: the proxy's own views.
  for (const p of payments) {
    const view = paymentView(p);
    compare('payment', p.id, { status: view.status, refundedAmount: view.refundedAmount });
  }
  for (const f of refunds) compare('refund', f.id, { status: refundView(f).status });
  return problems;
}

export async function runChaos(db: Db, options: ChaosOptions): Promise<ChaosReport> {
  const started = Date.now();
  const r = rng(options.seed);
  // The merchant's server fails as often as the bank does.
  const merchant = options.orderEvents === false ? null : chaosMerchant(options.seed, options.faultRate);
  const world: World = await createWorld(db, {
    timeoutMs: TIMEOUT_MS,
    // Card journeys refund in full: a refund API the default profile lacks.
    profile: { capabilities: { cardRefund: true } },
    // Enough for every journey's steps; the limits themselves are tested elsewhere.
    proxy: { rateLimits: { otpPerMinute: 10_000, bindingsPerMinute: 10_000 }, ...merchant?.options },
  });
  merchant?.attach(world);
  const faults: Record<string, number> = {};
  let restarts = 0;
  let clientRetries = 0;
  let cardJourneys = 0;
  let restarting: Promise<void> | null = null;
  const problems: string[] = [];

  const inject = async () => {
    if (!restarting) await merchant?.maybeDeliver(world, 0.1);
    if (!r.chance(options.faultRate)) return;
    const { name, fault } = randomFault(r);
    faults[name] = (faults[name] ?? 0) + 1;
    if (fault === 'restart') {
      restarts++;
      restarting ??= world.restart().finally(() => {
        restarting = null;
      });
      await restarting;
    } else {
      world.sandbox.faults.add(fault);
    }
  };

  /** POST like the hooks: an unanswered or 5xx request is retried with the same key. */
  const post = async <T>(client: ApiClient, path: string, body: unknown) => {
    const key = newKey();
    for (let attempt = 0; ; attempt++) {
      if (restarting) await restarting;
      const res = await client.post<T>(path, body, { key });
      if (res.status < 500 || attempt === 4) return res;
      clientRetries++;
      await world.advance(r.int(1, 30));
    }
  };

  /** The merchant's server fixes the amount, order and mode; the shopper pays with an instrument. */
  const checkout = async (shopper: Shopper, amount: number, mode: 'direct' | 'authorize' = 'direct') => {
    if (restarting) await restarting;
    return world.proxy.checkouts.create({
      userId: shopper.userId,
      amount,
      orderId: `order-${newKey()}`,
      mode,
    });
  };
  const payCheckout = (shopper: Shopper, checkoutId: string, instrumentId: string) =>
    post<{ payment: ApiPayment }>(shopper, `/checkouts/${checkoutId}/pay`, { instrumentId });

  let attacks = 0;
  let attacksAccepted = 0;
  /** A shopper tries to choose the price or move money back; every try must be refused. */
  const attack = async (
    shopper: Shopper,
    checkoutId: string,
    instrumentId: string,
    paymentId: string | null,
  ) => {
    const tries: [string, unknown][] = [
      [`/checkouts/${checkoutId}/pay`, { instrumentId, amount: 1 }],
      [`/checkouts/${checkoutId}/pay`, { instrumentId, mode: 'authorize', orderId: 'order-cheap' }],
      ['/payments', { instrumentId, amount: 1, orderId: 'order-cheap' }],
    ];
    if (paymentId) {
      tries.push([`/payments/${paymentId}/refunds`, {}], [`/payments/${paymentId}/capture`, { amount: 1 }]);
      tries.push([`/payments/${paymentId}/void`, {}]);
    }
    const [path, body] = r.pick(tries);
    attacks++;
    const res = await post(shopper, path, body);
    if (res.status < 300) {
      attacksAccepted++;
      problems.push(`attack ${path} ${JSON.stringify(body)} answered ${res.status}`);
    }
  };

  const cardJourney = async (shopper: Shopper) => {
    cardJourneys++;
    const card = r.pick([
      TEST_CARDS.visa,
      TEST_CARDS.mastercard,
      TEST_CARDS.jcb,
      TEST_CARDS.threeDSecure,
      TEST_CARDS.declined,
      TEST_CARDS.insufficientFunds,
      TEST_CARDS.networkError,
    ]);
    await inject();
    let registered: Awaited<ReturnType<Shopper['registerCard']>>;
    try {
      registered = await shopper.registerCard({ cardNumber: card, otp: '123456' });
    } catch {
      return; // the registration could not start (an injected 5xx); nothing was charged
    }
    let registration = registered.cardRegistration;
    for (let i = 0; i < 5 && registration.status === 'in_progress'; i++) {
      await world.advance(60);
      const read = await shopper.get<{ cardRegistration: typeof registration }>(
        `/card-registrations/${registration.id}`,
      );
      if (read.status === 200) registration = read.body.cardRegistration;
    }
    const instrumentId = registration.instrumentId;
    if (!instrumentId) return;

    await inject();
    const mode = r.chance(0.5) ? 'authorize' : 'direct';
    const amount = r.int(1, 5_000) * 1000;
    const order = await checkout(shopper, amount, mode);
    if (r.chance(0.2)) await attack(shopper, order.id, instrumentId, null);
    const created = await payCheckout(shopper, order.id, instrumentId);
    if (created.status !== 201 && created.status !== 200) return;
    let payment = created.body.payment;
    if (options.sabotage === 'payTwiceWithNewKey') {
      await payCheckout(shopper, (await checkout(shopper, amount, mode)).id, instrumentId);
    }
    await inject();
    await world.settle();
    const now = await shopper.get<{ payment: ApiPayment }>(`/payments/${payment.id}`);
    if (now.status === 200) payment = now.body.payment;
    if (r.chance(0.2)) await attack(shopper, order.id, instrumentId, payment.id);
    const desk = shopper.backOffice;
    if (payment.status === 'authorized') {
      await inject();
      const roll = r.next();
      if (roll < 0.5) {
        // Capture: the authorised amount, less, or up to 120 %.
        const capture = r.pick([amount, Math.ceil(amount / 2), Math.floor((amount * 12) / 10)]);
        const captured = await post<{ payment: ApiPayment }>(desk, `/payments/${payment.id}/capture`, {
          amount: capture,
        });
        if (captured.body.payment) payment = captured.body.payment;
        if (r.chance(0.2)) await post(desk, `/payments/${payment.id}/capture`, {}); // a second capture
      } else if (roll < 0.8) {
        const voided = await post<{ payment: ApiPayment }>(desk, `/payments/${payment.id}/void`, {});
        if (voided.body.payment) payment = voided.body.payment;
      } // else: left to expire
    }
    if (payment.status === 'succeeded' && r.chance(0.4)) {
      await inject();
      if (r.chance(0.3)) await post(desk, `/payments/${payment.id}/refunds`, { amount: 1000 }); // partial: refused
      await post(desk, `/payments/${payment.id}/refunds`, {});
    }
  };

  const journey = async (n: number) => {
    const shopper = world.as(`chaos-${options.seed}-${n}`);
    if (r.chance(options.cardShare ?? 0.4)) return cardJourney(shopper);
    const bank = r.pick(BANKS);
    const ending = r.pick(['0001', '0002', '0003', '0004', '0051', '0036']);
    await inject();
    let bound: Awaited<ReturnType<Shopper['bind']>>;
    try {
      bound = await shopper.bind({
        bankCode: bank.code as BankCode,
        accountNumber: `${r.int(100000, 999999)}${ending}`,
      });
    } catch {
      return; // the binding could not start (an injected 5xx); nothing was charged
    }
    for (let i = 0; i < 5 && bound.binding.status !== 'succeeded'; i++) {
      await world.advance(60);
      const b = await shopper.get<{ binding: typeof bound.binding }>(`/bindings/${bound.binding.id}`);
      if (b.status === 200) bound.binding = b.body.binding;
    }
    const instrumentId = bound.binding.instrumentId;
    if (!instrumentId) return;

    await inject();
    const amount = r.chance(0.3) ? r.int(PAYMENT_OTP_THRESHOLD_IDR, 5_000_000) : r.int(1, 999) * 1000;
    const order = await checkout(shopper, amount);
    if (r.chance(0.2)) await attack(shopper, order.id, instrumentId, null);
    const created = await payCheckout(shopper, order.id, instrumentId);
    if (created.status !== 201 && created.status !== 200) return;
    let payment = created.body.payment;
    if (options.sabotage === 'payTwiceWithNewKey' && payment.status === 'processing') {
      await payCheckout(shopper, (await checkout(shopper, amount)).id, instrumentId);
    }

    if (payment.status === 'requires_otp') {
      await inject();
      if (r.chance(0.2)) {
        const wrong = await post<{ payment: ApiPayment }>(shopper, `/payments/${payment.id}/otp`, {
          otp: '000000',
        });
        if (wrong.body.payment) payment = wrong.body.payment;
      }
      if (payment.status === 'requires_otp' && !r.chance(0.05)) {
        const right = await post<{ payment: ApiPayment }>(shopper, `/payments/${payment.id}/otp`, {
          otp: '123456',
        });
        if (right.body.payment) payment = right.body.payment;
      }
    }

    await inject();
    await world.settle();
    const now = await shopper.get<{ payment: ApiPayment }>(`/payments/${payment.id}`);
    if (now.status === 200) payment = now.body.payment;
    if (r.chance(0.2)) await attack(shopper, order.id, instrumentId, payment.id);
    if (payment.status === 'succeeded' && r.chance(0.4)) {
      await inject();
      const full = r.chance(0.5);
      const finance = shopper.backOffice;
      await post(finance, `/payments/${payment.id}/refunds`, full ? {} : { amount: Math.ceil(amount / 2) });
      if (r.chance(0.3)) {
        // A second refund of everything: must never take the total above the charge.
        await post(finance, `/payments/${payment.id}/refunds`, {});
      }
    }
  };

  const concurrency = options.concurrency ?? 4;
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < options.journeys) {
      const n = next++;
      try {
        await journey(n);
      } catch (err) {
        problems.push(`journey ${n} crashed: ${(err as Error).stack ?? String(err)}`);
      }
      done++;
      options.onProgress?.(done);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));

  // The reconcile window: no new faults, callbacks retried (0/1/2/5 min), the reconciler's backoff.
  world.sandbox.faults.clear();
  for (let i = 0; i < 30; i++) await world.advance(60);
  // Holds nobody captured or voided expire (the gateway voids them), then their callbacks land.
  await world.advance(8 * 86_400);
  for (let i = 0; i < 10; i++) await world.advance(60);

  const all = 1_000_000;
  const payments = await world.proxy.store.list('payments', {}, 'created_at', all);
  const refunds = await world.proxy.store.list('refunds', {}, 'created_at', all);
  // One view of both ledgers: what each charge took and gave back.
  const ledger = [
    ...world.sandbox.ledger().map((e) => ({
      partnerReferenceNo: e.partnerReferenceNo,
      charged: e.charged,
      amount: e.amount,
      refundedAmount: e.refundedAmount,
      voided: false,
    })),
    ...world.sandbox.cardLedger().map((e) => ({
      partnerReferenceNo: e.partnerReferenceNo,
      charged: e.charged,
      amount: e.chargedAmount,
      refundedAmount: e.refundedAmount,
      voided: e.status === 'VOIDED',
    })),
  ];
  const byReference = new Map(ledger.map((e) => [e.partnerReferenceNo, e]));
  const paymentsByUser = new Map<string, PaymentRow[]>();
  for (const p of payments) paymentsByUser.set(p.userId, [...(paymentsByUser.get(p.userId) ?? []), p]);

  let doubleCharges = 0;
  let lostPayments = 0;
  let phantomPayments = 0;
  let unresolved = 0;
  let refundsOverCharge = 0;
  let refundMismatches = 0;
  const known = new Set(payments.map((p) => p.partnerReferenceNo));
  for (const entry of ledger) {
    if (entry.charged && !known.has(entry.partnerReferenceNo)) {
      lostPayments++;
      problems.push(`charged ${entry.partnerReferenceNo} unknown to the proxy`);
    }
    if (entry.refundedAmount > entry.amount) {
      refundsOverCharge++;
      problems.push(`${entry.partnerReferenceNo}: refunded ${entry.refundedAmount} of ${entry.amount}`);
    }
  }
  for (const [userId, rows] of paymentsByUser) {
    // Each journey pays once: more than one charge for a shopper is a double charge.
    const charges = rows.filter((p) => byReference.get(p.partnerReferenceNo)?.charged).length;
    if (charges > 1) {
      doubleCharges += charges - 1;
      problems.push(`${userId} charged ${charges} times`);
    }
  }
  for (const p of payments) {
    const entry = byReference.get(p.partnerReferenceNo);
    if (entry?.charged && p.status !== 'succeeded') {
      lostPayments++;
      problems.push(`${p.id} charged at the bank but ${p.status} at the proxy`);
    }
    if (p.status === 'succeeded' && !entry?.charged) {
      phantomPayments++;
      problems.push(`${p.id} succeeded at the proxy but not charged at the bank`);
    }
    if (
      entry?.charged &&
      p.status === 'succeeded' &&
      p.instrumentType === 'card' &&
      p.capturedAmount !== entry.amount
    ) {
      problems.push(`${p.id} captured ${p.capturedAmount} at the proxy, ${entry.amount} at the gateway`);
    }
    if (entry?.voided !== (p.status === 'voided')) {
      if (entry?.voided || p.status === 'voided')
        problems.push(`${p.id} is ${p.status} at the proxy, voided=${entry?.voided} at the gateway`);
    }
    if (p.status === 'created' || p.status === 'processing' || p.status === 'authorized') {
      unresolved++;
      problems.push(`${p.id} still ${p.status}`);
    }
    if (entry && p.refundedAmount !== entry.refundedAmount) {
      const open = refunds.some(
        (f: RefundRow) => f.paymentId === p.id && (f.status === 'created' || f.status === 'processing'),
      );
      if (!open) {
        refundMismatches++;
        problems.push(
          `${p.id} refunded ${p.refundedAmount} at the proxy, ${entry.refundedAmount} at the bank`,
        );
      }
    }
  }
  // Money moved by shoppers' attacks: a charge not at its checkout's amount, a refund no member of
  // staff nor the merchant's server made (every one is in the audit trail), an attack accepted.
  let moneyMovedByAttacks = attacksAccepted;
  if (options.sabotage === 'moneyBehindTheProxy') {
    await world.proxy.store.db.query(
      "UPDATE checkouts SET amount = amount + 1 WHERE id = (SELECT checkout_id FROM payments WHERE status = 'succeeded' ORDER BY id LIMIT 1)",
    );
    await world.proxy.store.db.query('DELETE FROM audit_log WHERE refund_id IS NOT NULL');
  }
  const checkouts = new Map(
    (await world.proxy.store.list('checkouts', {}, 'created_at', all)).map((c) => [c.id, c]),
  );
  for (const p of payments) {
    const ordered = p.checkoutId ? checkouts.get(p.checkoutId) : undefined;
    const entry = byReference.get(p.partnerReferenceNo);
    if (!ordered || p.amount !== ordered.amount || p.mode !== ordered.mode || p.orderId !== ordered.orderId) {
      moneyMovedByAttacks++;
      problems.push(`${p.id} is not its checkout's: ${p.amount} ${p.mode} ${p.orderId}`);
    } else if (entry?.charged && p.mode === 'direct' && entry.amount !== ordered.amount) {
      moneyMovedByAttacks++;
      problems.push(`${p.id} charged ${entry.amount} for a checkout of ${ordered.amount}`);
    }
  }
  const audited = new Set(
    (await world.proxy.store.list('audit_log', { result: 'accepted' }, 'at', all)).map((a) => a.refundId),
  );
  for (const f of refunds) {
    if (!audited.has(f.id)) {
      moneyMovedByAttacks++;
      problems.push(`refund ${f.id} of ${f.paymentId} has no staff or server action behind it`);
    }
  }
  await merchant?.drain(world, options.sabotage === 'loseAnEvent' ? options.sabotage : undefined);
  const instruments = await world.proxy.store.list('instruments', {}, 'created_at', all);
  const events = (await merchant?.check(world, { payments, refunds, instruments })) ?? {
    problems: [],
    stats: { recorded: 0, deliveries: 0, redeliveries: 0, failedAttempts: 0 },
  };
  problems.push(...events.problems);
  problems.push(...(await liveEventProblems(world, payments, refunds)));
  await world.close();
  return {
    seed: options.seed,
    journeys: options.journeys,
    cardJourneys,
    payments: payments.length,
    faults,
    faultsInjected: Object.values(faults).reduce((a, b) => a + b, 0),
    restarts,
    clientRetries,
    charged: ledger.filter((e) => e.charged).length,
    doubleCharges,
    lostPayments,
    phantomPayments,
    unresolved,
    refundsOverCharge,
    refundMismatches,
    attacks,
    moneyMovedByAttacks,
    events: events.stats,
    problems,
    seconds: (Date.now() - started) / 1000,
  };
}

export function formatReport(report: ChaosReport): string {
  const faults = Object.entries(report.faults)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return [
    `chaos seed=${report.seed}: ${report.journeys} journeys (${report.cardJourneys} card), ${report.payments} payments, ${report.charged} charged, in ${report.seconds.toFixed(1)} s`,
    `faults injected: ${report.faultsInjected} (${faults || 'none'}); proxy restarts ${report.restarts}; client retries ${report.clientRetries}`,
    `order events: ${report.events.recorded} recorded, ${report.events.deliveries} deliveries (${report.events.redeliveries} again, after a timeout), ${report.events.failedAttempts} failed attempts retried; problems: ${report.problems.filter((p) => p.startsWith('event:')).length}`,
    `double charges: ${report.doubleCharges} · lost payments: ${report.lostPayments} · phantom: ${report.phantomPayments} · unresolved: ${report.unresolved} · refunds over charge: ${report.refundsOverCharge} · refund mismatches: ${report.refundMismatches}`,
    `shopper attacks: ${report.attacks} (tampered amounts, self-refunds, captures, voids) · money moved by them: ${report.moneyMovedByAttacks}`,
  ].join('\n');
}
