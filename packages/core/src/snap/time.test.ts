import { describe, expect, it } from 'vitest';
import { randomAlphanumeric, randomDigits } from './time';

describe('random references', () => {
  it('are fresh every time, of the asked length and alphabet, across refills of the byte pool', () => {
    const seen = new Set<string>();
    // 3,000 × 32 bytes crosses the 4 kB pool many times.
    for (let i = 0; i < 3_000; i++) {
      const id = randomAlphanumeric();
      expect(id).toMatch(/^[A-Za-z0-9]{32}$/);
      seen.add(id);
    }
    expect(seen.size).toBe(3_000);
    expect(randomAlphanumeric(5_000)).toHaveLength(5_000);
    expect(randomDigits(6)).toMatch(/^\d{6}$/);
  });
});
