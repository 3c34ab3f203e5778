/** Long exchange work runs in slices, yielding between them so the main process stays responsive. */
export const SLICE = 2000;

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export interface Progress {
  (event: { done: number; total: number; stage: string }): void;
}

/** Calls fn for each item; every SLICE items it reports progress and yields. */
export async function inSlices<T>(items: readonly T[], stage: string, progress: Progress, fn: (item: T, index: number) => void): Promise<void> {
  for (let i = 0; i < items.length; i += 1) {
    if (i % SLICE === 0) {
      progress({ done: i, total: items.length, stage });
      await yieldToEventLoop();
    }
    fn(items[i]!, i);
  }
  progress({ done: items.length, total: items.length, stage });
}
