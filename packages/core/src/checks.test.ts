/**
 * The browser's checks (checks.gen.ts, compiled from the zod schemas) and the schemas themselves
 * give the same answers: the same data when they accept, the same first message when they refuse.
 * Inputs are drawn from each schema's own definition, mostly valid, with wrong values, missing
 * and extra keys sprinkled at every depth.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import { CHECKED, checkedSchemas, checkName, generate, OUTPUT } from '../scripts/gen-checks';
import { type Check, validate } from './check';
import * as checks from './checks.gen';

// biome-ignore lint/suspicious/noExplicitAny: zod's internal definitions are walked untyped.
type Def = any;
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** Values of the wrong kind, and the edges of the right one. */
const junk = fc.oneof(
  fc.constantFrom(null, undefined, 0, -0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '', 'x'),
  fc.constantFrom(true, false, [], {}, [1], { a: 1 }, '2026-11-23T10:00:00Z', 'pay_short'),
  fc.jsonValue(),
);

const memo = new Map<unknown, fc.Arbitrary<unknown>>();

/** Mostly what `schema` accepts; now and then something it may not. */
function arb(schema: unknown): fc.Arbitrary<unknown> {
  const known = memo.get(schema);
  if (known) return known;
  const a = fc.oneof({ weight: 40, arbitrary: valid(schema) }, { weight: 1, arbitrary: junk });
  memo.set(schema, a);
  return a;
}

function valid(schema: unknown): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case 'string': {
      const patterns: RegExp[] = [
        ...(def.pattern instanceof RegExp && def.format ? [def.pattern] : []),
        ...(def.checks ?? [])
          .map((c: unknown) => defOf(c).pattern)
          .filter((p: unknown) => p instanceof RegExp),
      ];
      const lengths = (def.checks ?? []).map((c: unknown) => defOf(c));
      const minLength = lengths.find((d: Def) => d.check === 'min_length')?.minimum ?? 0;
      const maxLength = lengths.find((d: Def) => d.check === 'max_length')?.maximum ?? 12;
      if (patterns.length === 0)
        return fc.oneof(fc.string({ minLength, maxLength }), fc.string({ minLength: 195, maxLength: 205 }));
      const matching = fc.stringMatching(patterns[0] as RegExp);
      return fc.oneof(
        { weight: 20, arbitrary: matching },
        // Near misses: a character too many or too few.
        { weight: 1, arbitrary: matching.map((s) => s.slice(1)) },
        { weight: 1, arbitrary: matching.map((s) => `${s}0`) },
      );
    }
    case 'number': {
      const bounds = (def.checks ?? []).map((c: unknown) => defOf(c));
      const min = bounds.find((d: Def) => d.check === 'greater_than')?.value;
      const max = bounds.find((d: Def) => d.check === 'less_than')?.value;
      return fc.oneof(
        fc.integer({ min: (min ?? -1000) - 2, max: (max ?? 1_000_000) + 2 }),
        fc.constantFrom(Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 2 ** 53, 0.5, -0),
      );
    }
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.oneof(
        { weight: 9, arbitrary: fc.constantFrom(...Object.values(def.entries)) },
        { weight: 1, arbitrary: fc.constantFrom('', 'Succeeded', 'toString', 'constructor') },
      );
    case 'literal':
      return fc.constantFrom(...def.values);
    case 'nullable':
      return fc.oneof(fc.constant(null), arb(def.innerType));
    case 'optional':
      return fc.oneof(fc.constant(undefined), arb(def.innerType));
    case 'array':
      return fc.array(arb(def.element), { maxLength: 3 });
    case 'object': {
      const shape = def.shape as Record<string, unknown>;
      const keys = Object.keys(shape);
      return fc
        .tuple(
          fc.record(Object.fromEntries(keys.map((k) => [k, arb(shape[k])]))),
          // Keys left out, and keys the schema does not name (a proxy newer than this kit).
          fc.subarray(keys, { maxLength: 1 }),
          fc.dictionary(fc.constantFrom('extra', 'toString', '__proto__', 'id2'), fc.jsonValue(), {
            maxKeys: 1,
          }),
          fc.nat(9),
        )
        .map(([record, omitted, extra, dice]) => {
          const out: Record<string, unknown> = JSON.parse(JSON.stringify(extra));
          for (const [k, v] of Object.entries(record)) out[k] = v;
          if (dice === 0) for (const k of omitted) delete out[k];
          if (dice > 1) for (const k of Object.keys(extra)) delete out[k];
          return out;
        });
    }
    case 'union':
      return fc.oneof(...def.options.map((o: unknown) => valid(o)));
    default:
      throw new Error(`no arbitrary for ${def.type}`);
  }
}

