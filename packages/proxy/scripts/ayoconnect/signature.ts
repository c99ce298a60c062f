/**
 * §11.1 The signature encoding. The B2B token (RSA) is asked for once signed hex and once base64;
 * the HMAC signature is tried on the status of a payment that does not exist (read-only). A 400 on
 * the token (not a 401) also tries the other `additionalInfo`.
 */
import { randomAlphanumeric, readField, type SignatureEncoding } from '@ayokit/core/snap';
import { type Attempt, attemptOf, type ProbeRun, snapOk } from './context';
import type { Answer } from './wire';

const other = (e: SignatureEncoding): SignatureEncoding => (e === 'hex' ? 'base64' : 'hex');
type Info = 'merchantId' | 'empty';
const infoText = (info: Info) => (info === 'merchantId' ? '{ merchantId }' : '{}');

export interface SignatureResult {
  /** A B2B token, when one was issued. */
  token: string | null;
  /** The encoding later Direct Debit calls are signed with. */
  encoding: SignatureEncoding;
  /** The status answer that got past the signature check, for its fields. */
  statusAnswer: Answer | null;
}

export async function probeSignature(run: ProbeRun): Promise<SignatureResult> {
  const p = run.profile;
  const encodings: SignatureEncoding[] = [p.signatureEncoding, other(p.signatureEncoding)];
  const rsa: (Attempt & { encoding: SignatureEncoding; additionalInfo: Info })[] = [];
  let token: string | null = null;
  let tokenInfo: Info | null = null;
  const tryToken = async (encoding: SignatureEncoding, additionalInfo: Info) => {
    run.note(`§11.1 B2B token, RSA signature in ${encoding}, additionalInfo ${infoText(additionalInfo)}`);
    const a = await run.send(run.wire.b2bToken(encoding, additionalInfo));
    rsa.push({ encoding, additionalInfo, ...attemptOf(a) });
    const value = readField(a.body, ['accessToken', 'access_token']);
    if (snapOk(a) && typeof value === 'string' && !token) {
      token = value;
      tokenInfo = additionalInfo;
    }
  };
  for (const e of encodings) await tryToken(e, p.dd.b2bTokenAdditionalInfo);
  if (!token && rsa.some((a) => a.status !== null && a.status >= 400 && a.status < 500 && a.status !== 401)) {
    for (const e of encodings)
      await tryToken(e, p.dd.b2bTokenAdditionalInfo === 'merchantId' ? 'empty' : 'merchantId');
  }
  const rsaAccepted = [...new Set(rsa.filter(snapOk).map((a) => a.encoding))];
  const rsaRefused = [...new Set(rsa.filter((a) => a.status === 401).map((a) => a.encoding))].filter(
    (e) => !rsaAccepted.includes(e),
  );
  if (tokenInfo) {
    const triedBoth = new Set(rsa.map((a) => a.additionalInfo)).size > 1;
    run.findings.b2bTokenAdditionalInfo = {
      status: 'settled',
      answer: `additionalInfo ${infoText(tokenInfo)} is accepted${triedBoth ? '; the other was refused' : ' (the other not tried)'}`,
    };
    run.settle('dd.b2bTokenAdditionalInfo', tokenInfo);
  } else {
    run.findings.b2bTokenAdditionalInfo = { status: 'unsettled', answer: 'no B2B token was issued' };
  }

  const hmac: (Attempt & { encoding: SignatureEncoding })[] = [];
  let statusAnswer: Answer | null = null;
  if (token) {
    for (const encoding of encodings) {
      run.note(`§11.1 HMAC signature in ${encoding}: the status of a payment that does not exist`);
      const a = await run.send(
        run.wire.dd(
          'paymentStatus',
          // [ref: /reference/dd-v3-debit-status]: merchantId, serviceCode "54", originalReferenceNo.
          {
            merchantId: run.options.target.merchantId,
            serviceCode: '54',
            originalReferenceNo: randomAlphanumeric(32),
          },
          { token, externalId: randomAlphanumeric(32), encoding },
        ),
      );
      hmac.push({ encoding, ...attemptOf(a) });
      if (a.status !== null && a.status !== 401 && !statusAnswer) statusAnswer = a;
    }
  }
  // A 401 with case 00 is the signature; 01 would be the token, which is not the encoding's fault.
  const hmacRefused = hmac
    .filter((a) => a.status === 401 && (!a.code || a.code.slice(5, 7) === '00'))
    .map((a) => a.encoding);
  const hmacAccepted = hmac.filter((a) => a.status !== null && a.status !== 401).map((a) => a.encoding);
  const hmacKnown = hmac.length > 0;
  const both = rsaAccepted.filter((e) => !hmacKnown || hmacAccepted.includes(e));
  const list = (l: string[]) => l.join(', ') || 'none';
  const describe =
    `RSA token signature: accepted ${list(rsaAccepted)}, refused ${list(rsaRefused)}; HMAC: ` +
    (hmacKnown ? `accepted ${list(hmacAccepted)}, refused ${list(hmacRefused)}` : 'not tried (no token)');
  const evidence = { rsa, hmac };
  if (both.length === 1 || both.length === 2) {
    const chosen = both.length === 1 ? both[0]! : p.signatureEncoding;
    run.findings.signatureEncoding = {
      question: '§11.1',
      status: 'settled',
      answer: `${both.length === 1 ? chosen : `either encoding is accepted; keeping ${chosen}`}. ${describe}`,
      evidence,
    };
    run.settle('signatureEncoding', chosen);
    return { token, encoding: chosen, statusAnswer };
  }
  run.findings.signatureEncoding = {
    question: '§11.1',
    status: 'unsettled',
    answer:
      rsaAccepted.length && hmacAccepted.length
        ? `RSA and HMAC accept different encodings; the profile has one entry for both. ${describe}`
        : `${describe}. Check the client id, the secret and the public key registered with Ayoconnect.`,
    evidence,
  };
  return { token, encoding: hmacAccepted[0] ?? p.signatureEncoding, statusAnswer };
}
