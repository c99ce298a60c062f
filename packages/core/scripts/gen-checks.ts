/**
 * Compiles the contract's zod schemas that the browser uses (the proxy's answers, and the few
 * inputs the hooks check before sending) into src/checks.gen.ts: plain calls of src/check.ts,
 * without zod's runtime. The zod schemas stay the one source of truth; checks.test.ts fails when
 * the file is stale and holds each check to its schema's answers.
 *
 *   pnpm --filter @ayokit/core gen:checks
 *
 * A schema feature this compiler does not know (a transform, a refinement, a URL…) stops it with
 * its name: teach it here, never by hand in the generated file.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as z from 'zod/mini';
import * as api from '../src/api';
import * as staff from '../src/staff';

/** What the browser checks, by module: the generated check of `fooSchema` or `fooResponse` is `fooCheck` / `fooResponseCheck`. */
export const CHECKED = {
  api: [
    'apiErrorSchema',
    'banksResponse',
    'bindingResponse',
    'capabilitiesSchema',
    'cardRegistrationResponse',
    'checkoutIdSchema',
    'checkoutResponse',
    'instrumentResponse',
    'instrumentsResponse',
    'liveEventSchema',
    'otpSchema',
    'payCheckoutRequest',
    'paymentIdSchema',
    'paymentResponse',
    'paymentsResponse',
    'refundResponse',
    'refundsResponse',
    'unbindingResponse',
  ],
  staff: ['auditResponse', 'staffMeResponse', 'staffPaymentResponse', 'staffPaymentsResponse'],
} as const satisfies Record<'api' | 'staff', readonly string[]>;

export const checkName = (schemaName: string) => `${schemaName.replace(/Schema$/, '')}Check`;

const modules = { api, staff } as unknown as Record<keyof typeof CHECKED, Record<string, unknown>>;

export function checkedSchemas(): { module: keyof typeof CHECKED; name: string; schema: z.ZodMiniType }[] {
  return (Object.keys(CHECKED) as (keyof typeof CHECKED)[]).flatMap((module) =>
    CHECKED[module].map((name) => ({ module, name, schema: modules[module][name] as z.ZodMiniType })),
  );
}

// biome-ignore lint/suspicious/noExplicitAny: zod's internal definitions are walked untyped.
type Def = any;
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** The schema's own `error` as a fixed message, if it has one. */
function messageOf(def: Def, where: string): string | undefined {
  if (!def.error) return undefined;
  const a = def.error({ code: 'invalid_type', input: undefined });
  const b = def.error({ code: 'invalid_format', input: 'x' });
  if (typeof a !== 'string' || a !== b) throw new Error(`${where}: an error that is not one fixed message`);
  return a;
}

const literal = (v: unknown) => {
  if (v instanceof RegExp) return String(v);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null)
    return JSON.stringify(v);
  throw new Error(`cannot write ${String(v)}`);
};
const args = (...xs: (string | undefined)[]) => {
  while (xs.length > 0 && xs[xs.length - 1] === undefined) xs.pop();
  return xs.map((x) => x ?? 'undefined').join(', ');
};
const msg = (m: string | undefined) => (m === undefined ? undefined : literal(m));

/** The checks a schema runs after its type (`.check(…)`), wrapped around `base` in their order. */
function withChecks(base: string, def: Def, where: string, kind: 'string' | 'number'): string {
  let out = base;
  for (const c of def.checks ?? []) {
    const cd = defOf(c);
    const m = msg(messageOf(cd, where));
    if (cd.check === 'string_format' && cd.format === 'regex')
      out = `pattern(${args(out, literal(cd.pattern), m)})`;
    else if (cd.check === 'greater_than' && cd.inclusive) out = `min(${args(out, literal(cd.value), m)})`;
    else if (cd.check === 'less_than' && cd.inclusive) out = `max(${args(out, literal(cd.value), m)})`;
    else if (cd.check === 'min_length' && kind === 'string')
      out = `min(${args(out, literal(cd.minimum), m)})`;
    else if (cd.check === 'max_length' && kind === 'string')
      out = `max(${args(out, literal(cd.maximum), m)})`;
    else throw new Error(`${where}: the check ${cd.check} (${cd.format ?? ''}) is not compiled`);
  }
  return out;
}

type Sub = (schema: unknown, where: string) => string;

