import os from 'node:os';

/**
 * Called first by the worker threads that run long work (the data thread, the batch and table
 * readers; not the read pool's readers, which answer the window): their work yields the CPU to the thread that serves the window and to the renderer,
 * which on a 2-core laptop otherwise wait their turn behind an import's threads. Only on Linux,
 * where a thread's nice value is its own; on Windows and macOS the call would lower the whole
 * process, window included, so there they keep the normal priority.
 */
export function runInBackground(): void {
  if (process.platform !== 'linux') return;
  try {
    os.setPriority(os.constants.priority.PRIORITY_BELOW_NORMAL);
  } catch {
    // A sandbox may refuse it: the thread then runs at the normal priority, as elsewhere.
  }
}
