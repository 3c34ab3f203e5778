/** Long exchange work runs in slices, yielding between them so the main process stays responsive. */
export const SLICE = 2000;

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
