import { describe, expect, it } from 'vitest';
import { formatLoad, runLoad } from '../bench/load';

describe('bench:load, short form', () => {
  it('concurrent shoppers bind, pay and see the status through the proxy (PGlite and PostgreSQL) and directly, without errors', async () => {
    const options = {
      shoppers: 4,
      seconds: 3,
      port: 20_000 + Math.floor(Math.random() * 20_000),
      postgresUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    };
    const results = await runLoad(options);
    console.log(formatLoad(results, options));
    expect(results.map((r) => r.target)).toEqual([
      'direct to sandbox',
      'proxy + PGlite',
      'proxy + PostgreSQL',
    ]);
    for (const r of results) {
      expect(r.errors, `${r.target}: ${r.firstError}`).toBe(0);
      expect(r.journeys, r.target).toBeGreaterThan(0);
    }
  }, 90_000);
});
