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

  it.each([
    [{ signatureEncoding: 'b64' }, 'signatureEncoding must be one of "hex", "base64", got "b64"'],
    [{ channelId: 95221 }, 'channelId must be a string, got 95221'],
    [{ channelId: '9522' }, 'channelId must be 5 digits'],
    [{ capabilities: { otpResend: 'yes' } }, 'capabilities.otpResend must be true or false, got "yes"'],
    [{ dd: { otpPendingStatuses: 'PENDING' } }, 'dd.otpPendingStatuses must be a list, got "PENDING"'],
    [
      { dd: { responseFields: { bindingWebviewUrl: [] } } },
      'dd.responseFields.bindingWebviewUrl must have at least 1 item',
    ],
    [
      { dd: { callbackServices: { '1': 'payment' } } },
      'dd.callbackServices.1 is not a two-digit service code',
    ],
    [{ card: { headers: { timestamp: 'X Timestamp' } } }, 'card.headers.timestamp must be a header name'],
    [{ capabilities: { otpResnd: true } }, 'capabilities.otpResnd is not a profile entry'],
    [7, 'the profile must be an object, got 7'],
  ])('says what is wrong with %j in plain words, naming the entry', (input, detail) => {
    let message = '';
    try {
      parseWireProfileOverrides(input, 'profile.json');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe(`wire profile (profile.json): ${detail}`);
  });

  it('reads the first path that holds a value, and writes nested paths', () => {
    expect(readField({ a: { b: null }, c: 2 }, ['a.b', 'c'])).toBe(2);
    expect(readField({ a: 'x' }, ['a.b'])).toBeUndefined();
    const body: Record<string, unknown> = { additionalData: { x: 1 } };
    writeField(body, 'additionalData.bankCode', '014');
    expect(body).toEqual({ additionalData: { x: 1, bankCode: '014' } });
  });
});
