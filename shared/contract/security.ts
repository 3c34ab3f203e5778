import { z } from 'zod';
import { channel } from './define';

export interface SecurityStatus {
  /** The folder has a passphrase (its database is encrypted). */
  encrypted: boolean;
  locked: boolean;
  /** Minutes without input before the app locks; 0 = never. Null while locked. */
  idleMinutes: number | null;
  /** The key may be kept by the operating system's secure storage (Electron only). */
  canRememberKey: boolean;
  /** The key is kept by the operating system: start-up does not ask for the passphrase. */
  keyRemembered: boolean;
  /** Why the database cannot be opened, when it cannot (code + English message). */
  problem: { code: string; message: string } | null;
  /** Writes found lost at open (a write-ahead log deleted or damaged after a crash), until acknowledged. */
  lostWrites: LostWrites | null;
}

export interface LostWrites {
  detectedAt: string;
  /** Time of the last write this device had committed. */
  lastWriteAt: string;
  /** Time of the last write the database still holds (null: none). */
  keptUntil: string | null;
  /** The newest backup, which may hold some of what is missing. */
  backup: { file: string; createdAt: string } | null;
}

/** Kept as typed: only NFC-normalised inside the key derivation, never trimmed. */
const passphrase = z.string({ error: 'required' }).min(1, { error: 'required' }).max(1024, { error: 'too_long' });

export const DEFAULT_IDLE_MINUTES = 10;
export const MAX_IDLE_MINUTES = 480;

export const securityChannels = {
  'security.status': channel(z.object({}).default({})).returns<SecurityStatus>(),
  'security.unlock': channel(z.object({ passphrase })).returns<SecurityStatus>(),
  'security.lock': channel(z.object({}).default({})).returns<SecurityStatus>(),
  /** Sets the first passphrase: a new folder at setup, or "encrypt now" for an older plain one. */
  'security.enable': channel(z.object({ passphrase })).returns<SecurityStatus>(),
  'security.changePassphrase': channel(z.object({ current: passphrase, next: passphrase })).returns<SecurityStatus>(),
  'security.setIdleTimeout': channel(
    z.object({
      minutes: z
        .number({ error: 'invalid_choice' })
        .int({ error: 'invalid_choice' })
        .min(0, { error: 'invalid_choice' })
        .max(MAX_IDLE_MINUTES, { error: 'invalid_choice' }),
    }),
  ).returns<SecurityStatus>(),
  /** The person has read the lost-writes notice: it is not shown again. */
  'security.acknowledgeLostWrites': channel(z.object({}).default({})).returns<SecurityStatus>(),
  /** Trusted device: let the operating system keep the key (asks for the passphrase to prove it is the user). */
  'security.rememberKey': channel(z.object({ remember: z.boolean({ error: 'invalid_choice' }), passphrase: passphrase.optional() })).returns<SecurityStatus>(),
};

/** The only calls answered while locked (everything else gets LOCKED). */
export const CHANNELS_WHILE_LOCKED: ReadonlySet<string> = new Set(['app.state', 'security.status', 'security.unlock', 'backup.list', 'backup.restore']);
