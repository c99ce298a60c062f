import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toSnapAmount } from '@ayokit/core';
import {
  type BindingInquiryResponse,
  type BindingResponse,
  generateRsaKeyPair,
  type PaymentResponse,
  type SignatureEncoding,
} from '@ayokit/core/snap';
import { createSandbox, driveBindingWebview, type Sandbox } from '@ayokit/sandbox';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { newReference } from '../ids';
import { SnapClient } from './client';

const MERCHANT = 'AYOKIT';
const BASE = 'http://sandbox.test';

let keys: { privateKeyPem: string; publicKeyPem: string };
beforeAll(async () => {
  keys = await generateRsaKeyPair();
});

function sandboxWith(signatureEncoding?: SignatureEncoding): Sandbox {
  return createSandbox({
    merchantId: MERCHANT,
    clients: [{ clientId: 'client-1', clientSecret: 'secret-1', publicKeyPem: keys.publicKeyPem }],
    publicBaseUrl: BASE,
    mode: 'test',
    ...(signatureEncoding ? { signatureEncoding } : {}),
  });
}

function clientFor(
  sandbox: Sandbox,
  options: { signatureEncoding?: SignatureEncoding; timeoutMs?: number } = {},
) {
  return new SnapClient({
    baseUrl: BASE,
    clientId: 'client-1',
    clientSecret: 'secret-1',
    privateKeyPem: keys.privateKeyPem,
    merchantId: MERCHANT,
    fetch: (r) => sandbox.fetch(r),
    ...options,
  });
}

/** Binds an account through the client and the bank page; returns its token and authCode. */
async function bind(client: SnapClient, sandbox: Sandbox, custId: string, accountNumber: string) {
  const partnerReferenceNo = newReference();
  const externalId = newReference();
  const res = await client.call<BindingResponse>(
    'binding',
    {
      partnerReferenceNo,
      lang: 'EN',
      phoneNo: '6281234567890',
      merchantId: MERCHANT,
      additionalData: { bankCode: '002' },
      additionalInfo: { customerId: custId },
    },
    { externalId },
  );
  if (res.kind !== 'response') throw new Error(`binding: ${res.reason}`);
  expect(res.code?.case).toBe('success');
  const webview = await driveBindingWebview(
    (input: RequestInfo | URL, init?: RequestInit) => sandbox.fetch(new Request(input, init)),
    res.body.redirectUrl!,
    { accountNumber, cardExpiry: '12/35', otp: '123456' },
  );
  expect(webview.status).toBe('SUCCESS');
  // The inquiry of this binding, in the binding's flow (its X-EXTERNAL-ID).
  const inquiry = await client.call<BindingInquiryResponse>(
    'bindingInquiry',
    { partnerReferenceNo, additionalInfo: {} },
    { externalId },
  );
  if (inquiry.kind !== 'response') throw new Error('inquiry unreachable');
  const account = inquiry.body.additionalInfo;
  expect(account?.latestBindingStatus).toBe('SUCCESS');
  return { accountToken: account!.accountToken!, authCode: account!.authCode! };
}

const pay = (client: SnapClient, account: { accountToken: string; authCode: string }, amount: number) =>
  client.call<PaymentResponse>(
    'payment',
    {
      partnerReferenceNo: newReference(),
      bankCardToken: account.accountToken,
      merchantId: MERCHANT,
      amount: toSnapAmount(amount),
      additionalInfo: {},
    },
    { externalId: newReference(), authCode: account.authCode },
  );

