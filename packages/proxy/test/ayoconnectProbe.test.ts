import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateRsaKeyPair } from '@ayokit/core/snap';
import { createSandbox, type Sandbox } from '@ayokit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyShape, findField } from '../scripts/ayoconnect/findings';
import type { CliIo } from '../scripts/ayoconnect/keys';
import { type ProbeReport, probeMain } from '../scripts/ayoconnect/probe';
import { loadWireProfile } from '../src/node/profile';

type ProbeFile = Pick<ProbeReport, 'profile' | 'findings'>;

let keys: { privateKeyPem: string; publicKeyPem: string };
let dir = '';

beforeAll(async () => {
  keys = await generateRsaKeyPair();
  dir = await mkdtemp(join(tmpdir(), 'ayokit-probe-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const CARD = { clientId: 'probe-card-client', clientSecret: 'probe-card-secret-xyz' };
const SECRET = 'probe-dd-secret-abc';

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    AYOCONNECT_BASE_URL: 'http://sandbox.test',
    AYOCONNECT_CLIENT_ID: 'probe-client',
    AYOCONNECT_CLIENT_SECRET: SECRET,
    AYOCONNECT_PRIVATE_KEY: keys.privateKeyPem,
    AYOCONNECT_MERCHANT_ID: 'AYOKIT',
    AYOCONNECT_CARD_CLIENT_ID: CARD.clientId,
    AYOCONNECT_CARD_CLIENT_SECRET: CARD.clientSecret,
    ...extra,
  };
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), cwd: dir };
  return { io, text: () => out.join('\n'), errors: () => err.join('\n') };
}

const sandboxOf = (signatureEncoding?: 'hex' | 'base64') =>
  createSandbox({
    merchantId: 'AYOKIT',
    clients: [{ clientId: 'probe-client', clientSecret: SECRET, publicKeyPem: keys.publicKeyPem }],
    cardClients: [CARD],
    publicBaseUrl: 'http://sandbox.test',
    ...(signatureEncoding ? { signatureEncoding } : {}),
  });

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('pnpm ayoconnect:probe against the sandbox', () => {
  let sandbox: Sandbox;
  let run: ReturnType<typeof capture>;
  let code: number;
  let file: ProbeFile;
  const out = () => join(dir, 'sandbox-profile.json');

  beforeAll(async () => {
    sandbox = sandboxOf();
    run = capture();
    code = await probeMain(['--out', 'sandbox-profile.json'], env(), run.io, {
      fetch: (r) => sandbox.fetch(r),
    });
    file = JSON.parse(await readFile(out(), 'utf8')) as ProbeFile;
  });

  it('runs every safe call once and prints the transcript, redacted', () => {
    expect(code, run.errors()).toBe(0);
    const text = run.text();
    for (const path of [
      '/access-token/b2b',
      '/registration-account-binding',
      '/registration-account-inquiry',
      '/debit/status',
      '/v1/oauth/client_credential/accesstoken',
      '/cards/generate-webview',
    ]) {
      expect(text).toContain(path);
    }
    expect(text).toMatch(/→ POST /);
    expect(text).toContain('[redacted]');
    const state = sandbox.exportState();
    expect(state.b2bTokens.length).toBeGreaterThan(0);
    expect(state.cardAccessTokens.length).toBeGreaterThan(0);
    const secrets = [
      SECRET,
      CARD.clientSecret,
      keys.privateKeyPem.split('\n')[1]!,
      ...state.b2bTokens.map((t) => t.token),
      ...state.cardAccessTokens.map((t) => t.token),
    ];
    for (const secret of secrets) expect(text.includes(secret)).toBe(false);
  });

  it('answers the open questions that need no shopper, and writes a profile the proxy loads', async () => {
    const loaded = loadWireProfile(out());
    expect(loaded).toEqual(file.profile);
    // The sandbox signs hex by default and refuses base64: the probe sees that on both signatures.
    expect(file.profile.signatureEncoding).toBe('hex');
    expect(file.findings.signatureEncoding).toMatchObject({ question: '§11.1', status: 'settled' });
    expect(file.findings.externalIdReplay?.question).toBe('§11.2');
    expect(file.findings.externalIdReplay?.evidence).toHaveLength(3);
    // The sandbox follows the reference: an identical replay gets the first answer; the same key
    // with a new partnerReferenceNo is 409xx00, the same partnerReferenceNo with a new key 409xx01.
    const replays = (file.findings.externalIdReplay?.evidence ?? []) as { code: string | null }[];
    expect(replays.map((r) => r.code)).toEqual(['2000700', '4090700', '4090701']);
    expect(file.findings.bindingInquiry?.status).toBe('settled');
    expect(file.findings.responseFields?.question).toBe('§11.5');
    expect(file.findings.cardHeaders).toMatchObject({ question: '§11.7', status: 'settled' });
    // The kit's own card webview body is accepted by the sandbox it is tested against.
    expect(file.findings.cardWebview?.status).toBe('settled');
    expect(file.profile.card?.timestampFormat).toBe('seconds');
    expect(file.profile.card?.headers).toBeDefined();
    for (const q of ['§11.3', '§11.4', '§11.6', '§11.8', '§11.9']) {
      expect(Object.values(file.findings).find((f) => f.question === q)?.status).toBe('not probed');
    }
    expect(JSON.stringify(file)).not.toContain(SECRET);
  });

  it('finds base64 when the gateway signs base64', async () => {
    const b64 = sandboxOf('base64');
    const r = capture();
    expect(await probeMain(['--out', 'b64.json'], env(), r.io, { fetch: (q) => b64.fetch(q) })).toBe(0);
    const profile = loadWireProfile(join(dir, 'b64.json'));
    expect(profile.signatureEncoding).toBe('base64');
  });

  it('keeps the profile it started from, with what it settled laid over it', async () => {
    const r = capture();
    const start = join(dir, 'start.json');
    await import('node:fs/promises').then((fs) =>
      fs.writeFile(start, JSON.stringify({ channelId: '12345', card: { timestampFormat: 'seconds' } })),
    );
    expect(
      await probeMain(['--out', 'again.json'], env({ AYOCONNECT_PROFILE: start }), r.io, {
        fetch: (q) => sandbox.fetch(q),
      }),
    ).toBe(0);
    const profile = loadWireProfile(join(dir, 'again.json'));
    expect(profile.channelId).toBe('12345');
    expect(profile.card?.timestampFormat).toBe(file.profile.card?.timestampFormat);
  });
});

