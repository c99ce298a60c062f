/**
 * Text-format value parsers shared by both engines, so the same SQL yields the same JS values
 * whatever the driver's own defaults are. Web-standard only (no Node APIs).
 */

export type TextParser = (value: string) => unknown;

/** Built-in type OIDs (pg_type.oid) that get a parser; every other type stays a string. */
export const OID = {
  bool: 16,
  bytea: 17,
  char: 18,
  name: 19,
  int8: 20,
  int2: 21,
  int4: 23,
  text: 25,
  oid: 26,
  json: 114,
  float4: 700,
  float8: 701,
  bpchar: 1042,
  varchar: 1043,
  date: 1082,
  time: 1083,
  timestamp: 1114,
  timestamptz: 1184,
  interval: 1186,
  timetz: 1266,
  numeric: 1700,
  uuid: 2950,
  jsonb: 3802,
} as const;

const identity: TextParser = (value) => value;

function parseSafeInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`integer ${value} is outside JavaScript's safe integer range`);
  }
  return n;
}

const TIMESTAMP_RE =
  /^(\d{4,})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(?:([+-])(\d{2})(?::?(\d{2}))?(?::?(\d{2}))?|Z)?( BC)?$/;

/** ISO-style timestamp / timestamptz text (DateStyle ISO); no offset means UTC. */
export function parseTimestamp(value: string): Date | number {
  if (value === 'infinity') return Number.POSITIVE_INFINITY;
  if (value === '-infinity') return Number.NEGATIVE_INFINITY;
  const m = TIMESTAMP_RE.exec(value);
  if (!m) throw new Error(`unexpected timestamp format: ${value}`);
  let year = Number(m[1]);
  if (m[12]) year = 1 - year; // 1 BC is year 0
  const ms = m[7] ? Number(m[7].padEnd(3, '0').slice(0, 3)) : 0;
  const date = new Date(0);
  date.setUTCFullYear(year, Number(m[2]) - 1, Number(m[3]));
  date.setUTCHours(Number(m[4]), Number(m[5]), Number(m[6]), ms);
  if (m[8]) {
    const offsetSeconds = Number(m[9]) * 3600 + Number(m[10] ?? 0) * 60 + Number(m[11] ?? 0);
    const sign = m[8] === '+' ? 1 : -1;
    date.setTime(date.getTime() - sign * offsetSeconds * 1000);
  }
  return date;
}

/** bytea in hex output format (`\x0a0b…`, the default of both engines). */
export function parseBytea(value: string): Uint8Array {
  if (!value.startsWith('\\x')) {
    throw new Error('unexpected bytea format (set bytea_output = hex)');
  }
  const hex = value.slice(2);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  }
  return out;
}

/**
 * PostgreSQL array literal (`{1,2,NULL,"a \"b\"",{3,4}}`, optionally prefixed by bounds such as
 * `[0:1]=`) into nested JS arrays; elements go through `parseElement`, unquoted NULL is null.
 */
export function parseArray(text: string, parseElement: TextParser): unknown[] {
  let i = 0;
  if (text[0] === '[') i = text.indexOf('=') + 1;
  const fail = (): never => {
    throw new Error(`malformed array literal: ${text}`);
  };
  const level = (): unknown[] => {
    if (text[i] !== '{') fail();
    i++;
    const out: unknown[] = [];
    if (text[i] === '}') {
      i++;
      return out;
    }
    while (i < text.length) {
      const c = text[i];
      if (c === '{') {
        out.push(level());
      } else if (c === '"') {
        i++;
        let s = '';
        while (i < text.length && text[i] !== '"') {
          if (text[i] === '\\') i++;
          s += text[i];
          i++;
        }
        if (text[i] !== '"') fail();
        i++;
        out.push(parseElement(s));
      } else {
        const start = i;
        while (i < text.length && text[i] !== ',' && text[i] !== '}') i++;
        const raw = text.slice(start, i);
        out.push(raw === 'NULL' ? null : parseElement(raw));
      }
      if (text[i] === ',') {
        i++;
      } else if (text[i] === '}') {
        i++;
        return out;
      } else {
        fail();
      }
    }
    return fail();
  };
  return level();
}

/** Element parsers by OID; a type missing here comes back as PostgreSQL's text output. */
export const scalarParsers: Record<number, TextParser> = {
  [OID.bool]: (v) => v === 't',
  [OID.bytea]: parseBytea,
  [OID.char]: identity,
  [OID.name]: identity,
  [OID.int8]: parseSafeInt,
  [OID.int2]: parseSafeInt,
  [OID.int4]: parseSafeInt,
  [OID.oid]: parseSafeInt,
  [OID.text]: identity,
  [OID.json]: (v) => JSON.parse(v),
  [OID.jsonb]: (v) => JSON.parse(v),
  [OID.float4]: Number,
  [OID.float8]: Number,
  [OID.bpchar]: identity,
  [OID.varchar]: identity,
  [OID.date]: identity,
  [OID.time]: identity,
  [OID.timestamp]: parseTimestamp,
  [OID.timestamptz]: parseTimestamp,
  [OID.interval]: identity,
  [OID.timetz]: identity,
  [OID.numeric]: identity,
  [OID.uuid]: identity,
};

/** Rows of `SELECT oid, typelem FROM pg_type WHERE typcategory = 'A'` (values may be strings). */
export interface ArrayTypeRow {
  oid: unknown;
  typelem: unknown;
}

export const ARRAY_TYPES_SQL =
  "SELECT oid::int4 AS oid, typelem::int4 AS typelem FROM pg_catalog.pg_type WHERE typcategory = 'A' AND typelem <> 0";

/** Array parsers for every array type listed in `rows`, built on `scalarParsers` (else strings). */
export function arrayParsers(rows: ArrayTypeRow[]): Record<number, TextParser> {
  const out: Record<number, TextParser> = {};
  for (const row of rows) {
    const element = scalarParsers[Number(row.typelem)] ?? identity;
    out[Number(row.oid)] = (v) => parseArray(v, element);
  }
  return out;
}

export function parserFor(parsers: Record<number, TextParser>, oid: number): TextParser {
  return parsers[oid] ?? identity;
}

const IDENTIFIER_RE = /^[a-z_][a-z0-9_]{0,62}$/;

/** Channel and schema names: lower-case SQL identifiers only, so no quoting differences arise. */
export function assertIdentifier(kind: string, name: string): void {
  if (!IDENTIFIER_RE.test(name)) {
    throw new Error(`invalid ${kind} name ${JSON.stringify(name)}: use [a-z_][a-z0-9_]* (max 63 chars)`);
  }
}
