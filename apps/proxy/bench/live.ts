/**
 * The live-status part of `pnpm bench` (alone: `pnpm bench:live`): how long after the sandbox
 * sends a payment's settlement callback the hooks see the payment `succeeded`.
 *
 * Shoppers pay checkouts at a steady rate through the hooks' own code — HttpAyoClient, LiveHub
 * and PaymentFlow from packages/hooks, one live connection per shopper as in AyoProvider — against
 * a proxy and a sandbox on real ports. The sandbox settles each payment after its usual delay and
 * posts the signed callback to the proxy, which applies it and appends the event; the event comes
 * down `GET /ayokit/v1/events` (SSE, read by a fetch-based EventSource) to the shopper's flow. The
 * time is taken when the sandbox hands the callback to fetch and when the flow's state turns
 * `succeeded`. Then the same payments with no live stream: the flows poll on the hooks' own
 * schedule (1 s, 2 s, 4 s … 10 s), the fallback's figure.
 *
 *   pnpm bench:live                                   # embedded PGlite
 *   DATABASE_URL=postgres://… pnpm bench:live
 *   BENCH_LIVE_PAYMENTS=400 BENCH_LIVE_RATE=20 BENCH_LIVE_SHOPPERS=20 BENCH_PORT=18831 pnpm bench:live
 *
 * Fails (exit 1) when the live p95 is 100 ms or more, or when a payment is not seen settled.
 */
import { cpus } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { API_PREFIX } from '@ayokit/core';
import { CALLBACK_TYPE_HEADER, generateRsaKeyPair } from '@ayokit/core/snap';
import type { Db } from '@ayokit/proxy';
import { DEFAULT_SETTLE_SECONDS, driveBindingWebview } from '@ayokit/sandbox';
// The hooks' own code, from source (not part of the package's public surface).
import { PaymentFlow } from '../../../packages/hooks/src/flows/payment';
import { HttpAyoClient } from '../../../packages/hooks/src/http';
import { LiveHub, POLL_BASE_MS, POLL_MAX_MS } from '../../../packages/hooks/src/live';
import { eventSourceClass } from './eventSource';
import { atRate, percentile } from './pace';
import { openBenchDb, serveBench, startBenchSandbox } from './setup';

/** The target: the live p95 stays under this. */
export const LIVE_P95_TARGET_MS = 100;

export interface LiveBenchOptions {
  payments: number;
  /** Payments started per second (open loop: a slow answer does not slow the arrivals). */
  rate: number;
  shoppers: number;
  sandboxPort: number;
  proxyPort: number;
  databaseUrl?: string | undefined;
  /** Times every statement and each event's way (append, NOTIFY, SSE) and prints where the ms go. */
  profile?: boolean;
}