describe('SnapClient', () => {
  it('fetches one B2B token in all and one B2B2C token per authCode, also for parallel calls', async () => {
    const sandbox = sandboxWith();
    const client = clientFor(sandbox);
    const first = await bind(client, sandbox, 'user-1', '1231230001');
    const second = await bind(client, sandbox, 'user-2', '1231230002');
    for (const amount of [10_000, 11_000, 12_000]) {
      const res = await pay(client, first, amount);
      expect(res.kind === 'response' && res.body.responseCode).toBe('2005400');
    }
    expect(client.stats.byEndpoint).toMatchObject({ b2bToken: 1, b2b2cToken: 1, payment: 3 });
    const parallel = await Promise.all([13_000, 14_000, 15_000].map((a) => pay(client, second, a)));
    for (const res of parallel) expect(res.kind === 'response' && res.body.responseCode).toBe('2005400');
    expect(client.stats.byEndpoint).toMatchObject({ b2bToken: 1, b2b2cToken: 2, payment: 6 });
    await pay(client, first, 16_000);
    expect(client.stats.byEndpoint.b2b2cToken).toBe(2);
    // Forgetting a customer (after unbinding) means a new token next time.
    client.forgetCustomer(first.authCode);
    await pay(client, first, 17_000);
    expect(client.stats.byEndpoint).toMatchObject({ b2bToken: 1, b2b2cToken: 3, payment: 8 });
    const charged = sandbox.ledger().filter((e) => e.accountToken === first.accountToken);
    expect(charged).toHaveLength(5);
  });

  it('signs hex by default and base64 on request; a sandbox expecting base64 refuses hex with 401xx00', async () => {
    const base64Sandbox = sandboxWith('base64');
    const base64Client = clientFor(base64Sandbox, { signatureEncoding: 'base64' });
    const account = await bind(base64Client, base64Sandbox, 'user-b64', '1231230003');
    const paid = await pay(base64Client, account, 20_000);
    expect(paid.kind === 'response' && paid.body.responseCode).toBe('2005400');

    const hexClient = clientFor(base64Sandbox);
    const refused = await hexClient.call(
      'bindingInquiry',
      { partnerReferenceNo: 'x'.repeat(32), additionalInfo: {} },
      { externalId: newReference() },
    );
    expect(refused.kind).toBe('response');
    if (refused.kind !== 'response') return;
    expect(refused.httpStatus).toBe(401);
    expect(refused.body.responseCode).toMatch(/^401\d{2}00$/);

    // And the other way round: a base64 client against a hex sandbox.
    const hexSandbox = sandboxWith();
    const wrong = await clientFor(hexSandbox, { signatureEncoding: 'base64' }).call(
      'bindingInquiry',
      { partnerReferenceNo: 'x'.repeat(32), additionalInfo: {} },
      { externalId: newReference() },
    );
    expect(wrong.kind === 'response' && wrong.body.responseCode).toMatch(/^401\d{2}00$/);
    const right = await clientFor(hexSandbox).call(
      'bindingInquiry',
      { partnerReferenceNo: 'x'.repeat(32), additionalInfo: {} },
      { externalId: newReference() },
    );
    // Authenticated: the sandbox looks the binding up (and does not know it).
    expect(right.kind === 'response' && right.body.responseCode).toBe('4040811');
  });

  it('gives up on a hanging call after timeoutMs: unreachable, reason timeout', async () => {
    const sandbox = sandboxWith();
    // The binding with a deadline far beyond its answers; the hanging call with a short one.
    const account = await bind(clientFor(sandbox, { timeoutMs: 10_000 }), sandbox, 'user-hang', '1231230004');
    const client = clientFor(sandbox, { timeoutMs: 200 });
    sandbox.faults.add({ target: 'endpoint', endpoint: 'payment', action: 'hang', delayMs: 3000 });
    const started = Date.now();
    const res = await pay(client, account, 30_000);
    const elapsed = Date.now() - started;
    expect(res).toMatchObject({ kind: 'unreachable', reason: 'timeout' });
    expect(elapsed).toBeLessThan(1_500);
    sandbox.reset();
  });

  /** The sandbox on a real port, answering through `answer` when it is given. */
  async function serveSandbox(
    sandbox: Sandbox,
    answer?: (res: import('node:http').ServerResponse) => boolean,
  ): Promise<{ base: string; close(): void }> {
    const server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      if (answer?.(res)) return;
      const reply = await sandbox.fetch(
        new Request(new URL(req.url ?? '/', BASE), {
          method: req.method ?? 'GET',
          headers: req.headers as Record<string, string>,
          ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
        }),
      );
      res.writeHead(reply.status, Object.fromEntries(reply.headers));
      res.end(Buffer.from(await reply.arrayBuffer()));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      close() {
        server.closeAllConnections();
        server.close();
      },
    };
  }

  function httpClient(base: string, timeoutMs = 300) {
    return new SnapClient({
      baseUrl: base,
      clientId: 'client-1',
      clientSecret: 'secret-1',
      privateKeyPem: keys.privateKeyPem,
      merchantId: MERCHANT,
      timeoutMs,
    });
  }

  // Without a fetch option the client sends through Node's own HTTP client; where the runtime is
  // not Node (no process.getBuiltinModule, as on an edge runtime), through the global fetch.
  it.each([
    { runtime: "Node's http client", node: true },
    { runtime: 'the global fetch (no node:http)', node: false },
  ])('without a fetch option, sends through $runtime over HTTP and still times out', async ({ node }) => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    if (!node) vi.spyOn(process, 'getBuiltinModule').mockReturnValue(undefined as never);
    const sandbox = sandboxWith();
    const server = await serveSandbox(sandbox);
    try {
      // A deadline far beyond the answers for the calls that must succeed (a busy machine once took
      // more than 300 ms for fetch's first call), a short one for the call that hangs.
      const client = httpClient(server.base, 10_000);
      const account = await bind(client, sandbox, `user-http-${node}`, node ? '1231230005' : '1231230006');
      const paid = await pay(client, account, 25_000);
      // Signed, authenticated and read back: the sandbox accepted every header and the body.
      expect(paid.kind === 'response' && paid.code?.case).toBe('success');
      sandbox.faults.add({ target: 'endpoint', endpoint: 'payment', action: 'hang', delayMs: 3000 });
      const hasty = httpClient(server.base, 300);
      const started = Date.now();
      expect(await pay(hasty, account, 25_000)).toMatchObject({ kind: 'unreachable', reason: 'timeout' });
      expect(Date.now() - started).toBeLessThan(1_500);
      expect(fetchSpy.mock.calls.length > 0).toBe(!node);
    } finally {
      vi.restoreAllMocks();
      sandbox.reset();
      server.close();
    }
  });

  it("reads Node's answers as fetch would: a byte order mark dropped; an oversized one is a failed call", async () => {
    const sandbox = sandboxWith();
    let mode: 'bom' | 'huge' | 'cut' | null = null;
    const server = await serveSandbox(sandbox, (res) => {
      if (mode === 'bom') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`\ufeff${JSON.stringify({ responseCode: '2005400', responseMessage: 'Successful' })}`);
        return true;
      }
      if (mode === 'huge') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`{"responseCode":"2005400","pad":"${'x'.repeat(5 * 1024 * 1024)}"}`);
        return true;
      }
      if (mode === 'cut') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
        res.write('{"responseCode":');
        res.destroy();
        return true;
      }
      return false;
    });
    try {
      // A deadline far beyond what these answers take: an oversized answer must fail as too large
      // (network), not as late, however busy the machine (4 MB through localhost, read by chunks).
      const client = httpClient(server.base, 10_000);
      const account = await bind(client, sandbox, 'user-http-odd', '1231230007');
      mode = 'bom';
      const bom = await pay(client, account, 25_000);
      expect(bom.kind === 'response' && bom.code?.case).toBe('success');
      mode = 'huge';
      expect(await pay(client, account, 25_000)).toMatchObject({ kind: 'unreachable', reason: 'network' });
      mode = 'cut';
      expect(await pay(client, account, 25_000)).toMatchObject({ kind: 'unreachable', reason: 'network' });
    } finally {
      sandbox.reset();
      server.close();
    }
  });
});
