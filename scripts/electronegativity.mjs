// Electronegativity (Doyensec) over the Electron side, through its API (its command-line entry
// crashes with the commander version npm resolves for it). CI runs it as a step of its own:
//   node scripts/electronegativity.mjs [--json]
// Audits electron/ (main, preload, hardening) and renderer/index.html (the meta CSP). Every
// finding is printed; a MEDIUM or higher one fails unless scripts/electronegativity-allow.json
// names its check and file with the reason it was accepted. An allowance that matches nothing
// fails too, so the list never outlives what it explains.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ALLOW_LIST = path.join(root, 'scripts', 'electronegativity-allow.json');
const BLOCKING = new Set(['MEDIUM', 'HIGH', 'CRITICAL']);

/** Runs the audit on a folder; the tool's own console chatter (release look-ups) is silenced. */
export async function audit(dir) {
  const required = createRequire(import.meta.url)('@doyensec/electronegativity');
  const run = required.default ?? required;
  const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const log = console.log;
  console.log = () => {};
  try {
    const result = await run({ input: dir, isRelative: true, electronVersionOverride: electronVersion }, false);
    return result.issues.map((i) => ({
      id: i.id,
      severity: i.severity.name,
      confidence: i.confidence.name,
      file: i.file,
      line: i.location.line,
      description: i.description,
    }));
  } finally {
    console.log = log;
  }
}

/** The project's Electron sources and page, copied apart so nothing else (tests, node_modules) is read. */
export async function auditProject() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caunoi-electronegativity-'));
  try {
    fs.cpSync(path.join(root, 'electron'), path.join(dir, 'electron'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'renderer'));
    fs.copyFileSync(path.join(root, 'renderer', 'index.html'), path.join(dir, 'renderer', 'index.html'));
    return await audit(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function readAllowList(file = ALLOW_LIST) {
  const list = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const entry of list) {
    if (!entry.id || !entry.file || !(typeof entry.reason === 'string' && entry.reason.length >= 40)) {
      throw new Error(`${path.relative(root, file)}: every entry needs id, file and a reason of a sentence or more: ${JSON.stringify(entry)}`);
    }
  }
  return list;
}

/** Splits findings into accepted (with their reason), unexplained (blocking) and the rest; lists stale allowances. */
export function judge(issues, allowList) {
  const allowed = (issue) => allowList.find((a) => a.id === issue.id && a.file === issue.file);
  const blocking = issues.filter((i) => BLOCKING.has(i.severity));
  return {
    accepted: blocking.filter(allowed).map((i) => ({ ...i, reason: allowed(i).reason })),
    unexplained: blocking.filter((i) => !allowed(i)),
    lower: issues.filter((i) => !BLOCKING.has(i.severity)),
    stale: allowList.filter((a) => !blocking.some((i) => i.id === a.id && i.file === a.file)),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const verdict = judge(await auditProject(), readAllowList());
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(verdict, null, 2)}\n`);
  } else {
    const line = (i) => `  ${i.severity.padEnd(8)} ${i.id} (${i.confidence}) ${i.file}:${i.line}`;
    console.log('Electronegativity:');
    for (const i of verdict.unexplained)
      console.log(`${line(i)}\n           UNEXPLAINED: fix it, or add it with a reason to ${path.relative(root, ALLOW_LIST)}`);
    for (const i of verdict.accepted) console.log(`${line(i)}\n           accepted: ${i.reason}`);
    for (const i of verdict.lower) console.log(`${line(i)}\n           ${i.description}`);
    for (const a of verdict.stale) console.log(`  STALE allowance ${a.id} ${a.file}: no such finding any more; remove it`);
    console.log(
      `${verdict.unexplained.length} unexplained medium+ finding(s), ${verdict.accepted.length} accepted, ${verdict.lower.length} lower, ${verdict.stale.length} stale allowance(s)`,
    );
  }
  process.exit(verdict.unexplained.length + verdict.stale.length === 0 ? 0 : 1);
}
