import path from 'node:path';

/**
 * A worker's bundle (scripts/build.mjs) sits beside main.cjs in dist/electron/; every bundle
 * (app, host, CLI, bench) sits one folder below dist/, and the sources (tests) find it in the
 * repository's dist/.
 */
export function workerBundle(name: 'table-worker' | 'batch-worker' | 'read-worker' | 'data-worker' | 'document-worker'): string {
  const dist = __filename.endsWith('.cjs') ? path.join(__dirname, '..') : path.join(__dirname, '..', '..', 'dist');
  return path.join(dist, 'electron', `${name}.cjs`);
}