export interface Figures {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export interface LiveResult {
  store: string;
  options: LiveBenchOptions;
  /** Callback sent → `succeeded` in the flow, with the stream up. */
  live: Figures;
  /** Callback sent → the proxy answered it (applied, event appended): part of `live`. */
  callback: Figures;
  /** The same with no stream: the hooks' polling. */
  polling: Figures;
  /** Payments not seen settled, or whose callback was not seen, per phase. */
  missing: { live: number; polling: number };
  /** Why, counted. */
  problems: Record<string, number>;
  /** Status reads by the flows while the stream was up (the safety poll is 15 s: expect 0). */
  pollsWhileLive: number;
  ok: boolean;
}

const CLIENT = { clientId: 'bench-live-client', clientSecret: 'bench-live-secret', merchantId: 'AYOKIT' };
const CALLBACK_SECRET = 'bench-live-callback-secret';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function liveBench(o: LiveBenchOptions): Promise<LiveResult> {
  const SHOP = `http://127.0.0.1:${o.proxyPort}`;

  // When the sandbox hands each payment callback to fetch, and when the proxy answered it.
  const sent = new Map<string, { at: number; answeredAt?: number }>();
  const keys = await generateRsaKeyPair();
  const sandbox = startBenchSandbox({
    client: CLIENT,
    publicKeyPem: keys.publicKeyPem,
    callbackSecret: CALLBACK_SECRET,
    sandboxPort: o.sandboxPort,
    proxyPort: o.proxyPort,
    fetch: async (input, init) => {
      const at = performance.now();
      const req = new Request(input, init);
      let ref: string | undefined;
      if (req.headers.get(CALLBACK_TYPE_HEADER) === 'payment') {
        const body = (await req.clone().json()) as { originalPartnerReferenceNo?: string };
        ref = body.originalPartnerReferenceNo;
        // The first try counts: a retry after a failed one is part of the wait.
        if (ref && !sent.has(ref)) sent.set(ref, { at });
      }
      const res = await fetch(req);
      const mark = ref ? sent.get(ref) : undefined;
      if (mark && res.ok && mark.answeredAt === undefined) mark.answeredAt = performance.now();
      return res;
    },
  });
  const raw = await openBenchDb(o.databaseUrl, 'bench_live');
  const profile = o.profile ? new Profile() : null;
  const db = profile ? profile.wrap(raw) : raw;
  const { proxy, servers } = await serveBench({
    sandbox,
    db,
    client: CLIENT,
    privateKeyPem: keys.privateKeyPem,
    callbackSecret: CALLBACK_SECRET,
    sandboxPort: o.sandboxPort,
    proxyPort: o.proxyPort,
    bindingsPerMinute: 10_000,
  });

  try {
    // Each shopper: the hooks' HTTP client (as the browser, with the shopper's session) and one
    // bound BRI account (payments under 1,000,000 need no OTP).
    const shoppers = await Promise.all(
      Array.from({ length: o.shoppers }, async (_, i) => {
        const user = `live-shopper-${i}`;
        const headers = { 'x-bench-user': user, origin: SHOP };
        const reads = { count: 0 };
        const http = new HttpAyoClient({
          baseUrl: `${SHOP}/ayokit`,
          fetch: (input, init) =>
            fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...headers } }),
        });
        // Every status read a flow makes (its polls) goes through getPayment.
        const api = Object.assign(Object.create(http) as HttpAyoClient, {
          getPayment: (id: string) => {
            reads.count++;
            return http.getPayment(id);
          },
        });
        const instrumentId = await bind(SHOP, headers, i);
        return { user, headers, api, reads, instrumentId };
      }),
    );

    // The merchant's server makes the checkouts before the shoppers pay them.
    const checkouts = async (phase: string) =>
      Promise.all(
        Array.from({ length: o.payments }, (_, i) =>
          proxy.checkouts
            .create({
              userId: shoppers[i % o.shoppers]!.user,
              amount: 10_000,
              orderId: `live-${phase}-${i}`,
            })
            .then((c) => c.id),
        ),
      );

    /** Pays every checkout at the rate, each with its own PaymentFlow on the shopper's hub. */
    const phase = async (ids: string[], hubs: LiveHub[]) => {
      const seen = new Map<string, number>(); // payment id → when its flow turned `succeeded`
      const problems: string[] = []; // why the others did not
      await atRate(ids.length, o.rate, (i) => {
        const shopper = shoppers[i % o.shoppers]!;
        const flow = new PaymentFlow(shopper.api, hubs[i % o.shoppers]!);
        const detach = flow.attach();
        const settled = new Promise<void>((resolve) => {
          const limit = setTimeout(
            () => {
              problems.push(`still ${flow.getState().status} after ${DEFAULT_SETTLE_SECONDS + 30} s`);
              done();
            },
            DEFAULT_SETTLE_SECONDS * 1000 + 30_000,
          );
          const off = flow.subscribe(() => {
            const s = flow.getState();
            if (s.status === 'succeeded') {
              seen.set(s.payment.id, performance.now());
              done();
            } else if (s.status === 'failed') {
              problems.push(`failed: ${s.error.code}`);
              done();
            } else if (s.status === 'stillProcessing') {
              problems.push('still processing (the hooks gave up waiting)');
              done();
            }
          });
          function done() {
            clearTimeout(limit);
            off();
            detach();
            resolve();
          }
        });
        void flow.pay({ checkoutId: ids[i]!, instrumentId: shopper.instrumentId });
        return settled;
      });
      const latencies: number[] = [];
      const handled: number[] = [];
      const samples: Sample[] = [];
      for (const [paymentId, at] of seen) {
        const row = await proxy.store.get('payments', paymentId);
        const mark = row ? sent.get(row.partnerReferenceNo) : undefined;
        if (!mark) {
          problems.push('succeeded with no callback sent');
          continue;
        }
        latencies.push(at - mark.at);
        samples.push({ paymentId, sentAt: mark.at, answeredAt: mark.answeredAt, seenAt: at });
        if (mark.answeredAt !== undefined) handled.push(mark.answeredAt - mark.at);
      }
      return { latencies, handled, missing: problems.length, problems, samples };
    };

    // 1. The stream up: one live connection per shopper, open before the first payment.
    const liveIds = await checkouts('sse');
    const hubs = shoppers.map((s) => new LiveHub(s.api));
    const closers = await Promise.all(
      hubs.map(
        (hub, i) =>
          new Promise<() => void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error('bench: the live stream did not open')), 10_000);
            const offState = hub.onConnection((connected) => {
              if (!connected) return;
              clearTimeout(timer);
              offState();
              resolve(off);
            });
            // HttpAyoClient.subscribe makes `new EventSource(url)` right here: this shopper's.
            globalThis.EventSource = eventSourceClass({
              headers: shoppers[i]!.headers,
            }) as unknown as typeof EventSource;
            const off = hub.on(() => undefined);
          }),
      ),
    );
    const readsBefore = shoppers.reduce((n, s) => n + s.reads.count, 0);
    profile?.reset();
    const live = await phase(liveIds, hubs);
    profile?.print(live.samples);
    const pollsWhileLive = shoppers.reduce((n, s) => n + s.reads.count, 0) - readsBefore;
    for (const close of closers) close();

    // 2. No stream: the hooks poll (a hub that never connects, as when EventSource is missing).
    const pollIds = await checkouts('poll');
    const polling = await phase(
      pollIds,
      shoppers.map((s) => new LiveHub(s.api, null, Date.now, false)),
    );

    const liveFigures = figures(live.latencies);
    const result: LiveResult = {
      store: db.kind,
      options: o,
      live: liveFigures,
      callback: figures(live.handled),
      polling: figures(polling.latencies),
      missing: { live: live.missing, polling: polling.missing },
      problems: tally([
        ...live.problems.map((p) => `live: ${p}`),
        ...polling.problems.map((p) => `polling: ${p}`),
      ]),
      pollsWhileLive,
      ok:
        live.missing === 0 &&
        polling.missing === 0 &&
        liveFigures.n >= o.payments &&
        liveFigures.p95 < LIVE_P95_TARGET_MS,
    };
    return result;
  } finally {
    for (const s of servers) s.close();
    sandbox.stop();
    await proxy.close();
    await db.close();
  }
}