/** A made-up gateway that answers with the profile's second-choice field names. */
function fakeGateway() {
  const bindings = new Map<string, unknown>();
  return async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname;
    const body = request.method === 'POST' ? await request.text() : '';
    if (path.endsWith('/access-token/b2b'))
      return json({ responseCode: '2007300', accessToken: 'FAKE-B2B-TOKEN-1' });
    if (path.endsWith('/registration-account-binding')) {
      const key = `${request.headers.get('x-external-id')}|${body}`;
      const previous = bindings.get(key);
      if (previous) return json(previous);
      if ([...bindings.keys()].some((k) => k.startsWith(`${request.headers.get('x-external-id')}|`))) {
        return json({ responseCode: '4090700', responseMessage: 'Conflict' }, 409);
      }
      const answer = {
        responseCode: '2000700',
        webviewUrl: `https://bank.test/${bindings.size}`,
        referenceNo: `ref${bindings.size}`,
        publicUserId: 'U1',
        data: { latestBindingStatus: 'IN_PROGRESS' },
      };
      bindings.set(key, answer);
      return json(answer);
    }
    if (path.endsWith('/debit/status'))
      return json({ responseCode: '4045501', responseMessage: 'Not Found' }, 404);
    if (path.endsWith('/registration-account-inquiry'))
      return json({ responseCode: '2000800', accounts: [] });
    if (path.endsWith('/accesstoken')) return json({ accessToken: 'FAKE-CARD-TOKEN-1', expiresIn: '3600' });
    if (path.endsWith('/generate-webview')) {
      return request.headers.get('a-correlation-id')
        ? json({ responseCode: '2000100', url: 'https://card.test/1' })
        : json({ responseCode: '4000101', responseMessage: 'Missing header A-Correlation-ID' }, 400);
    }
    return json({ responseCode: '4040000' }, 404);
  };
}