/** The expression that checks what `schema` accepts, with `inner` writing its parts. */
function compile(schema: unknown, where: string, inner: Sub): string {
  const def = defOf(schema);
  const own = msg(messageOf(def, where));
  switch (def.type) {
    case 'string': {
      let base = `str(${args(own)})`;
      if (def.format === 'datetime' || (def.format && def.format !== 'regex')) {
        if (def.format !== 'datetime' || !(def.pattern instanceof RegExp))
          throw new Error(`${where}: the string format ${def.format} is not compiled`);
        base = `pattern(${args(base, literal(def.pattern), own)})`;
      }
      return withChecks(base, def, where, 'string');
    }
    case 'number':
      if (def.format !== 'safeint' || def.coerce)
        throw new Error(`${where}: only z.int() numbers are compiled`);
      return withChecks(`int(${args(own)})`, def, where, 'number');
    case 'boolean':
      if (def.checks?.length || own) throw new Error(`${where}: a boolean with checks`);
      return 'bool';
    case 'enum':
      return `oneOf(${args(`[${Object.values(def.entries).map(literal).join(', ')}]`, own)})`;
    case 'literal':
      return `oneOf(${args(`[${def.values.map(literal).join(', ')}]`, own)})`;
    case 'nullable':
      return `nullable(${inner(def.innerType, where)})`;
    case 'optional':
      return `optional(${inner(def.innerType, where)})`;
    case 'array':
      if (def.checks?.length || own) throw new Error(`${where}: an array with checks`);
      return `array(${inner(def.element, `${where}[]`)})`;
    case 'object': {
      const catchall = def.catchall ? defOf(def.catchall).type : undefined;
      if (catchall !== undefined && catchall !== 'never')
        throw new Error(`${where}: only z.object and z.strictObject are compiled`);
      if (def.checks?.length || own) throw new Error(`${where}: an object with checks`);
      const fields = Object.entries(def.shape).map(
        ([key, s]) =>
          `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: ${inner(s, `${where}.${key}`)}`,
      );
      return `object({ ${fields.join(', ')} }${catchall === 'never' ? ', true' : ''})`;
    }
    case 'union': {
      if (!def.discriminator || def.unionFallback || own)
        throw new Error(`${where}: only z.discriminatedUnion is compiled`);
      const options = def.options.map((o: unknown) => {
        const tag = defOf(defOf(o).shape[def.discriminator]);
        if (tag.type !== 'literal' || tag.values.length !== 1)
          throw new Error(`${where}: a discriminator that is not one literal`);
        return `[${literal(tag.values[0])}, ${inner(o, `${where}<${tag.values[0]}>`)}]`;
      });
      return `union(${literal(def.discriminator)}, [${options.join(', ')}])`;
    }
    default:
      throw new Error(`${where}: the zod type ${def.type} is not compiled`);
  }
}

/** What the generated checks call (src/check.ts). */
const RUNTIME = [
  'array',
  'bool',
  'int',
  'max',
  'min',
  'nullable',
  'object',
  'oneOf',
  'optional',
  'pattern',
  'str',
  'union',
];

/** The text of src/checks.gen.ts. */
export function generate(): string {
  const roots = checkedSchemas();
  // How often each piece appears, written out in full; a piece used twice or more is written once.
  const full: Sub = (s, at) => compile(s, at, full);
  const uses = new Map<string, number>();
  const count: Sub = (s, at) => {
    const text = compile(s, at, count);
    uses.set(text, (uses.get(text) ?? 0) + 1);
    return text;
  };
  for (const r of roots) compile(r.schema, r.name, count);
  const shared = new Map<string, string>();
  const consts: string[] = [];
  const exportedName = new Map<unknown, string>();
  for (const [m, names] of Object.entries(modules))
    for (const [n, v] of Object.entries(names)) if (!exportedName.has(v)) exportedName.set(v, `${m}.${n}`);
  const taken = new Set<string>(RUNTIME);
  const ref: Sub = (schema, at) => {
    const key = full(schema, at);
    const text = compile(schema, at, ref);
    if ((uses.get(key) ?? 0) < 2 || text.length < 24) return text;
    let name = shared.get(key);
    if (!name) {
      const exported = exportedName
        .get(schema)
        ?.split('.')[1]
        ?.replace(/Schema$/, '');
      name = exported && !taken.has(exported) ? exported : `shared${shared.size + 1}`;
      taken.add(name);
      shared.set(key, name);
      consts.push(`const ${name} = ${text};`);
    }
    return name;
  };
  const exports = roots.map(
    (r) =>
      `export const ${checkName(r.name)}: Check<z.output<typeof ${r.module}.${r.name}>> = ${ref(r.schema, r.name)};`,
  );
  const used = RUNTIME.filter((f) =>
    [...consts, ...exports].some((line) => new RegExp(`\\b${f}\\b`).test(line)),
  );
  return [
    '// Generated by scripts/gen-checks.ts from the zod schemas of api.ts and staff.ts: do not edit.',
    '// `pnpm --filter @ayokit/core gen:checks` writes it again; checks.test.ts fails while it is stale.',
    "import type * as z from 'zod/mini';",
    "import type * as api from './api';",
    `import { type Check, ${used.join(', ')} } from './check';`,
    "import type * as staff from './staff';",
    '',
    ...consts,
    '',
    ...exports,
    '',
  ].join('\n');
}

export const OUTPUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'checks.gen.ts');

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(OUTPUT, generate());
  console.log(`wrote ${OUTPUT}`);
}
