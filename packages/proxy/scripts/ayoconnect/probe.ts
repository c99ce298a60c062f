/**
 * `pnpm ayoconnect:probe [--out ayoconnect-profile.json] [--production]`: a merchant's first hour
 * with real credentials. Makes each safe call once (B2B token, a binding session no shopper
 * completes, its inquiry, the status of an unknown payment, the card token, a card webview),
 * prints every exchange redacted, and answers the open questions of AYOCONNECT-API.md §11 that
 * need no shopper: (1) signature encoding, (2) X-EXTERNAL-ID replay, (5) response field names,
 * (7) card header names and timestamp. Writes what it settled as a wire profile
 * (`{ profile, findings }`, read by AYOCONNECT_PROFILE) with the raw findings beside it.
 * It never moves money, and refuses a production host unless --production.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  importPrivateKey,
  parseWireProfileOverrides,
  randomAlphanumeric,
  readField,
  resolveWireProfile,
  type SignatureEncoding,
  type WireProfile,
  type WireProfileOverrides,
  writeField,
} from '@ayokit/core/snap';
import { loadWireProfile } from '../../src/node/profile';
import { type ExchangeLogEntry, redactBody } from '../../src/wire/exchangeLog';
import { bodyShape, type FieldFinding, findField, isObject } from './findings';
import { type CliIo, processIo } from './keys';
import {
  type Answer,
  type CardHeaderSet,
  formatExchange,
  type Prepared,
  type ProbeTarget,
  ProbeWire,
} from './wire';

export const DEFAULT_PROFILE_FILE = 'ayoconnect-profile.json';
const SANDBOX_BASE_URL = 'https://sandbox.api.of.ayoconnect.id';

export interface ProbeOptions {
  target: ProbeTarget;
  /** Overrides the probe started from (AYOCONNECT_PROFILE); kept in the profile it writes. */
  baseOverrides?: WireProfileOverrides | undefined;
  /** `phoneNo` of the binding request ("62…", 9–13 digits). */
  phoneNo: string;
  /** The bank preselected in the binding request, when the profile names a field for it. */
  bankCode: string;
  /** Where the (never completed) webviews would send the shopper back to. */
  returnUrl: string;
  onEntry?: (entry: ExchangeLogEntry) => void;
  /** What the next exchange is for (printed before it). */
  onNote?: (note: string) => void;
}

export type FindingStatus = 'settled' | 'unsettled' | 'not probed';

export interface Finding {
  /** The open question of AYOCONNECT-API.md §11 it answers, when it is one. */
  question?: string;
  status: FindingStatus;
  answer: string;
  evidence?: unknown;
}

export interface ProbeReport {
  probedAt: string;
  baseUrl: string;
  cardBaseUrl: string;
  /** What the probe settled, laid over the overrides it started from: an AYOCONNECT_PROFILE. */
  profile: WireProfileOverrides;
  findings: Record<string, Finding>;
  /** Whether a B2B token was obtained (nothing on Direct Debit works without one). */
  tokenObtained: boolean;
  exchanges: number;
}

type Attempt = { status: number | null; code: string | null; message: string | null; error?: string };

/** Messages are the gateway's text: redacted like the transcript, in case one echoes a secret. */
const safeText = (text: string | null) => {
  if (text === null) return null;
  const r = redactBody(text);
  return typeof r === 'string' ? r : JSON.stringify(r);
};

const attemptOf = (a: Answer): Attempt => ({
  status: a.status,
  code: a.code,
  message: safeText(a.message),
  ...(a.error ? { error: a.error } : {}),
});

const other = (e: SignatureEncoding): SignatureEncoding => (e === 'hex' ? 'base64' : 'hex');
const is2xx = (a: Answer) => a.status !== null && a.status >= 200 && a.status < 300;
/** A SNAP success: HTTP 2xx and, when there is one, a responseCode starting with 2. */
const snapOk = (a: Answer) => is2xx(a) && (a.code === null || a.code.startsWith('2'));
const codeText = (a: Attempt) =>
  a.status === null ? `no answer (${a.error})` : `HTTP ${a.status}${a.code ? ` ${a.code}` : ''}`;

