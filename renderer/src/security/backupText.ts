/** How a backup is named on screen: its date and time (dd/MM/yyyy HH:mm) and why it was taken. */
import type { BackupInfo } from '../../../shared/contract/backup';
import { formatDate, formatDecimal } from '../format';
import i18next from '../i18n';

export function backupWhen(backup: BackupInfo): string {
  const local = new Date(backup.createdAt);
  const pad = (n: number) => String(n).padStart(2, '0');
  const iso = `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
  return `${formatDate(iso)} ${pad(local.getHours())}:${pad(local.getMinutes())}`;
}

export function backupReason(backup: BackupInfo): string {
  const reason = backup.reason.startsWith('before-migration') ? 'before-migration' : backup.reason;
  const key = `security.backup.reason.${reason}`;
  return i18next.exists(key) ? i18next.t(key) : i18next.t('security.backup.reason.other');
}

export function backupSize(bytes: number): string {
  return `${formatDecimal(bytes / 1024 / 1024)} MB`;
}
