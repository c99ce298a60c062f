/** Reading answers for the probe: which candidate paths hold a value, and what shape a body has. */
import { type FieldPaths, readField } from '@ayokit/core/snap';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every leaf of a JSON body as `dotted.path: type` (values left out: the shape, never the data). */
export function bodyShape(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (v: unknown, at: string) => {
    if (isObject(v) && Object.keys(v).length > 0) {
      for (const [k, child] of Object.entries(v)) walk(child, at ? `${at}.${k}` : k);
    } else if (Array.isArray(v) && v.length > 0) {
      walk(v[0], `${at}.0`);
    } else {
      out[at || '(body)'] = Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;
    }
  };
  walk(body, '');
  return out;
}

/** A path the profile can name (no array index). */
const PROFILE_PATH = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$/;

export interface FieldFinding {
  candidates: FieldPaths;
  /** Candidates that hold a value in the answer, in the profile's order. */
  present: string[];
  /** Other paths whose last key is a candidate's last key (e.g. `data.redirectUrl`). */
  discovered: string[];
  /** The list to put in the profile: the path seen first, then the rest; null when none was seen. */
  settled: string[] | null;
}

export function findField(body: unknown, candidates: FieldPaths): FieldFinding {
  const present = candidates.filter((p) => readField(body, [p]) !== undefined);
  const lastKeys = new Set(candidates.map((p) => p.split('.').pop()));
  const discovered = Object.keys(bodyShape(body)).filter(
    (p) =>
      PROFILE_PATH.test(p) &&
      !candidates.includes(p) &&
      lastKeys.has(p.split('.').pop()) &&
      readField(body, [p]) !== undefined,
  );
  const first = present[0] ?? discovered[0];
  return {
    candidates,
    present,
    discovered,
    settled: first ? [first, ...candidates.filter((p) => p !== first)] : null,
  };
}

export { isObject };