function mergeOverrides(base: unknown, over: unknown): unknown {
  if (!isObject(base) || !isObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = mergeOverrides(out[k], v);
  return out;
}

/** Runs every probe step; never throws on an answer, whatever it is. */
export async function runProbe(options: ProbeOptions): Promise<ProbeReport> {
  const { target } = options;
  const p: WireProfile = target.profile;
  let exchanges = 0;
  const wire = new ProbeWire(target, (entry) => {
    exchanges++;
    options.onEntry?.(entry);
  });
  const note = (text: string) => options.onNote?.(text);
  const findings: Record<string, Finding> = {};
  const settled: Record<string, unknown> = {};
  const settle = (path: string, value: unknown) => writeField(settled, path, value);
  const send = (prepared: Prepared | Promise<Prepared>) =>
    Promise.resolve(prepared).then((r) => wire.send(r));

  // ── 1. B2B token: the RSA signature, hex then base64 (and the other additionalInfo on a 400) ──
  const encodings: SignatureEncoding[] = [p.signatureEncoding, other(p.signatureEncoding)];
  const tokenAttempts: (Attempt & { encoding: SignatureEncoding; additionalInfo: 'merchantId' | 'empty' })[] =
    [];
  let token: string | null = null;
  let tokenInfo: 'merchantId' | 'empty' | null = null;
  const tryToken = async (encoding: SignatureEncoding, additionalInfo: 'merchantId' | 'empty') => {
    note(
      `§11.1 B2B token, RSA signature in ${encoding}, additionalInfo ${additionalInfo === 'merchantId' ? '{ merchantId }' : '{}'}`,
    );
    const a = await send(wire.b2bToken(encoding, additionalInfo));
    tokenAttempts.push({ encoding, additionalInfo, ...attemptOf(a) });
    const value = readField(a.body, ['accessToken', 'access_token']);
    if (snapOk(a) && typeof value === 'string' && !token) {
      token = value;
      tokenInfo = additionalInfo;
    }
  };
  for (const e of encodings) await tryToken(e, p.dd.b2bTokenAdditionalInfo);
  const badRequest = tokenAttempts.some(
    (a) => a.status !== null && a.status >= 400 && a.status < 500 && a.status !== 401,
  );
  if (!token && badRequest) {
    const alt = p.dd.b2bTokenAdditionalInfo === 'merchantId' ? 'empty' : 'merchantId';
    for (const e of encodings) await tryToken(e, alt);
  }
  const ok = (a: Attempt) =>
    a.status !== null && a.status >= 200 && a.status < 300 && (!a.code || a.code.startsWith('2'));
  const rsaAccepted = [...new Set(tokenAttempts.filter(ok).map((a) => a.encoding))];
  const rsaRefused = [
    ...new Set(tokenAttempts.filter((a) => a.status === 401).map((a) => a.encoding)),
  ].filter((e) => !rsaAccepted.includes(e));
  if (tokenInfo) {
    const tried = new Set(tokenAttempts.map((a) => a.additionalInfo));
    findings.b2bTokenAdditionalInfo = {
      status: 'settled',
      answer:
        tried.size > 1
          ? `additionalInfo ${tokenInfo === 'merchantId' ? '{ merchantId }' : '{}'} is accepted; the other was refused`
          : `additionalInfo ${tokenInfo === 'merchantId' ? '{ merchantId }' : '{}'} is accepted (the other not tried)`,
    };
    settle('dd.b2bTokenAdditionalInfo', tokenInfo);
  } else {
    findings.b2bTokenAdditionalInfo = { status: 'unsettled', answer: 'no B2B token was issued' };
  }

  // ── 1b. HMAC signature: the status of an unknown payment, signed each way ──
  const hmacAttempts: (Attempt & { encoding: SignatureEncoding })[] = [];
  let statusAnswer: Answer | null = null;
  if (token) {
    for (const encoding of encodings) {
      note(`§11.1 HMAC signature in ${encoding}: the status of a payment that does not exist`);
      const a = await send(
        wire.dd(
          'paymentStatus',
          // [ref: /reference/dd-v3-debit-status]: merchantId, serviceCode "54", originalReferenceNo.
          { merchantId: target.merchantId, serviceCode: '54', originalReferenceNo: randomAlphanumeric(32) },
          { token, externalId: randomAlphanumeric(32), encoding },
        ),
      );
      hmacAttempts.push({ encoding, ...attemptOf(a) });
      if (a.status !== null && a.status !== 401 && !statusAnswer) statusAnswer = a;
    }
  }
  // A 401 with case 00 is the signature; 01 would be the token, which is not the encoding's fault.
  const hmacRefused = hmacAttempts
    .filter((a) => a.status === 401 && (!a.code || a.code.slice(5, 7) === '00'))
    .map((a) => a.encoding);
  const hmacAccepted = hmacAttempts
    .filter((a) => a.status !== null && a.status !== 401)
    .map((a) => a.encoding);
  {
    const hmacKnown = hmacAttempts.length > 0;
    const both = rsaAccepted.filter((e) => !hmacKnown || hmacAccepted.includes(e));
    const evidence = { rsa: tokenAttempts, hmac: hmacAttempts };
    const describe = `RSA token signature: accepted ${rsaAccepted.join(', ') || 'none'}, refused ${rsaRefused.join(', ') || 'none'}; HMAC: ${hmacKnown ? `accepted ${hmacAccepted.join(', ') || 'none'}, refused ${hmacRefused.join(', ') || 'none'}` : 'not tried (no token)'}`;
    if (both.length === 1) {
      findings.signatureEncoding = {
        question: '§11.1',
        status: 'settled',
        answer: `${both[0]}. ${describe}`,
        evidence,
      };
      settle('signatureEncoding', both[0]);
    } else if (both.length === 2) {
      findings.signatureEncoding = {
        question: '§11.1',
        status: 'settled',
        answer: `either encoding is accepted; keeping ${p.signatureEncoding}. ${describe}`,
        evidence,
      };
      settle('signatureEncoding', p.signatureEncoding);
    } else {
      findings.signatureEncoding = {
        question: '§11.1',
        status: 'unsettled',
        answer:
          rsaAccepted.length && hmacAccepted.length
            ? `RSA and HMAC accept different encodings; the profile has one entry for both. ${describe}`
            : `${describe}. Both refused: check the client id, the secret and the public key registered with Ayoconnect.`,
        evidence,
      };
    }
  }
  const encoding: SignatureEncoding =
    (settled.signatureEncoding as SignatureEncoding | undefined) ?? hmacAccepted[0] ?? p.signatureEncoding;

  // ── 2. A binding session (svc 07) that no shopper completes, its replays (§11.2) and inquiry ──
  const fieldFindings: Record<string, FieldFinding & { from: string }> = {};
  const shapes: Record<string, unknown> = {};
  if (token) {
    const flowKey = randomAlphanumeric(32);
    const partnerReferenceNo = randomAlphanumeric(32);
    // [ref: /reference/dd-v3-registration-account-binding]; the fields the profile guesses, where it puts them.
    const bindingBody = (ref: string) => {
      const body: Record<string, unknown> = {
        partnerReferenceNo: ref,
        lang: 'ID',
        phoneNo: options.phoneNo,
        merchantId: target.merchantId,
        additionalData: {},
        additionalInfo: {},
      };
      if (p.dd.bindingCustomerIdField) writeField(body, p.dd.bindingCustomerIdField, 'ayokitprobe');
      if (p.dd.bindingBankCodeField) writeField(body, p.dd.bindingBankCodeField, options.bankCode);
      const { success, failed } = p.dd.bindingRedirectFields;
      if (success) writeField(body, success, options.returnUrl);
      if (failed) writeField(body, failed, options.returnUrl);
      return body;
    };
    note('a binding session (no shopper will complete it)');
    const first = await wire.dd('binding', bindingBody(partnerReferenceNo), {
      token,
      externalId: flowKey,
      encoding,
    });
    const binding = await wire.send(first);
    shapes.binding = { ...attemptOf(binding), shape: bodyShape(binding.body) };
    if (snapOk(binding)) {
      for (const field of ['bindingWebviewUrl', 'bindingPublicUserId', 'bindingStatus'] as const) {
        fieldFindings[field] = { from: 'binding', ...findField(binding.body, p.dd.responseFields[field]) };
      }
    }
    const sameAsFirst = (a: Answer) => {
      const keys = [...p.dd.responseFields.bindingWebviewUrl, 'referenceNo'];
      const mine = keys.map((k) => readField(a.body, [k]));
      return JSON.stringify(mine) === JSON.stringify(keys.map((k) => readField(binding.body, [k])));
    };
    const classify = (a: Answer) =>
      a.status === null
        ? 'no answer'
        : a.status === 409
          ? 'conflict'
          : is2xx(a)
            ? sameAsFirst(a)
              ? 'the first answer again'
              : 'a new session'
            : 'refused';
    const replay = (text: string) => {
      note(`§11.2 replay: ${text}`);
      return text;
    };
    const replays = [
      {
        case: replay('identical request (same X-EXTERNAL-ID, same body, same bytes)'),
        answer: await wire.send(first),
      },
      {
        case: replay('same X-EXTERNAL-ID, new partnerReferenceNo'),
        answer: await send(
          wire.dd('binding', bindingBody(randomAlphanumeric(32)), { token, externalId: flowKey, encoding }),
        ),
      },
      {
        case: replay('new X-EXTERNAL-ID, same partnerReferenceNo'),
        answer: await send(
          wire.dd('binding', bindingBody(partnerReferenceNo), {
            token,
            externalId: randomAlphanumeric(32),
            encoding,
          }),
        ),
      },
    ].map((r) => ({ case: r.case, ...attemptOf(r.answer), outcome: classify(r.answer) }));
    findings.externalIdReplay = {
      question: '§11.2',
      status: snapOk(binding) ? 'settled' : 'unsettled',
      answer: [
        `first binding: ${codeText(attemptOf(binding))}`,
        ...replays.map((r) => `${r.case}: ${codeText(r)} → ${r.outcome}`),
        ...(snapOk(binding)
          ? []
          : [
              '(the first binding was refused, so the replays show only how the key is checked before the body)',
            ]),
      ].join('; '),
      evidence: replays,
    };

    // Binding details with the flow's own X-EXTERNAL-ID [docs: /docs/get-direct-debit-binding-status].
    const inquiryBody = { partnerReferenceNo, additionalInfo: {} };
    note("binding details (inquiry) with the binding flow's X-EXTERNAL-ID");
    let inquiry = await send(
      wire.dd('bindingInquiry', inquiryBody, { token, externalId: flowKey, encoding }),
    );
    const flowKeyAnswer = attemptOf(inquiry);
    if (inquiry.status === 409) {
      note('binding details again, with a new X-EXTERNAL-ID');
      inquiry = await send(
        wire.dd('bindingInquiry', inquiryBody, { token, externalId: randomAlphanumeric(32), encoding }),
      );
    }
    findings.bindingInquiry = {
      status: inquiry.status !== null ? 'settled' : 'unsettled',
      answer:
        flowKeyAnswer.status === 409
          ? `the binding's X-EXTERNAL-ID is refused on the inquiry (${codeText(flowKeyAnswer)}); a new one got ${codeText(attemptOf(inquiry))}`
          : `with the binding's X-EXTERNAL-ID: ${codeText(flowKeyAnswer)} (an unfinished binding)`,
      evidence: { flowKey: flowKeyAnswer, answer: attemptOf(inquiry), shape: bodyShape(inquiry.body) },
    };
  }

  if (statusAnswer) {
    fieldFindings.paymentTransactionStatus = {
      from: 'paymentStatus (unknown payment)',
      ...findField(statusAnswer.body, p.dd.responseFields.paymentTransactionStatus),
    };
    findings.unknownPaymentStatus = {
      status: 'settled',
      answer: `status of an unknown payment: ${codeText(attemptOf(statusAnswer))} (the reference: fail only on 4045501)`,
      evidence: { ...attemptOf(statusAnswer), shape: bodyShape(statusAnswer.body) },
    };
  }

  // ── 3. Card Acceptance: OAuth token, then a webview with the profile's header names (§11.7) ──
  note('Card Acceptance OAuth token');
  const cardToken = await wire.send(wire.cardToken());
  const tokenFields = {
    accessToken: findField(cardToken.body, p.card.tokenFields.accessToken),
    expiresIn: findField(cardToken.body, p.card.tokenFields.expiresIn),
  };
  const cardBearer = tokenFields.accessToken.settled
    ? readField(cardToken.body, tokenFields.accessToken.settled)
    : undefined;
  findings.cardOAuth = {
    status: typeof cardBearer === 'string' ? 'settled' : 'unsettled',
    answer:
      typeof cardBearer === 'string'
        ? `token at ${tokenFields.accessToken.settled?.[0]}, lifetime at ${tokenFields.expiresIn.settled?.[0] ?? '(none)'} (${typeof readField(cardToken.body, tokenFields.expiresIn.settled ?? ['expiresIn'])})`
        : `no token: ${codeText(attemptOf(cardToken))}`,
    evidence: { ...attemptOf(cardToken), shape: bodyShape(cardToken.body) },
  };
  if (tokenFields.accessToken.settled)
    settle('card.tokenFields.accessToken', tokenFields.accessToken.settled);
  if (tokenFields.expiresIn.settled) settle('card.tokenFields.expiresIn', tokenFields.expiresIn.settled);

  if (typeof cardBearer === 'string') {
    const headerSets: { name: string; headers: CardHeaderSet }[] = [
      { name: 'the profile', headers: { ...p.card.headers } },
      {
        // Ayoconnect's other non-SNAP APIs [code: VL transfer.go]; A-Timestamp and A-Request-ID are guesses.
        name: 'A- headers',
        headers: {
          timestamp: 'A-Timestamp',
          requestId: 'A-Request-ID',
          merchantCode: 'A-Merchant-Code',
          correlationId: 'A-Correlation-ID',
        },
      },
      // The card flows page's older name [docs: /docs/product-flows-3].
      {
        name: 'X-External-ID as correlation',
        headers: { ...p.card.headers, correlationId: 'X-External-ID' },
      },
    ];
    const formats: WireProfile['card']['timestampFormat'][] = [
      p.card.timestampFormat,
      p.card.timestampFormat === 'seconds' ? 'milliseconds' : 'seconds',
    ];
    // The reference names only `customer` and `additionalInfo`; the other names are guesses.
    const webviewBody = {
      customerId: 'ayokitprobe',
      customer: { customerId: 'ayokitprobe' },
      successRedirectUrl: options.returnUrl,
      failedRedirectUrl: options.returnUrl,
    };
    const attempts: (Attempt & { headers: string; timestampFormat: string; outcome: string })[] = [];
    let accepted: { headers: CardHeaderSet; timestampFormat: WireProfile['card']['timestampFormat'] } | null =
      null;
    let webview: Answer | null = null;
    outer: for (const set of headerSets) {
      for (const timestampFormat of formats) {
        note(`§11.7 card webview with ${set.name} headers, timestamp in ${timestampFormat}`);
        const a = await wire.send(
          wire.card('registration', webviewBody, {
            token: cardBearer,
            headers: set.headers,
            timestampFormat,
            correlationId: randomAlphanumeric(32),
          }),
        );
        const outcome = cardHeaderOutcome(a, set.headers);
        attempts.push({ headers: set.name, timestampFormat, ...attemptOf(a), outcome });
        if (outcome === 'accepted' || outcome === 'headers accepted, body refused') {
          accepted = { headers: set.headers, timestampFormat };
          webview = a;
          break outer;
        }
      }
    }
    findings.cardHeaders = {
      question: '§11.7',
      status: accepted ? 'settled' : 'unsettled',
      answer: accepted
        ? `accepted: ${Object.values(accepted.headers).join(', ')}, timestamp in ${accepted.timestampFormat}`
        : 'no header set was accepted; see the attempts',
      evidence: attempts,
    };
    if (accepted) {
      settle('card.headers', accepted.headers);
      settle('card.timestampFormat', accepted.timestampFormat);
    }
    if (webview) {
      findings.cardWebview = {
        status: snapOk(webview) ? 'settled' : 'unsettled',
        answer: snapOk(webview)
          ? 'a webview was opened (no one completes it)'
          : `the body was refused: ${safeText(webview.message) ?? codeText(attemptOf(webview))}`,
        evidence: { ...attemptOf(webview), shape: bodyShape(webview.body) },
      };
    }
  } else {
    findings.cardHeaders = {
      question: '§11.7',
      status: 'unsettled',
      answer: 'no card token, so no card call',
    };
  }

  // ── Response fields (§11.5): which candidate path each answer really used ──
  const seen = Object.entries(fieldFindings).filter(([, f]) => f.settled);
  for (const [field, f] of seen) settle(`dd.responseFields.${field}`, f.settled);
  findings.responseFields = {
    question: '§11.5',
    status: seen.length ? 'settled' : 'unsettled',
    answer: seen.length
      ? seen.map(([field, f]) => `${field} at ${f.settled?.[0]}`).join('; ') +
        (Object.keys(fieldFindings).length > seen.length
          ? `; not in the answer: ${Object.entries(fieldFindings)
              .filter(([, f]) => !f.settled)
              .map(([k]) => k)
              .join(', ')}`
          : '')
      : 'no field of the profile was seen (see the shapes)',
    evidence: { fields: fieldFindings, cardTokenFields: tokenFields, shapes },
  };

  // ── What needs a shopper, money or Ayoconnect's people ──
  const later = (question: string, answer: string): Finding => ({ question, status: 'not probed', answer });
  findings.refundKey = later('§11.3', 'needs a paid payment: refund it once with its own X-EXTERNAL-ID');
  findings.authCodeSource = later(
    '§11.4',
    'needs a completed binding: try B2B2C with the binding X-EXTERNAL-ID',
  );
  findings.refundMode = later('§11.6', 'needs a paid payment: refund half, then ask its status');
  findings.cardRefund = later('§11.8', 'ask Ayoconnect operations');
  findings.productionHost = later('§11.9', 'from the onboarding pack; add it to productionHosts');

  const profile = parseWireProfileOverrides(
    mergeOverrides(options.baseOverrides ?? {}, settled),
    'the probe',
  ) as WireProfileOverrides;
  return {
    probedAt: new Date().toISOString(),
    baseUrl: target.baseUrl,
    cardBaseUrl: target.cardBaseUrl,
    profile,
    findings,
    tokenObtained: token !== null,
    exchanges,
  };
}

/** What a card answer says about the headers we sent. */
function cardHeaderOutcome(a: Answer, headers: CardHeaderSet): string {
  if (a.status === null) return 'no answer';
  if (is2xx(a)) return 'accepted';
  if (a.status === 401 || a.status === 403) return 'refused (authentication)';
  const text =
    `${a.message ?? ''} ${typeof a.body === 'string' ? a.body : JSON.stringify(a.body)}`.toLowerCase();
  const names = Object.values(headers).map((h) => h.toLowerCase());
  if (
    names.some((n) => text.includes(n)) ||
    /header|timestamp|merchant.?code|correlation|request.?id/.test(text)
  ) {
    return 'refused (a header)';
  }
  if (a.status === 400 || a.status === 422) return 'headers accepted, body refused';
  return 'unclear';
}

// ── The command ──────────────────────────────────────────────────────────────────────────────

const USAGE = `usage: pnpm ayoconnect:probe [--out ${DEFAULT_PROFILE_FILE}] [--production] [--profile <file>]
                             [--phone 62…] [--bank 002] [--return-url <url>] [--timeout-ms 15000]
environment: AYOCONNECT_BASE_URL (default ${SANDBOX_BASE_URL}), AYOCONNECT_CLIENT_ID,
  AYOCONNECT_CLIENT_SECRET, AYOCONNECT_PRIVATE_KEY (PEM or file), AYOCONNECT_MERCHANT_ID;
  optional AYOCONNECT_CARD_CLIENT_ID, AYOCONNECT_CARD_CLIENT_SECRET, AYOCONNECT_CARD_BASE_URL,
  AYOCONNECT_CARD_MERCHANT_CODE, AYOCONNECT_PROFILE (the profile to start from), PUBLIC_URL`;

function readPem(value: string, cwd: string): string {
  return value.includes('-----BEGIN')
    ? value.replace(/\\n/g, '\n')
    : readFileSync(resolve(cwd, value), 'utf8');
}

export interface ProbeDeps {
  fetch?: (request: Request) => Promise<Response>;
}

/** The command: exit 0 when it ran with a B2B token, 1 without one, 2 on a usage or setup error. */
export async function probeMain(
  argv: string[],
  env: NodeJS.ProcessEnv,
  io: CliIo,
  deps: ProbeDeps = {},
): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        out: { type: 'string', short: 'o' },
        production: { type: 'boolean', default: false },
        profile: { type: 'string' },
        phone: { type: 'string' },
        bank: { type: 'string' },
        'return-url': { type: 'string' },
        'timeout-ms': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const fail = (message: string) => {
    io.err(message);
    return 2;
  };
  const required = [
    'AYOCONNECT_CLIENT_ID',
    'AYOCONNECT_CLIENT_SECRET',
    'AYOCONNECT_PRIVATE_KEY',
    'AYOCONNECT_MERCHANT_ID',
  ] as const;
  const missing = required.filter((name) => !env[name]?.trim());
  if (missing.length) return fail(`Missing ${missing.join(', ')}.\n${USAGE}`);
  const merchantId = env.AYOCONNECT_MERCHANT_ID!.trim();
  if (!/^[A-Za-z0-9]{6}$/.test(merchantId)) {
    return fail(
      `AYOCONNECT_MERCHANT_ID must be the 6-character merchant id Ayoconnect gave you (got "${merchantId}").`,
    );
  }

  let baseOverrides: WireProfileOverrides | undefined;
  const profileFile = (values.profile as string | undefined) ?? env.AYOCONNECT_PROFILE?.trim();
  try {
    if (profileFile)
      baseOverrides = loadWireProfile(
        resolve(io.cwd, profileFile),
        values.profile ? '--profile' : 'AYOCONNECT_PROFILE',
      );
  } catch (error) {
    return fail((error as Error).message);
  }
  const profile = resolveWireProfile(baseOverrides);

  const baseUrl = (env.AYOCONNECT_BASE_URL?.trim() || SANDBOX_BASE_URL).replace(/\/$/, '');
  const cardBaseUrl = (env.AYOCONNECT_CARD_BASE_URL?.trim() || baseUrl).replace(/\/$/, '');
  const hosts: string[] = [];
  for (const [name, url] of [
    ['AYOCONNECT_BASE_URL', baseUrl],
    ['AYOCONNECT_CARD_BASE_URL', cardBaseUrl],
  ] as const) {
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('not http(s)');
      hosts.push(parsed.hostname);
    } catch {
      return fail(`${name} must be an http(s) URL such as ${SANDBOX_BASE_URL} (got "${url}").`);
    }
  }
  const production = hosts.filter((h) => profile.productionHosts.includes(h));
  if (production.length && !values.production) {
    return fail(
      `Refusing to probe ${[...new Set(production)].join(', ')}: a production host (profile.productionHosts). ` +
        'The probe opens binding sessions and webviews there (no money moves). Pass --production if you mean it.',
    );
  }

  let privateKeyPem: string;
  try {
    privateKeyPem = readPem(env.AYOCONNECT_PRIVATE_KEY!, io.cwd);
  } catch (error) {
    return fail(
      `AYOCONNECT_PRIVATE_KEY: cannot read it (${(error as NodeJS.ErrnoException).code ?? error}).`,
    );
  }
  if (privateKeyPem.includes('BEGIN RSA PRIVATE KEY')) {
    return fail(
      'AYOCONNECT_PRIVATE_KEY is PKCS#1; the proxy needs PKCS#8: openssl pkcs8 -topk8 -nocrypt -in old.pem -out new.pem',
    );
  }
  try {
    await importPrivateKey(privateKeyPem);
  } catch {
    return fail(
      'AYOCONNECT_PRIVATE_KEY is not a PKCS#8 RSA private key PEM (pnpm ayoconnect:keys makes one).',
    );
  }
  const timeoutMs = Number(values['timeout-ms'] ?? 15_000);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) return fail('--timeout-ms must be a positive number.');
  const phoneNo = (values.phone as string | undefined) ?? '6281200000000';
  if (!/^62\d{7,11}$/.test(phoneNo)) return fail('--phone must be 62 then 7–11 digits (9–13 in all).');
  const bankCode = (values.bank as string | undefined) ?? '002';
  if (!/^\d{3}$/.test(bankCode))
    return fail('--bank must be a 3-digit bank code such as 002 (BRI) or 014 (BCA).');
  const publicUrl = env.PUBLIC_URL?.trim().replace(/\/$/, '');
  const returnUrl =
    (values['return-url'] as string | undefined) ??
    (publicUrl ? `${publicUrl}/ayokit/probe-return` : 'https://shop.example/ayokit/probe-return');

  const cardClientId = env.AYOCONNECT_CARD_CLIENT_ID?.trim();
  const cardClientSecret = env.AYOCONNECT_CARD_CLIENT_SECRET;
  const target: ProbeTarget = {
    baseUrl,
    cardBaseUrl,
    clientId: env.AYOCONNECT_CLIENT_ID!.trim(),
    clientSecret: env.AYOCONNECT_CLIENT_SECRET!,
    privateKeyPem,
    merchantId,
    card: {
      // Like the proxy: without card credentials, the Direct Debit ones are tried.
      clientId: cardClientId || env.AYOCONNECT_CLIENT_ID!.trim(),
      clientSecret: (cardClientId && cardClientSecret) || env.AYOCONNECT_CLIENT_SECRET!,
      merchantCode: env.AYOCONNECT_CARD_MERCHANT_CODE?.trim() || merchantId,
    },
    profile,
    timeoutMs,
    fetch: deps.fetch ?? ((r) => fetch(r)),
  };

  io.out(`ayoconnect:probe → ${baseUrl} (cards: ${cardBaseUrl}), merchant ${merchantId}`);
  if (profileFile) io.out(`starting from the profile in ${profileFile}`);
  const report = await runProbe({
    target,
    baseOverrides,
    phoneNo,
    bankCode,
    returnUrl,
    onNote: (text) => io.out(`\n# ${text}`),
    onEntry: (entry) => io.out(formatExchange(entry)),
  });

  const out = resolve(io.cwd, (values.out as string | undefined) ?? DEFAULT_PROFILE_FILE);
  const file = {
    profile: report.profile,
    findings: report.findings,
    probedAt: report.probedAt,
    baseUrl: report.baseUrl,
    cardBaseUrl: report.cardBaseUrl,
  };
  writeFileSync(out, `${JSON.stringify(file, null, 2)}\n`);
  loadWireProfile(out, '--out'); // what the proxy will read: proven readable before we say so

  io.out(`\n${report.exchanges} exchanges. Findings:`);
  for (const [name, f] of Object.entries(report.findings)) {
    io.out(`  ${f.question ? `${f.question} ` : ''}${name} [${f.status}]: ${f.answer}`);
  }
  io.out(`\nWrote ${out}. Start the proxy with AYOCONNECT_PROFILE=${out}`);
  if (!report.tokenObtained)
    io.err('No B2B token was issued: check the credentials and the registered public key.');
  return report.tokenObtained ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await probeMain(process.argv.slice(2), process.env, processIo());
}
