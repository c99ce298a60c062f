/**
 * Card Acceptance: the OAuth token (which fields carry it), then §11.7 a webview asked for with the
 * profile's header names and timestamp format, then with the alternatives the reference mentions,
 * until the gateway stops objecting to the headers.
 */
import {
  type CardRegistrationRequest,
  randomAlphanumeric,
  readField,
  type WireProfile,
} from '@ayokit/core/snap';
import { type Attempt, attemptOf, codeText, is2xx, type ProbeRun, safeText, snapOk } from './context';
import { bodyShape, type FieldFinding, findField } from './findings';
import type { Answer, CardHeaderSet } from './wire';

type TimestampFormat = WireProfile['card']['timestampFormat'];

/** What a card answer says about the headers we sent. */
export function cardHeaderOutcome(a: Answer, headers: CardHeaderSet): string {
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

export async function probeCard(run: ProbeRun): Promise<Record<string, FieldFinding>> {
  const p = run.profile;
  run.note('Card Acceptance OAuth token');
  const cardToken = await run.wire.send(run.wire.cardToken());
  const tokenFields = {
    accessToken: findField(cardToken.body, p.card.tokenFields.accessToken),
    expiresIn: findField(cardToken.body, p.card.tokenFields.expiresIn),
  };
  const bearer = tokenFields.accessToken.settled
    ? readField(cardToken.body, tokenFields.accessToken.settled)
    : undefined;
  const lifetime = tokenFields.expiresIn.settled
    ? readField(cardToken.body, tokenFields.expiresIn.settled)
    : undefined;
  run.findings.cardOAuth = {
    status: typeof bearer === 'string' ? 'settled' : 'unsettled',
    answer:
      typeof bearer === 'string'
        ? `token at ${tokenFields.accessToken.settled?.[0]}, lifetime at ${tokenFields.expiresIn.settled?.[0] ?? '(none)'} (${typeof lifetime})`
        : `no token: ${codeText(attemptOf(cardToken))}`,
    evidence: { ...attemptOf(cardToken), shape: bodyShape(cardToken.body) },
  };
  if (tokenFields.accessToken.settled)
    run.settle('card.tokenFields.accessToken', tokenFields.accessToken.settled);
  if (tokenFields.expiresIn.settled) run.settle('card.tokenFields.expiresIn', tokenFields.expiresIn.settled);
  if (typeof bearer !== 'string') {
    run.findings.cardHeaders = {
      question: '§11.7',
      status: 'unsettled',
      answer: 'no card token, so no card call',
    };
    return tokenFields;
  }

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
    { name: 'X-External-ID as correlation', headers: { ...p.card.headers, correlationId: 'X-External-ID' } },
  ];
  const formats: TimestampFormat[] = [
    p.card.timestampFormat,
    p.card.timestampFormat === 'seconds' ? 'milliseconds' : 'seconds',
  ];
  // The reference names only `customer` and `additionalInfo`; the other names are the kit's
  // guesses (CardRegistrationRequest in @ayokit/core/snap), the very body the proxy sends.
  const webviewBody: CardRegistrationRequest = {
    partnerReferenceNo: randomAlphanumeric(32),
    customer: { id: 'ayokitprobe' },
    successRedirectUrl: run.options.returnUrl,
    failedRedirectUrl: run.options.returnUrl,
  };
  const attempts: (Attempt & { headers: string; timestampFormat: string; outcome: string })[] = [];
  let accepted: { headers: CardHeaderSet; timestampFormat: TimestampFormat; answer: Answer } | null = null;
  for (const set of headerSets) {
    for (const timestampFormat of formats) {
      if (accepted) break;
      run.note(`§11.7 card webview with ${set.name} headers, timestamp in ${timestampFormat}`);
      const a = await run.wire.send(
        run.wire.card('registration', webviewBody, {
          token: bearer,
          headers: set.headers,
          timestampFormat,
          correlationId: randomAlphanumeric(32),
        }),
      );
      const outcome = cardHeaderOutcome(a, set.headers);
      attempts.push({ headers: set.name, timestampFormat, ...attemptOf(a), outcome });
      if (outcome === 'accepted' || outcome === 'headers accepted, body refused') {
        accepted = { headers: set.headers, timestampFormat, answer: a };
      }
    }
  }
  run.findings.cardHeaders = {
    question: '§11.7',
    status: accepted ? 'settled' : 'unsettled',
    answer: accepted
      ? `accepted: ${Object.values(accepted.headers).join(', ')}, timestamp in ${accepted.timestampFormat}`
      : 'no header set was accepted; see the attempts',
    evidence: attempts,
  };
  if (accepted) {
    run.settle('card.headers', accepted.headers);
    run.settle('card.timestampFormat', accepted.timestampFormat);
    const webview = accepted.answer;
    run.findings.cardWebview = {
      status: snapOk(webview) ? 'settled' : 'unsettled',
      answer: snapOk(webview)
        ? 'a webview was opened (no one completes it)'
        : `the body was refused: ${safeText(webview.message) ?? codeText(attemptOf(webview))}`,
      evidence: { ...attemptOf(webview), shape: bodyShape(webview.body) },
    };
  }
  return tokenFields;
}
