/**
 * Wrong passphrases, counted in the data folder (`cau-noi.attempts.json`): after
 * FREE_ATTEMPTS each further try (right or wrong) must wait longer, doubling up to
 * MAX_DELAY_S. Kept on disk, so restarting the app or the browser host, or using the CLI
 * (every command is a new process), does not reset it. The file holds no secret; deleting
 * it needs the same access to the folder as copying the database away to guess offline,
 * which scrypt is there to slow down.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { AppContext } from '../context';
import { wrongPassphrase } from '../db/key';

export const ATTEMPTS_FILE = 'cau-noi.attempts.json';
export const FREE_ATTEMPTS = 5;
export const MAX_DELAY_S = 60;

interface Attempts {
  failures: number;
  /** Epoch milliseconds before which no try is answered. */
  notBefore: number;
}

const file = (app: AppContext) => path.join(app.options.dataDir, ATTEMPTS_FILE);

function read(app: AppContext): Attempts {
  try {
    const value = JSON.parse(fs.readFileSync(file(app), 'utf8')) as Attempts;
    if (Number.isFinite(value.failures) && Number.isFinite(value.notBefore)) return value;
  } catch {
    // Missing: no failures yet. Damaged: counted as one below, never as none.
    if (!fs.existsSync(file(app))) return { failures: 0, notBefore: 0 };
  }
  return { failures: FREE_ATTEMPTS, notBefore: 0 };
}

function write(app: AppContext, value: Attempts): void {
  const target = file(app);
  fs.writeFileSync(`${target}.tmp`, JSON.stringify(value), { mode: 0o600 });
  fs.renameSync(`${target}.tmp`, target);
}

export function checkThrottle(app: AppContext): void {
  const wait = Math.ceil((read(app).notBefore - Date.now()) / 1000);
  if (wait > 0) throw new AppError('TOO_MANY_ATTEMPTS', `Too many wrong passphrases: wait ${wait} s`, { params: { seconds: wait } });
}

/** Counts a wrong passphrase; returns the error to throw. */
export function recordFailure(app: AppContext): AppError {
  const failures = read(app).failures + 1;
  const delay = failures < FREE_ATTEMPTS ? 0 : Math.min(2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_S) * 1000;
  write(app, { failures, notBefore: Date.now() + delay });
  return wrongPassphrase();
}

export function clearFailures(app: AppContext): void {
  fs.rmSync(file(app), { force: true });
}
