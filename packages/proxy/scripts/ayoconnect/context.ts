/** What every probe step shares: the wire, the findings so far, what it settled, the answers' helpers. */
import { type WireProfile, type WireProfileOverrides, writeField } from '@ayokit/core/snap';
import { type ExchangeLogEntry, redactBody } from '../../src/wire/exchangeLog';
import type { FieldFinding } from './findings';
import { type Answer, type Prepared, type ProbeTarget, ProbeWire } from './wire';

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

/** One answer as the findings keep it: codes and the (redacted) message, never the body. */
export type Attempt = { status: number | null; code: string | null; message: string | null; error?: string };

/** Messages are the gateway's text: redacted like the transcript, in case one echoes a secret. */
export const safeText = (text: string | null): string | null => {
  if (text === null) return null;
  const r = redactBody(text);
  return typeof r === 'string' ? r : JSON.stringify(r);
};

export const attemptOf = (a: Answer): Attempt => ({
  status: a.status,
  code: a.code,
  message: safeText(a.message),
  ...(a.error ? { error: a.error } : {}),
});

export const is2xx = (a: Pick<Answer, 'status'>) => a.status !== null && a.status >= 200 && a.status < 300;
/** A SNAP success: HTTP 2xx and, when there is one, a responseCode starting with 2. */
export const snapOk = (a: Pick<Answer, 'status' | 'code'>) => is2xx(a) && (!a.code || a.code.startsWith('2'));
export const codeText = (a: Attempt) =>
  a.status === null ? `no answer (${a.error})` : `HTTP ${a.status}${a.code ? ` ${a.code}` : ''}`;

export class ProbeRun {
  readonly wire: ProbeWire;
  readonly findings: Record<string, Finding> = {};
  /** The profile entries settled so far (a nested overrides object). */
  readonly settled: Record<string, unknown> = {};
  /** Response fields seen, per profile field, with the answer they were read from. */
  readonly fields: Record<string, FieldFinding & { from: string }> = {};
  /** The shape of answers that have no profile field yet. */
  readonly shapes: Record<string, unknown> = {};
  exchanges = 0;

  constructor(readonly options: ProbeOptions) {
    this.wire = new ProbeWire(options.target, (entry) => {
      this.exchanges++;
      options.onEntry?.(entry);
    });
  }

  get profile(): WireProfile {
    return this.options.target.profile;
  }

  note(text: string): void {
    this.options.onNote?.(text);
  }

  settle(path: string, value: unknown): void {
    writeField(this.settled, path, value);
  }

  async send(prepared: Prepared | Promise<Prepared>): Promise<Answer> {
    return this.wire.send(await prepared);
  }
}
