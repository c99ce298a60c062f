/**
 * The probe's steps in order, each answering what it can without a shopper; never throws on an
 * answer, whatever it is. The result is a profile (what was settled, laid over the one the probe
 * started from) and the findings with their evidence.
 */
import { parseWireProfileOverrides, type WireProfileOverrides } from '@ayokit/core/snap';
import { probeBinding, readUnknownPaymentStatus } from './binding';
import { probeCard } from './card';
import { type Finding, type ProbeOptions, ProbeRun } from './context';
import { isObject } from './findings';
import { probeSignature } from './signature';

export type { Finding, FindingStatus, ProbeOptions } from './context';

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

function mergeOverrides(base: unknown, over: unknown): unknown {
  if (!isObject(base) || !isObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = mergeOverrides(out[k], v);
  return out;
}

export async function runProbe(options: ProbeOptions): Promise<ProbeReport> {
  const run = new ProbeRun(options);
  const { token, encoding, statusAnswer } = await probeSignature(run);
  if (token) await probeBinding(run, token, encoding);
  if (statusAnswer) readUnknownPaymentStatus(run, statusAnswer);
  const cardTokenFields = await probeCard(run);

  // §11.5: which candidate path each answer really used.
  const seen = Object.entries(run.fields).filter(([, f]) => f.settled);
  const unseen = Object.entries(run.fields).filter(([, f]) => !f.settled);
  for (const [field, f] of seen) run.settle(`dd.responseFields.${field}`, f.settled);
  run.findings.responseFields = {
    question: '§11.5',
    status: seen.length ? 'settled' : 'unsettled',
    answer: seen.length
      ? seen.map(([field, f]) => `${field} at ${f.settled?.[0]}`).join('; ') +
        (unseen.length ? `; not in the answer: ${unseen.map(([k]) => k).join(', ')}` : '')
      : 'no field of the profile was seen (see the shapes)',
    evidence: { fields: run.fields, cardTokenFields, shapes: run.shapes },
  };

  // What needs a shopper, money or Ayoconnect's people.
  const later = (question: string, answer: string): Finding => ({ question, status: 'not probed', answer });
  run.findings.refundKey = later('§11.3', 'needs a paid payment: refund it once with its own X-EXTERNAL-ID');
  run.findings.authCodeSource = later(
    '§11.4',
    'needs a completed binding: try B2B2C with the binding X-EXTERNAL-ID',
  );
  run.findings.refundMode = later('§11.6', 'needs a paid payment: refund half, then ask its status');
  run.findings.cardRefund = later('§11.8', 'ask Ayoconnect operations');
  run.findings.productionHost = later('§11.9', 'from the onboarding pack; add it to productionHosts');

  return {
    probedAt: new Date().toISOString(),
    baseUrl: options.target.baseUrl,
    cardBaseUrl: options.target.cardBaseUrl,
    profile: parseWireProfileOverrides(mergeOverrides(options.baseOverrides ?? {}, run.settled), 'the probe'),
    findings: run.findings,
    tokenObtained: token !== null,
    exchanges: run.exchanges,
  };
}