const checkOf = (name: string) => (checks as unknown as Record<string, Check<unknown>>)[checkName(name)];

describe('the browser checks (checks.gen.ts)', () => {
  it('are what scripts/gen-checks.ts writes from the zod schemas today (run `pnpm --filter @ayokit/core gen:checks`)', () => {
    expect(readFileSync(OUTPUT, 'utf8')).toBe(generate());
  });

  it('exist for every schema the generator lists, and nothing else is exported', () => {
    const listed = [...CHECKED.api, ...CHECKED.staff].map(checkName).sort();
    expect(Object.keys(checks).sort()).toEqual(listed);
  });

  for (const { name, schema } of checkedSchemas()) {
    it(`answer as ${name} does`, () => {
      const check = checkOf(name) as Check<unknown>;
      let accepted = 0;
      let refused = 0;
      fc.assert(
        fc.property(arb(schema), (input) => {
          const ours = validate(check, input);
          const zods = (schema as z.ZodMiniType).safeParse(input);
          expect(ours.success).toBe(zods.success);
          if (ours.success && zods.success) {
            accepted++;
            expect(ours.data).toStrictEqual(zods.data);
          } else if (!ours.success && !zods.success) {
            refused++;
            expect(ours.message).toBe(zods.error.issues[0]?.message);
          }
        }),
        { numRuns: 400, seed: 12 },
      );
      // Both answers were tried, each often enough to mean something.
      if (process.env.CHECKS_STATS) console.log(name, accepted, refused);
      expect(accepted).toBeGreaterThan(20);
      expect(refused).toBeGreaterThan(20);
    });
  }

  it('keep only the keys of the shape, as z.object does', () => {
    const payment = { ...samplePayment(), secret: 'x' };
    const out = validate(checks.paymentResponseCheck, { payment, extra: 1 });
    expect(out.success && Object.keys(out.data.payment)).not.toContain('secret');
    expect(out.success && Object.keys(out.data)).toEqual(['payment']);
  });

  it("refuse a key of a strict object's input that its shape does not name, even one named like Object's", () => {
    const ins = 'ins_abcdefghijklmnopqrstuvwx';
    expect(validate(checks.payCheckoutRequestCheck, { instrumentId: ins }).success).toBe(true);
    expect(validate(checks.payCheckoutRequestCheck, { instrumentId: ins, amount: 1 }).success).toBe(false);
    expect(
      validate(checks.payCheckoutRequestCheck, JSON.parse(`{"instrumentId":"${ins}","toString":1}`)),
    ).toEqual({ success: false, message: 'Invalid input' });
  });

  it("give the schema's own words for a wrong id or OTP", () => {
    expect(validate(checks.checkoutIdCheck, 42)).toEqual({ success: false, message: 'must be a chk_ id' });
    expect(validate(checks.checkoutIdCheck, 'chk_1')).toEqual({
      success: false,
      message: 'not a valid chk_ id',
    });
    expect(validate(checks.otpCheck, '12345')).toEqual({ success: false, message: 'otp must be 6 digits' });
    expect(validate(checks.payCheckoutRequestCheck, {})).toEqual({
      success: false,
      message: 'must be a ins_ id',
    });
  });
});

function samplePayment() {
  const at = '2026-11-23T10:00:00.000Z';
  return {
    id: 'pay_AAAAAAAAAAAAAAAAAAAAAAAA',
    instrumentId: 'ins_AAAAAAAAAAAAAAAAAAAAAAAA',
    instrumentType: 'bank_account',
    mode: 'direct',
    amount: 150_000,
    currency: 'IDR',
    description: null,
    orderId: 'order-1',
    checkoutId: null,
    status: 'succeeded',
    otp: null,
    failure: null,
    capturedAmount: 150_000,
    authorizationExpiresAt: null,
    refundedAmount: 0,
    createdAt: at,
    updatedAt: at,
  };
}
