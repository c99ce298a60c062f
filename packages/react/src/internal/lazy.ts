import { useEffect, useState } from 'react';

/**
 * A module a component loads when it needs it (a dynamic `import()`, a chunk of its own in every
 * bundler): loaded once per page and shared by every mount; a failed load is forgotten, so that a
 * retry asks the network again (React.lazy would keep the failure for good).
 */
export interface LazyModule<M> {
  load: () => Promise<M>;
  /** The module, once loaded. */
  current: () => M | undefined;
  /** Starts the load (on intent: hover, focus, touch, a submit that may lead there). */
  preload: () => void;
}

export function lazyModule<M>(importer: () => Promise<M>): LazyModule<M> {
  let module: M | undefined;
  let loading: Promise<M> | undefined;
  const load = () => {
    loading ??= importer().then(
      (m) => {
        module = m;
        return m;
      },
      (err: unknown) => {
        loading = undefined;
        throw err;
      },
    );
    return loading;
  };
  return { load, current: () => module, preload: () => void load().catch(() => undefined) };
}

/**
 * The module once loaded (undefined while it loads, or after a failed load that `retry` tries
 * again). Asks for it only while `wanted`.
 */
export function useLazyModule<M>(
  lazy: LazyModule<M>,
  wanted: boolean,
): { module: M | undefined; failed: boolean; retry: () => void } {
  const [failed, setFailed] = useState(false);
  const [, loaded] = useState<M | undefined>(lazy.current);
  useEffect(() => {
    if (!wanted || lazy.current() || failed) return;
    let live = true;
    lazy.load().then(
      (m) => live && loaded(m),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [lazy, wanted, failed]);
  const module = lazy.current();
  return { module, failed: !module && failed, retry: () => setFailed(false) };
}
