/**
 * A binding session no shopper completes (svc 07), §11.2 how the gateway treats a replayed
 * X-EXTERNAL-ID, the binding details (inquiry) with the flow's key, and §11.5 the fields of each
 * answer.
 */
import { randomAlphanumeric, readField, type SignatureEncoding, writeField } from '@ayokit/core/snap';
import { attemptOf, codeText, is2xx, type ProbeRun, snapOk } from './context';
import { bodyShape, findField } from './findings';
import type { Answer } from './wire';

export async function probeBinding(run: ProbeRun, token: string, encoding: SignatureEncoding): Promise<void> {
  const p = run.profile;
  const { options } = run;
  const flowKey = randomAlphanumeric(32);
  const partnerReferenceNo = randomAlphanumeric(32);
  // [ref: /reference/dd-v3-registration-account-binding]; the fields the profile guesses, where it puts them.
  const bindingBody = (ref: string) => {
    const body: Record<string, unknown> = {
      partnerReferenceNo: ref,
      lang: 'ID',
      phoneNo: options.phoneNo,
      merchantId: options.target.merchantId,
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
  const bind = (ref: string, externalId: string) =>
    run.wire.dd('binding', bindingBody(ref), { token, externalId, encoding });

  run.note('a binding session (no shopper will complete it)');
  const first = await bind(partnerReferenceNo, flowKey);
  const binding = await run.wire.send(first);
  run.shapes.binding = { ...attemptOf(binding), shape: bodyShape(binding.body) };
  if (snapOk(binding)) {
    for (const field of ['bindingWebviewUrl', 'bindingPublicUserId', 'bindingStatus'] as const) {
      run.fields[field] = { from: 'binding', ...findField(binding.body, p.dd.responseFields[field]) };
    }
  }

  const sameAsFirst = (a: Answer) => {
    const keys = [...p.dd.responseFields.bindingWebviewUrl, 'referenceNo'];
    const values = (b: unknown) => JSON.stringify(keys.map((k) => readField(b, [k])));
    return values(a.body) === values(binding.body);
  };
  const outcome = (a: Answer) => {
    if (a.status === null) return 'no answer';
    if (a.status === 409) return 'conflict';
    if (!is2xx(a)) return 'refused';
    return sameAsFirst(a) ? 'the first answer again' : 'a new session';
  };
  const cases: [string, () => Promise<Answer>][] = [
    ['identical request (same X-EXTERNAL-ID, same body, same bytes)', () => run.wire.send(first)],
    ['same X-EXTERNAL-ID, new partnerReferenceNo', () => run.send(bind(randomAlphanumeric(32), flowKey))],
    [
      'new X-EXTERNAL-ID, same partnerReferenceNo',
      () => run.send(bind(partnerReferenceNo, randomAlphanumeric(32))),
    ],
  ];
  const replays = [];
  for (const [name, send] of cases) {
    run.note(`§11.2 replay: ${name}`);
    const a = await send();
    replays.push({ case: name, ...attemptOf(a), outcome: outcome(a) });
  }
  run.findings.externalIdReplay = {
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
  run.note("binding details (inquiry) with the binding flow's X-EXTERNAL-ID");
  let inquiry = await run.send(
    run.wire.dd('bindingInquiry', inquiryBody, { token, externalId: flowKey, encoding }),
  );
  const withFlowKey = attemptOf(inquiry);
  if (inquiry.status === 409) {
    run.note('binding details again, with a new X-EXTERNAL-ID');
    inquiry = await run.send(
      run.wire.dd('bindingInquiry', inquiryBody, { token, externalId: randomAlphanumeric(32), encoding }),
    );
  }
  run.findings.bindingInquiry = {
    status: inquiry.status !== null ? 'settled' : 'unsettled',
    answer:
      withFlowKey.status === 409
        ? `the binding's X-EXTERNAL-ID is refused on the inquiry (${codeText(withFlowKey)}); a new one got ${codeText(attemptOf(inquiry))}`
        : `with the binding's X-EXTERNAL-ID: ${codeText(withFlowKey)} (an unfinished binding)`,
    evidence: { withFlowKey, answer: attemptOf(inquiry), shape: bodyShape(inquiry.body) },
  };
}

/** The status of a payment that does not exist: its code, and the status field if it has one. */
export function readUnknownPaymentStatus(run: ProbeRun, answer: Answer): void {
  run.fields.paymentTransactionStatus = {
    from: 'paymentStatus (unknown payment)',
    ...findField(answer.body, run.profile.dd.responseFields.paymentTransactionStatus),
  };
  run.findings.unknownPaymentStatus = {
    status: 'settled',
    answer: `status of an unknown payment: ${codeText(attemptOf(answer))} (the reference: fail only on 4045501)`,
    evidence: { ...attemptOf(answer), shape: bodyShape(answer.body) },
  };
}
