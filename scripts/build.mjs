// Builds the main-process bundles (esbuild) and the renderer (vite) into dist/.
//   --if-needed  skip when dist is newer than every source file
//   --main-only  skip the renderer (the CLI needs only the main side)
//   --workers-only  only the worker threads' bundles (the unit tests build these first)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const stamp = path.join(root, 'dist', '.build-stamp');
const sources = ['electron', 'shared', 'renderer', 'resources', 'bench', 'package.json', 'vite.config.mts'];

function newestMtime(target) {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

if (args.has('--if-needed') && fs.existsSync(stamp)) {
  const built = fs.statSync(stamp).mtimeMs;
  if (sources.every((s) => newestMtime(path.join(root, s)) <= built)) process.exit(0);
}

const { build } = await import('esbuild');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  external: ['electron', 'better-sqlite3-multiple-ciphers'],
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
};
// Workers sit beside main.cjs (packaged with it); every bundle finds them in ../electron/.
const workers = [
  ['electron/workers/table-worker.ts', 'dist/electron/table-worker.cjs'],
  ['electron/workers/read-worker.ts', 'dist/electron/read-worker.cjs'],
  ['electron/workers/batch-worker.ts', 'dist/electron/batch-worker.cjs'],
  ['electron/workers/data-worker.ts', 'dist/electron/data-worker.cjs'],
  ['electron/workers/document-worker.ts', 'dist/electron/document-worker.cjs'],
];
const entries = args.has('--workers-only')
  ? workers
  : [
      ...workers,
      ['electron/main.ts', 'dist/electron/main.cjs'],
      ['electron/preload.ts', 'dist/electron/preload.cjs'],
      ['electron/host/main.ts', 'dist/host/main.cjs'],
      ['electron/cli/main.ts', 'dist/cli/main.cjs'],
    ];
if (!args.has('--workers-only') && fs.existsSync(path.join(root, 'bench', 'run.ts'))) entries.push(['bench/run.ts', 'dist/bench/run.cjs']);
await Promise.all(entries.map(([entry, outfile]) => build({ ...common, entryPoints: [path.join(root, entry)], outfile: path.join(root, outfile) })));

if (!args.has('--main-only') && !args.has('--workers-only')) {
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: path.join(root, 'vite.config.mts'), logLevel: 'warn' });
  fs.mkdirSync(path.dirname(stamp), { recursive: true });
  fs.writeFileSync(stamp, new Date().toISOString());
}
