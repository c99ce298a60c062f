/**
 * Fault injection: each fault fires `count` times, then is spent. The same operations back the
 * control API (`/sandbox/faults`) and `sandbox.faults`.
 */
import {
  CALLBACK_TYPES,
  CARD_ENDPOINTS,
  type CallbackType,
  DD_PATHS,
  type DdEndpoint,
} from '@ayokit/core/snap';
import type { CardApiEndpoint } from './respond';

/** A card API endpoint as a fault names it: `card.` + one of CARD_ENDPOINTS, or `card.token`. */
export type CardFaultEndpoint = `card.${CardApiEndpoint}`;
/** Every endpoint a fault can hit: a key of DD_PATHS, or a card endpoint. */
export type FaultEndpoint = DdEndpoint | CardFaultEndpoint;

export const FAULT_ENDPOINTS: readonly FaultEndpoint[] = [
  ...(Object.keys(DD_PATHS) as DdEndpoint[]),
  'card.token',
  ...CARD_ENDPOINTS.map((e): CardFaultEndpoint => `card.${e}`),
];

export type CallbackFaultAction = 'drop' | 'delay' | 'duplicate' | 'reorder';
export type EndpointFaultAction = 'error' | 'gatewayTimeout' | 'hang';

export type FaultInput =
  | {
      target: 'callbacks';
      action: CallbackFaultAction;
      delaySeconds?: number;
      type?: CallbackType;
      count?: number;
    }
  | {
      target: 'endpoint';
      endpoint: FaultEndpoint;
      action: EndpointFaultAction;
      delayMs?: number;
      count?: number;
    }
  | { target: 'bank'; action: 'slow'; settleSeconds: number; count?: number };

export type Fault = FaultInput & { id: string; count: number };

export interface FaultControl {
  /** Adds a fault; throws an Error naming the problem when the input is invalid. */
  add(input: FaultInput): Fault;
  list(): Fault[];
  clear(): void;
  remove(id: string): boolean;
}

export const DEFAULT_HANG_MS = 30_000;
export const DEFAULT_CALLBACK_DELAY_SECONDS = 60;

const CALLBACK_ACTIONS: readonly CallbackFaultAction[] = ['drop', 'delay', 'duplicate', 'reorder'];
const ENDPOINT_ACTIONS: readonly EndpointFaultAction[] = ['error', 'gatewayTimeout', 'hang'];
const MAX_COUNT = 1000;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

function positiveNumber(value: unknown, name: string, max: number): ParseResult<number | undefined> {
  if (value === undefined) return { ok: true, value: undefined };
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > max) {
    return { ok: false, message: `${name} must be a number from 0 to ${max}` };
  }
  return { ok: true, value };
}

/** Validates an untrusted fault description (the control API's body). */
export function parseFault(input: unknown): ParseResult<FaultInput> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, message: 'A fault is a JSON object with a target' };
  }
  const f = input as Record<string, unknown>;
  const count = f.count;
  if (
    count !== undefined &&
    (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_COUNT)
  ) {
    return { ok: false, message: `count must be an integer from 1 to ${MAX_COUNT}` };
  }
  const countPart = count === undefined ? {} : { count };
  switch (f.target) {
    case 'callbacks': {
      if (!CALLBACK_ACTIONS.includes(f.action as CallbackFaultAction)) {
        return { ok: false, message: `callbacks action must be one of ${CALLBACK_ACTIONS.join(', ')}` };
      }
      if (f.type !== undefined && !CALLBACK_TYPES.includes(f.type as CallbackType)) {
        return { ok: false, message: `type must be one of ${CALLBACK_TYPES.join(', ')}` };
      }
      const delay = positiveNumber(f.delaySeconds, 'delaySeconds', 86_400 * 30);
      if (!delay.ok) return delay;
      return {
        ok: true,
        value: {
          target: 'callbacks',
          action: f.action as CallbackFaultAction,
          ...(delay.value === undefined ? {} : { delaySeconds: delay.value }),
          ...(f.type === undefined ? {} : { type: f.type as CallbackType }),
          ...countPart,
        },
      };
    }
    case 'endpoint': {
      if (!FAULT_ENDPOINTS.includes(f.endpoint as FaultEndpoint)) {
        return { ok: false, message: `endpoint must be one of ${FAULT_ENDPOINTS.join(', ')}` };
      }
      if (!ENDPOINT_ACTIONS.includes(f.action as EndpointFaultAction)) {
        return { ok: false, message: `endpoint action must be one of ${ENDPOINT_ACTIONS.join(', ')}` };
      }
      const delay = positiveNumber(f.delayMs, 'delayMs', 600_000);
      if (!delay.ok) return delay;
      return {
        ok: true,
        value: {
          target: 'endpoint',
          endpoint: f.endpoint as FaultEndpoint,
          action: f.action as EndpointFaultAction,
          ...(delay.value === undefined ? {} : { delayMs: delay.value }),
          ...countPart,
        },
      };
    }
    case 'bank': {
      if (f.action !== 'slow') return { ok: false, message: 'bank action must be slow' };
      const settle = positiveNumber(f.settleSeconds, 'settleSeconds', 86_400 * 30);
      if (!settle.ok) return settle;
      if (settle.value === undefined) return { ok: false, message: 'settleSeconds is required' };
      return {
        ok: true,
        value: { target: 'bank', action: 'slow', settleSeconds: settle.value, ...countPart },
      };
    }
    default:
      return { ok: false, message: 'target must be one of callbacks, endpoint, bank' };
  }
}

export class Faults implements FaultControl {
  private faults: Fault[] = [];
  private nextId = 1;

  add(input: FaultInput): Fault {
    const parsed = parseFault(input);
    if (!parsed.ok) throw new Error(`Invalid fault: ${parsed.message}`);
    const fault = { ...parsed.value, id: `fault_${this.nextId++}`, count: parsed.value.count ?? 1 } as Fault;
    this.faults.push(fault);
    return { ...fault };
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length < before;
  }

  /** The active faults and the next id, for a snapshot. */
  exportState(): { nextId: number; active: Fault[] } {
    return { nextId: this.nextId, active: this.list() };
  }

  /** Replaces every fault with validated ones from a snapshot. */
  restoreState(state: { nextId: number; active: Fault[] }): void {
    this.faults = state.active.map((f) => ({ ...f }));
    this.nextId = state.nextId;
  }

  /** Fires the first matching fault once (spending one of its count). */
  take<T extends Fault>(match: (fault: Fault) => fault is T): T | null {
    const fault = this.faults.find(match);
    if (!fault) return null;
    fault.count -= 1;
    if (fault.count <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return { ...fault };
  }

  takeEndpoint(endpoint: FaultEndpoint): Extract<Fault, { target: 'endpoint' }> | null {
    return this.take(
      (f): f is Extract<Fault, { target: 'endpoint' }> => f.target === 'endpoint' && f.endpoint === endpoint,
    );
  }

  takeCallback(type: CallbackType): Extract<Fault, { target: 'callbacks' }> | null {
    return this.take(
      (f): f is Extract<Fault, { target: 'callbacks' }> =>
        f.target === 'callbacks' && (f.type === undefined || f.type === type),
    );
  }

  takeBank(): Extract<Fault, { target: 'bank' }> | null {
    return this.take((f): f is Extract<Fault, { target: 'bank' }> => f.target === 'bank');
  }
}
