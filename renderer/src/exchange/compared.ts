/**
 * Signed files from a computer not trusted here (a hand-over, HQ's key notice): main refuses with
 * `code` and the signer's fingerprint; the person compares it with the one read to them, and only
 * then is the file taken with that fingerprint (as the CLI's --fingerprint).
 */
import { AppError } from '../../../shared/errors';
import { confirm } from '../components/confirm';

/** Resolves with run's answer, or null when the person did not confirm the fingerprint. */
export async function withComparedFingerprint<T>(
  run: (fingerprint?: string) => Promise<T>,
  code: string,
  question: (fingerprint: string) => { message: string; confirmLabel: string },
): Promise<T | null> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof AppError && error.code === code)) throw error;
    const fingerprint = String(error.params?.fingerprint ?? '');
    if (!(await confirm(question(fingerprint)))) return null;
    return run(fingerprint);
  }
}
