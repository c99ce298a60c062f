import { useSyncExternalStore } from 'react';

/** The smallest store a flow needs for useSyncExternalStore. */
export class Observable<S> {
  readonly #listeners = new Set<() => void>();

  #state: S;

  constructor(state: S) {
    this.#state = state;
  }

  readonly getState = (): S => this.#state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  protected setState(next: S): void {
    if (next === this.#state) return;
    this.#state = next;
    for (const l of [...this.#listeners]) l();
  }
}

/** A flow's state in a component: re-renders when the flow moves. */
export function useFlowState<S>(flow: Observable<S>): S {
  return useSyncExternalStore(flow.subscribe, flow.getState, flow.getState);
}
