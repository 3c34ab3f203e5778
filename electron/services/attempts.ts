/**
 * Wrong passphrases, counted per context: after FREE_ATTEMPTS each further try (right or
 * wrong) must wait longer, doubling up to a minute, so guessing at the lock screen is slow.
 */
import { AppError } from '../../shared/errors';
import type { AppContext } from '../context';
import { wrongPassphrase } from '../db/key';

const attempts = new WeakMap<AppContext, { failures: number; notBefore: number }>();
const FREE_ATTEMPTS = 5;

export function checkThrottle(app: AppContext): void {
  const wait = Math.ceil(((attempts.get(app)?.notBefore ?? 0) - Date.now()) / 1000);
  if (wait > 0) throw new AppError('TOO_MANY_ATTEMPTS', `Too many wrong passphrases: wait ${wait} s`, { params: { seconds: wait } });
}

/** Counts a wrong passphrase; returns the error to throw. */
export function recordFailure(app: AppContext): AppError {
  const failures = (attempts.get(app)?.failures ?? 0) + 1;
  const delay = failures < FREE_ATTEMPTS ? 0 : Math.min(2 ** (failures - FREE_ATTEMPTS), 60) * 1000;
  attempts.set(app, { failures, notBefore: Date.now() + delay });
  return wrongPassphrase();
}

export function clearFailures(app: AppContext): void {
  attempts.delete(app);
}
