import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WIRE_PROFILE,
  PROFILE_SOURCES,
  parseWireProfileOverrides,
  profileEntries,
  readField,
  resolveWireProfile,
  WireProfileError,
  writeField,
} from './profile';

describe('wire profile', () => {
  it('gives every entry a source', () => {
    const entries = Object.keys(profileEntries());
    expect(entries.length).toBeGreaterThan(15);
    for (const entry of entries) expect(PROFILE_SOURCES[entry], entry).toBeTruthy();
    for (const source of Object.keys(PROFILE_SOURCES)) expect(entries, source).toContain(source);
  });

  it('lays overrides over the defaults, later wins, untouched entries kept', () => {
    const p = resolveWireProfile(
      { signatureEncoding: 'base64', card: { headers: { correlationId: 'A-Correlation-ID' } } },
      { capabilities: { otpResend: true } },
    );
    expect(p.signatureEncoding).toBe('base64');
    expect(p.card.headers.correlationId).toBe('A-Correlation-ID');
    expect(p.card.headers.timestamp).toBe(DEFAULT_WIRE_PROFILE.card.headers.timestamp);
    expect(p.capabilities).toEqual({ ...DEFAULT_WIRE_PROFILE.capabilities, otpResend: true });
    expect(DEFAULT_WIRE_PROFILE.signatureEncoding).toBe('hex');
  });

  it.each([
    [{ signatureEncoding: 'base32' }, 'signatureEncoding'],
    [{ card: { headers: { timestamp: 'X Timestamp' } } }, 'card.headers.timestamp'],
    [{ dd: { paths: { payment: 'debit/payment' } } }, 'dd.paths.payment'],
    [{ capabilities: { otpResnd: true } }, 'capabilities.otpResnd'],
    [{ dd: { responseFields: { bindingWebviewUrl: [] } } }, 'dd.responseFields.bindingWebviewUrl'],
    [{ channelId: 95221 }, 'channelId'],
    [{ dd: { authCodeSource: 'inquiry' } }, 'dd.authCodeSource'],
    [{ dd: { otpPendingStatuses: 'PENDING_USER_VERIFICATION' } }, 'dd.otpPendingStatuses'],
    [{ dd: { callbackTypeHeader: 'X Callback' } }, 'dd.callbackTypeHeader'],
    [{ dd: { callbackServices: { '01': 'card' } } }, 'dd.callbackServices.01'],
    [{ dd: { callbackServices: { '1': 'payment' } } }, 'dd.callbackServices.1'],
  ])('refuses %j naming %s', (input, entry) => {
    let error: unknown;
    try {
      parseWireProfileOverrides(input, 'profile.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WireProfileError);
    expect((error as WireProfileError).entry).toBe(entry);
    expect((error as Error).message).toContain(entry);
    expect((error as Error).message).toContain('profile.json');
  });

  it('reads the first path that holds a value, and writes nested paths', () => {
    expect(readField({ a: { b: null }, c: 2 }, ['a.b', 'c'])).toBe(2);
    expect(readField({ a: 'x' }, ['a.b'])).toBeUndefined();
    const body: Record<string, unknown> = { additionalData: { x: 1 } };
    writeField(body, 'additionalData.bankCode', '014');
    expect(body).toEqual({ additionalData: { x: 1, bankCode: '014' } });
  });
});
