import { describe, expect, it } from 'vitest';
import { BASE_URL, createTestEnv } from '../testing';

describe('bank pages in a frame', () => {
  it('may be framed only by the configured origins', async () => {
    const cases = [
      [undefined, "frame-ancestors 'self'"],
      [['https://shop.example'], 'frame-ancestors https://shop.example'],
    ] as const;
    for (const [ancestors, expected] of cases) {
      const { sandbox } = await createTestEnv(ancestors ? { webviewFrameAncestors: [...ancestors] } : {});
      const res = await sandbox.fetch(new Request(`${BASE_URL}/webview/binding/unknown-session`));
      expect(res.headers.get('content-security-policy')).toBe(expected);
      expect(res.headers.get('x-frame-options')).toBeNull();
    }
  });
});
