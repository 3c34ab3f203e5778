/**
 * Code loaded when first shown: the activity list, where staff land, is painted without parsing
 * the dashboard, the reports, the exchange or the forms. The shell's Suspense waits for it.
 */
import { lazy, type ComponentType } from 'react';

/** A component exported by name from a module, loaded on its first render (typed as the export). */
export function lazyNamed<M, K extends keyof M>(load: () => Promise<M>, name: K): M[K] {
  return lazy(async () => ({ default: (await load())[name] as ComponentType })) as M[K];
}
