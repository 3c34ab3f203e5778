import { z } from 'zod';
import { channel } from './define';

export interface BackupInfo {
  /** File name inside <dataDir>/backups. */
  file: string;
  createdAt: string;
  /** Why it was taken: scheduled, manual, before-migration-N, before-import, before-restore, ... */
  reason: string;
  bytes: number;
  encrypted: boolean;
}

const file = z.string({ error: 'required' }).regex(/^cau-noi-\d{8}T\d{9}Z-[a-z0-9-]{1,40}\.db$/, { error: 'invalid_choice' });

export const backupChannels = {
  'backup.list': channel(z.object({}).default({})).returns<BackupInfo[]>(),
  'backup.create': channel(z.object({}).default({})).returns<BackupInfo>(),
  /** Checks the backup, backs up the current data, then swaps the backup in. */
  'backup.restore': channel(z.object({ file, passphrase: z.string().min(1, { error: 'required' }).max(1024, { error: 'too_long' }).optional() }), {
    long: true,
  }).returns<BackupInfo>(),
};

/** How many of the most recent days, ISO weeks and months with a backup keep their newest one. */
export const BACKUP_RETENTION = { daily: 7, weekly: 4, monthly: 12 } as const;