interface Sample {
  paymentId: string;
  sentAt: number;
  answeredAt: number | undefined;
  seenAt: number;
}

/**
 * BENCH_LIVE_PROFILE=1: every statement timed (grouped by its first words), and each payment's
 * way cut at the event's append and its notification's arrival.
 */
class Profile {
  private statements = new Map<string, number[]>();
  /** payment id → when its `succeeded` event was committed (its statement or transaction returned), and its id. */
  private appended = new Map<string, { at: number; id: number }>();
  private notified = new Map<number, number>();
  private loop = monitorEventLoopDelay({ resolution: 5 });
  private cpu = process.cpuUsage();
  private wall = performance.now();

  reset(): void {
    this.loop.enable();
    this.loop.reset();
    this.cpu = process.cpuUsage();
    this.wall = performance.now();
    this.statements.clear();
    this.appended.clear();
    this.notified.clear();
  }

  wrap(db: Db): Db {
    const record = (key: string, ms: number) => {
      const list = this.statements.get(key) ?? [];
      this.statements.set(key, list);
      list.push(ms);
    };
    /** Events appended by a statement: committed when it returns, or with their transaction. */
    const time = async <T>(
      sql: string,
      params: unknown[] | undefined,
      run: () => Promise<T[]>,
      inTx: { at: number; id: number }[] | null,
    ) => {
      const t = performance.now();
      const rows = await run();
      const now = performance.now();
      const key = sql.replace(/\s+/g, ' ').trim().slice(0, 60);
      record(key, now - t);
      if (key.startsWith('WITH e AS (INSERT INTO events') && params) {
        const data = JSON.parse(String(params[2])) as { id?: string; status?: string };
        const id = (rows[0] as { id?: number } | undefined)?.id;
        if (data.id && data.status === 'succeeded' && id !== undefined) {
          const mark = { at: now, id };
          this.appended.set(data.id, mark);
          inTx?.push(mark);
        }
      }
      return rows;
    };
    return {
      ...db,
      query: (sql, params) => time(sql, params, () => db.query(sql, params), null),
      transaction: async (fn) => {
        const t = performance.now();
        const marks: { at: number; id: number }[] = [];
        const out = await db.transaction((tx) =>
          fn({ ...tx, query: (sql, params) => time(sql, params, () => tx.query(sql, params), marks) }),
        );
        const now = performance.now();
        record('(a whole transaction: BEGIN … COMMIT)', now - t);
        for (const m of marks) m.at = now;
        return out;
      },
      listen: (channel, onPayload) =>
        db.listen(channel, (payload) => {
          const id = (JSON.parse(payload) as { id?: number }).id;
          if (id !== undefined && !this.notified.has(id)) this.notified.set(id, performance.now());
          onPayload(payload);
        }),
    };
  }

