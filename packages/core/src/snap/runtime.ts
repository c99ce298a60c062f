/**
 * A Node built-in when this runtime is Node (≥ 20.16: `process.getBuiltinModule`), else undefined:
 * no import, so a module using it still loads in a browser or an edge runtime, which then take
 * their Web API path. `T` is the part of the module the caller uses, typed by the caller (this
 * package needs no Node types).
 */
export function nodeBuiltin<T>(id: string): T | undefined {
  const runtime = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return runtime?.getBuiltinModule?.(id) as T | undefined;
}
