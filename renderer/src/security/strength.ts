/**
 * The passphrase rules (shared/passphrase-strength.ts) with their word lists are most of a
 * megabyte: they load when a passphrase is first chosen, not with the app's first screen.
 */
import { useEffect, useState } from 'react';
import type { PassphraseStrength } from '../../../shared/passphrase-strength';

export type RateStrength = (passphrase: string) => PassphraseStrength;

let loaded: RateStrength | null = null;
let loading: Promise<RateStrength> | null = null;

export function loadStrength(): Promise<RateStrength> {
  loading ??= import('../../../shared/passphrase-strength').then((module) => (loaded = (passphrase) => module.passphraseStrength(passphrase)));
  return loading;
}

/** The rules once loaded (null for the first moments after a passphrase screen opens). */
export function useStrength(): RateStrength | null {
  const [rate, setRate] = useState<RateStrength | null>(() => loaded);
  useEffect(() => {
    if (!rate) void loadStrength().then((ready) => setRate(() => ready));
  }, [rate]);
  return rate;
}