  print(samples: Sample[]): void {
    this.loop.disable();
    const cpu = process.cpuUsage(this.cpu);
    const wall = performance.now() - this.wall;
    console.log(
      '\nprofile (BENCH_LIVE_PROFILE): event loop delay p50 %s ms, p99 %s ms, max %s ms; this process used %s %% of a core',
      (this.loop.percentile(50) / 1e6).toFixed(1),
      (this.loop.percentile(99) / 1e6).toFixed(1),
      (this.loop.max / 1e6).toFixed(1),
      (((cpu.user + cpu.system) / 1000 / wall) * 100).toFixed(0),
    );
    console.log('\nprofile (BENCH_LIVE_PROFILE): statements while live          n   mean ms   p95 ms');
    const rows = [...this.statements].sort(
      (a, b) => b[1].reduce((x, y) => x + y) - a[1].reduce((x, y) => x + y),
    );
    for (const [sql, list] of rows) {
      const f = figures(list);
      const mean = list.reduce((x, y) => x + y, 0) / list.length;
      console.log(
        '  %s %s %s %s',
        sql.padEnd(60),
        String(f.n).padStart(6),
        mean.toFixed(2).padStart(8),
        f.p95.toFixed(2).padStart(8),
      );
    }
    const legs: Record<string, number[]> = {
      'callback sent → event committed': [],
      'event committed → NOTIFY arrived': [],
      'NOTIFY arrived → succeeded in the hooks': [],
      'event committed → callback answered': [],
    };
    for (const s of samples) {
      const a = this.appended.get(s.paymentId);
      const n = a ? this.notified.get(a.id) : undefined;
      if (!a || n === undefined) continue;
      legs['callback sent → event committed']!.push(a.at - s.sentAt);
      legs['event committed → NOTIFY arrived']!.push(n - a.at);
      legs['NOTIFY arrived → succeeded in the hooks']!.push(s.seenAt - n);
      if (s.answeredAt !== undefined) legs['event committed → callback answered']!.push(s.answeredAt - a.at);
    }
    console.log("\n  each payment's way                                n   p50 ms   p95 ms   max ms");
    for (const [leg, list] of Object.entries(legs)) {
      const f = figures(list);
      console.log(
        '  %s %s %s %s %s',
        leg.padEnd(44),
        String(f.n).padStart(6),
        f.p50.toFixed(1).padStart(8),
        f.p95.toFixed(1).padStart(8),
        f.max.toFixed(1).padStart(8),
      );
    }
  }
}