describe('the probe reads what a gateway really answers', () => {
  it('settles the field paths, replays and card headers it sees, whatever the defaults guessed', async () => {
    const r = capture();
    expect(await probeMain(['--out', 'fake.json'], env(), r.io, { fetch: fakeGateway() })).toBe(0);
    const file = JSON.parse(await readFile(join(dir, 'fake.json'), 'utf8')) as ProbeFile;
    expect(loadWireProfile(join(dir, 'fake.json'))).toEqual(file.profile);
    const fields = file.profile.dd?.responseFields;
    expect(fields?.bindingWebviewUrl?.[0]).toBe('webviewUrl');
    expect(fields?.bindingPublicUserId?.[0]).toBe('publicUserId');
    // Not a candidate, found by its key name.
    expect(fields?.bindingStatus?.[0]).toBe('data.latestBindingStatus');
    expect(file.profile.card?.tokenFields?.accessToken?.[0]).toBe('accessToken');
    expect(file.profile.card?.headers?.correlationId).toBe('A-Correlation-ID');
    expect(file.findings.externalIdReplay?.evidence).toEqual([
      expect.objectContaining({ outcome: 'the first answer again' }),
      expect.objectContaining({ outcome: 'conflict', code: '4090700' }),
      expect.objectContaining({ outcome: 'a new session' }),
    ]);
    expect(r.text()).not.toMatch(/FAKE-B2B-TOKEN-1|FAKE-CARD-TOKEN-1/);
  });

  it('never crashes on answers it does not expect: HTML errors, dropped connections', async () => {
    for (const [name, fetch] of [
      ['html', async () => new Response('<html>502 Bad Gateway</html>', { status: 502 })],
      [
        'network',
        async () => {
          throw new TypeError('fetch failed');
        },
      ],
    ] as const) {
      const r = capture();
      expect(await probeMain(['--out', `${name}.json`], env(), r.io, { fetch })).toBe(1);
      expect(r.errors()).toMatch(/No B2B token/);
      const file = JSON.parse(await readFile(join(dir, `${name}.json`), 'utf8')) as ProbeFile;
      expect(loadWireProfile(join(dir, `${name}.json`))).toEqual(file.profile);
      expect(file.findings.signatureEncoding?.status).toBe('unsettled');
    }
  });
});

const pkcs1 = () =>
  generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
    type: 'pkcs1',
    format: 'pem',
  }) as string;

