/** Long work (exchange, import) runs in slices, yielding between them so the main process stays responsive. */
import type { AppContext } from '../context';

export const SLICE = 2000;

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export interface Progress {
  (event: { done: number; total: number; stage: string }): void;
}

/** The longest drive() runs without letting the event loop turn: well under a frame. */
export const SLICE_MS = 8;

/**
 * Runs a generator that may pause after each step (a record, a few lines), awaiting onSlice
 * (progress, yield) at the first step after SLICE_MS: slices by time, whatever a step costs.
 */
export async function drive<T>(steps: Generator<number, T>, onSlice: (done: number) => Promise<void>): Promise<T> {
  let since = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - since < SLICE_MS) continue;
    await onSlice(step.value);
    since = performance.now();
  }
}

/**
 * Runs fn while every other call waits (dispatch awaits AppContext.exclusive): work applied in
 * one transaction, in slices, must not let another write slip into that transaction meanwhile.
 */
export async function exclusively<T>(app: AppContext, fn: () => Promise<T>): Promise<T> {
  while (app.exclusive) await app.exclusive;
  let release!: () => void;
  app.exclusive = new Promise<void>((resolve) => (release = resolve));
  try {
    return await fn();
  } finally {
    app.exclusive = null;
    release();
  }
}
