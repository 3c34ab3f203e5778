// Makes an offline update package (.cnupdate) from an installer electron-builder made:
//   node scripts/update-package.mjs --installer F --version V --platform P --key KEY --out F.cnupdate \
//     [--notes notes.json | --notes-vi TEXT --notes-en TEXT]
//   node scripts/update-package.mjs keygen --out ministry-release.pem
// The same as `cau-noi update pack …` / `cau-noi update keygen …` (docs/cli.md#update), which it runs.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const command = args[0] === 'keygen' || args[0] === 'verify' ? [args.shift()] : ['pack'];
const run = (argv) => spawnSync(process.execPath, argv, { cwd: process.cwd(), stdio: 'inherit' });
const built = run([path.join(root, 'scripts', 'build.mjs'), '--if-needed']);
if (built.status !== 0) process.exit(built.status ?? 1);
// The CLI's own --version prints its version: the package's is --app-version there.
const forwarded = args.map((a) => (a === '--version' ? '--app-version' : a.startsWith('--version=') ? `--app-version=${a.slice(10)}` : a));
const result = run([path.join(root, 'bin', 'cau-noi.cjs'), 'update', ...command, ...forwarded]);
process.exit(result.status ?? 1);
