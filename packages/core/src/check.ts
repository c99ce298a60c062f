/**
 * The browser's checks of what the proxy answers, without zod's runtime: the contract's zod
 * schemas (api.ts, staff.ts) compiled by scripts/gen-checks.ts into checks.gen.ts, which calls the
 * few functions here. A check answers as the schema's `safeParse` does: the same data (an object
 * keeps only the keys of its shape), or the message of the first problem zod would list. The
 * proxy keeps validating with zod; checks.test.ts holds both to the same answers.
 *
 * Every function is free of side effects (`@__NO_SIDE_EFFECTS__`), so a bundler drops the checks
 * a page does not use.
 */

/** Returns its input as the schema parses it, or throws `Invalid`. */
export type Check<T> = (input: unknown) => T;

/** A check's answer, like zod's `safeParse`: the data, or the first problem's message. */
export type Checked<T> = { success: true; data: T } | { success: false; message: string };

class Invalid {
  constructor(readonly message: string) {}
}

/** zod's message for a problem whose schema gives none (zod/mini has no locale). */
const fail = (message = 'Invalid input'): never => {
  throw new Invalid(message);
};

export function validate<T>(check: Check<T>, input: unknown): Checked<T> {
  try {
    return { success: true, data: check(input) };
  } catch (e) {
    if (e instanceof Invalid) return { success: false, message: e.message };
    throw e;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `z.string()`, with the schema's `error` as `message`. */
/* @__NO_SIDE_EFFECTS__ */
export function str(message?: string): Check<string> {
  return (v) => (typeof v === 'string' ? v : fail(message));
}

/** `z.int()`: a finite number that is a safe integer. */
/* @__NO_SIDE_EFFECTS__ */
export function int(message?: string): Check<number> {
  return (v) =>
    typeof v === 'number' && Number.isFinite(v)
      ? Number.isSafeInteger(v)
        ? v
        : fail(message)
      : fail(message);
}

/** `z.boolean()`. */
export const bool: Check<boolean> = (v) => (typeof v === 'boolean' ? v : fail());

/** A check of its own after `check` (a `.check(…)` of the schema). */
/* @__NO_SIDE_EFFECTS__ */
export function refine<T>(check: Check<T>, test: (value: T) => boolean, message?: string): Check<T> {
  return (v) => {
    const value = check(v);
    return test(value) ? value : fail(message);
  };
}

/** `z.regex(pattern)` (and the ISO formats, which are patterns too). */
/* @__NO_SIDE_EFFECTS__ */
export function pattern(check: Check<string>, re: RegExp, message?: string): Check<string> {
  return refine(check, (s) => re.test(s), message);
}

/** `z.minimum(n)` / `z.maximum(n)` (inclusive) on a number; `z.minLength` / `z.maxLength` on a string. */
/* @__NO_SIDE_EFFECTS__ */
export function min<T extends number | string>(check: Check<T>, n: number, message?: string): Check<T> {
  return refine(check, (v) => (typeof v === 'string' ? v.length : (v as number)) >= n, message);
}
/* @__NO_SIDE_EFFECTS__ */
export function max<T extends number | string>(check: Check<T>, n: number, message?: string): Check<T> {
  return refine(check, (v) => (typeof v === 'string' ? v.length : (v as number)) <= n, message);
}

/** `z.enum([...])` and `z.literal(...)`: one of these values. */
/* @__NO_SIDE_EFFECTS__ */
export function oneOf<T>(values: readonly T[], message?: string): Check<T> {
  return (v) => (values.includes(v as T) ? (v as T) : fail(message));
}

/* @__NO_SIDE_EFFECTS__ */
export function nullable<T>(check: Check<T>): Check<T | null> {
  return (v) => (v === null ? null : check(v));
}

/** `z.optional(…)`: in an object, the key may be left out. */
/* @__NO_SIDE_EFFECTS__ */
export function optional<T>(check: Check<T>): Check<T | undefined> {
  return Object.assign((v: unknown) => (v === undefined ? undefined : check(v)), { optional: true });
}

/** `z.array(…)`. */
/* @__NO_SIDE_EFFECTS__ */
export function array<T>(check: Check<T>): Check<T[]> {
  return (v) => (Array.isArray(v) ? v.map((item) => check(item)) : fail());
}

/**
 * `z.object(shape)`: a new object with the keys of the shape only, in its order (a key of the
 * input that the shape does not name is dropped); `strict` (`z.strictObject`) refuses such a key.
 */
/* @__NO_SIDE_EFFECTS__ */
export function object<T>(shape: Record<string, Check<unknown>>, strict?: boolean): Check<T> {
  return (v) => {
    if (!isObject(v)) return fail();
    const out: Record<string, unknown> = {};
    for (const key in shape) {
      const check = shape[key] as Check<unknown> & { optional?: true };
      const present = key in v;
      if (!present && check.optional) continue;
      const value = check(v[key]);
      // A key that is missing and whose check takes undefined is still missing (zod: nonoptional).
      if (!present) return fail();
      out[key] = value;
    }
    if (strict) for (const key in v) if (!Object.hasOwn(shape, key)) return fail();
    return out as T;
  };
}

/** `z.discriminatedUnion(key, options)`: the option named by the value at `key`. */
/* @__NO_SIDE_EFFECTS__ */
export function union<T>(key: string, options: [unknown, Check<unknown>][]): Check<T> {
  const byValue = new Map(options);
  return (v) => {
    if (!isObject(v)) return fail();
    const check = byValue.get(v[key]);
    return check ? (check(v) as T) : fail();
  };
}
