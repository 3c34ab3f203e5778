/** Long work (exchange, import) runs in slices, yielding between them so the main process stays responsive. */
import type { AppContext } from '../context';

export const SLICE = 2000;

/** Work measured by time rather than count: a pause at least this often (a 60 Hz frame is 16 ms). */
export const SLICE_MS = 8;

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export interface Progress {
  (event: { done: number; total: number; stage: string }): void;
}

/** Runs a generator that pauses after each slice, awaiting onSlice (progress, yield) at each pause. */
export async function drive<T>(steps: Generator<number, T>, onSlice: (done: number) => Promise<void>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await onSlice(step.value);
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