/** Binds one BRI account for this shopper through the proxy and the sandbox's bank page. */
async function bind(shop: string, headers: Record<string, string>, n: number): Promise<string> {
  const h = { ...headers, 'content-type': 'application/json' };
  const started = (await (
    await fetch(`${shop}${API_PREFIX}/bindings`, {
      method: 'POST',
      headers: { ...h, 'idempotency-key': `bench-live-binding-${n}` },
      body: JSON.stringify({ bankCode: '002' }),
    })
  ).json()) as { binding: { id: string; webviewUrl: string } };
  await driveBindingWebview(fetch, started.binding.webviewUrl, {
    accountNumber: `5577${String(n).padStart(6, '0')}`,
    cardExpiry: '12/35',
    otp: '123456',
  });
  for (let i = 0; i < 100; i++) {
    const b = (await (
      await fetch(`${shop}${API_PREFIX}/bindings/${started.binding.id}`, { headers: h })
    ).json()) as { binding: { instrumentId: string | null } };
    if (b.binding.instrumentId) return b.binding.instrumentId;
    await sleep(100);
  }
  throw new Error('bench: binding did not complete');
}

function tally(list: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of list) out[item] = (out[item] ?? 0) + 1;
  return out;
}

function figures(values: number[]): Figures {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

export function printLive(r: LiveResult): void {
  const ms = (v: number) => (Number.isNaN(v) ? '—' : v.toFixed(1)).padStart(8);
  const row = (title: string, f: Figures) =>
    console.log('%s %s %s %s %s', title.padEnd(44), String(f.n).padStart(5), ms(f.p50), ms(f.p95), ms(f.max));
  const { options: o } = r;
  console.log(
    '\nayokit bench — live status: %d payments (%d/s, %d shoppers, settled after %d s), %s store',
    o.payments,
    o.rate,
    o.shoppers,
    DEFAULT_SETTLE_SECONDS,
    r.store,
  );
  console.log('machine: %d × %s, Node %s', cpus().length, cpus()[0]?.model ?? 'unknown CPU', process.version);
  console.log('');
  console.log('callback sent → succeeded in the hooks              n   p50 ms   p95 ms   max ms');
  row('live: SSE (/ayokit/v1/events)', r.live);
  row(
    `polling fallback (${POLL_BASE_MS / 1000} s, ${(2 * POLL_BASE_MS) / 1000} s … ${POLL_MAX_MS / 1000} s)`,
    r.polling,
  );
  row('  of live: callback answered by the proxy', r.callback);
  console.log('');
  console.log(
    'not seen settled: %d live, %d polling; status reads while live: %d',
    r.missing.live,
    r.missing.polling,
    r.pollsWhileLive,
  );
  for (const [problem, count] of Object.entries(r.problems)) console.log('  %d × %s', count, problem);
  console.log(
    'live p95 %s ms: %s (target < %d ms)',
    Number.isNaN(r.live.p95) ? '—' : r.live.p95.toFixed(1),
    r.ok ? 'ok' : 'FAILED',
    LIVE_P95_TARGET_MS,
  );
}

/** The options from the environment: BENCH_LIVE_PAYMENTS, BENCH_LIVE_RATE, BENCH_LIVE_SHOPPERS. */
export function liveOptionsFromEnv(sandboxPort: number, proxyPort: number): LiveBenchOptions {
  return {
    payments: Number(process.env.BENCH_LIVE_PAYMENTS ?? 200),
    rate: Number(process.env.BENCH_LIVE_RATE ?? 10),
    shoppers: Number(process.env.BENCH_LIVE_SHOPPERS ?? 10),
    sandboxPort,
    proxyPort,
    databaseUrl: process.env.DATABASE_URL,
    profile: process.env.BENCH_LIVE_PROFILE === '1',
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const base = Number(process.env.BENCH_PORT ?? 18801);
  const result = await liveBench(liveOptionsFromEnv(base + 2, base + 3));
  printLive(result);
  process.exit(result.ok ? 0 : 1);
}