describe('the probe refuses what it must', () => {
  const counting = () => {
    let calls = 0;
    return {
      fetch: async () => {
        calls++;
        return json({ responseCode: '4017300' }, 401);
      },
      calls: () => calls,
    };
  };

  it('refuses a production host unless --production, before any request', async () => {
    for (const extra of [
      { AYOCONNECT_BASE_URL: 'https://api.of.ayoconnect.id' } as Record<string, string>,
      { AYOCONNECT_CARD_BASE_URL: 'https://api.of.ayoconnect.id/' },
    ]) {
      const f = counting();
      const r = capture();
      expect(await probeMain([], env(extra), r.io, f)).toBe(2);
      expect(r.errors()).toMatch(/Refusing to probe api\.of\.ayoconnect\.id.*--production/);
      expect(f.calls()).toBe(0);
    }
    const f = counting();
    const r = capture();
    expect(
      await probeMain(
        ['--production', '--out', 'prod.json'],
        env({ AYOCONNECT_BASE_URL: 'https://api.of.ayoconnect.id' }),
        r.io,
        f,
      ),
    ).toBe(1);
    expect(f.calls()).toBeGreaterThan(0);
  });

  it.each<[string, (e: NodeJS.ProcessEnv) => NodeJS.ProcessEnv, RegExp]>([
    [
      'credentials partly set, naming the missing ones',
      ({ AYOCONNECT_CLIENT_SECRET: _, AYOCONNECT_MERCHANT_ID: __, ...rest }) => rest,
      /^AYOCONNECT_CLIENT_SECRET, AYOCONNECT_MERCHANT_ID: not set\. The probe calls Ayoconnect: set AYOCONNECT_CLIENT_ID, AYOCONNECT_CLIENT_SECRET, AYOCONNECT_PRIVATE_KEY, AYOCONNECT_MERCHANT_ID \(all four\)\.\nusage:/,
    ],
    // The merchant id alone is the embedded sandbox's merchant to the proxy; the probe has none.
    [
      'the merchant id alone',
      () => ({ AYOCONNECT_MERCHANT_ID: 'AYOKIT' }),
      /^AYOCONNECT_CLIENT_ID, AYOCONNECT_CLIENT_SECRET, AYOCONNECT_PRIVATE_KEY: not set\./,
    ],
    [
      'a merchant id that is not one',
      (e) => ({ ...e, AYOCONNECT_MERCHANT_ID: 'TOO-LONG-ID' }),
      /^AYOCONNECT_MERCHANT_ID: must be the 6 letters or digits .*\(got "TOO-LONG-ID"\)/,
    ],
    [
      'a PKCS#1 key',
      (e) => ({ ...e, AYOCONNECT_PRIVATE_KEY: pkcs1() }),
      /^AYOCONNECT_PRIVATE_KEY: is a PKCS#1 key .*openssl pkcs8/,
    ],
    [
      'a key file that is not there, naming the folder it looked in',
      (e) => ({ ...e, AYOCONNECT_PRIVATE_KEY: 'no-such-key.pem' }),
      /^AYOCONNECT_PRIVATE_KEY: is neither a PEM .* nor a file that can be read: no-such-key\.pem in .*ayokit-probe-.* \(ENOENT\)/,
    ],
    // Before, the card client id was used with the Direct Debit secret, and a card secret without
    // its id was ignored: the proxy refuses both, and so does the probe.
    [
      'a card client id without its secret',
      ({ AYOCONNECT_CARD_CLIENT_SECRET: _, ...rest }) => rest,
      /^AYOCONNECT_CARD_CLIENT_SECRET: must be set when AYOCONNECT_CARD_CLIENT_ID is/,
    ],
    [
      'a card client secret without its id',
      ({ AYOCONNECT_CARD_CLIENT_ID: _, ...rest }) => rest,
      /^AYOCONNECT_CARD_CLIENT_ID: must be set when AYOCONNECT_CARD_CLIENT_SECRET is/,
    ],
    [
      'a card merchant code that is not one',
      (e) => ({ ...e, AYOCONNECT_CARD_MERCHANT_CODE: 'CARD' }),
      /^AYOCONNECT_CARD_MERCHANT_CODE: must be the 6 letters or digits/,
    ],
  ])('refuses %s, as the proxy does, before any request', async (_, change, message) => {
    const f = counting();
    const r = capture();
    expect(await probeMain([], change(env()), r.io, f)).toBe(2);
    expect(r.errors()).toMatch(message);
    expect(f.calls()).toBe(0);
  });

  it('reads a relative key path from where the command was typed (INIT_CWD), not the workspace root', async () => {
    await writeFile(join(dir, 'probe-key.pem'), keys.privateKeyPem);
    const sandbox = sandboxOf();
    const r = capture();
    const code = await probeMain(
      ['--out', 'relative-key.json'],
      env({ AYOCONNECT_PRIVATE_KEY: 'probe-key.pem' }),
      r.io,
      { fetch: (q) => sandbox.fetch(q) },
    );
    expect(code, r.errors()).toBe(0);
  });

  it('refuses a base URL with a path, as the proxy does (every request would have dropped it)', async () => {
    for (const [name, url] of [
      ['AYOCONNECT_BASE_URL', 'http://sandbox.test/gateway'],
      ['AYOCONNECT_CARD_BASE_URL', 'http://sandbox.test/cards/v2/'],
    ] as const) {
      const f = counting();
      const r = capture();
      expect(await probeMain([], env({ [name]: url }), r.io, f)).toBe(2);
      expect(r.errors()).toMatch(new RegExp(`^${name}: must be the API's origin.*no path`));
      expect(f.calls()).toBe(0);
    }
  });
});

describe('reading answers', () => {
  it('lists a body shape without its values, and finds fields by candidate or by key name', () => {
    const body = { a: { redirectUrl: 'https://x', n: 1 }, list: [{ accountToken: 'secret' }], z: null };
    expect(bodyShape(body)).toEqual({
      'a.redirectUrl': 'string',
      'a.n': 'number',
      'list.0.accountToken': 'string',
      z: 'null',
    });
    expect(findField(body, ['redirectUrl', 'webviewUrl'])).toEqual({
      candidates: ['redirectUrl', 'webviewUrl'],
      present: [],
      discovered: ['a.redirectUrl'],
      settled: ['a.redirectUrl', 'redirectUrl', 'webviewUrl'],
    });
    expect(findField(body, ['nothing']).settled).toBeNull();
    expect(findField({ webviewUrl: 'u' }, ['redirectUrl', 'webviewUrl']).settled).toEqual([
      'webviewUrl',
      'redirectUrl',
    ]);
  });
});
