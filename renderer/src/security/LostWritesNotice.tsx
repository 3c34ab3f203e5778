/**
 * Shown once after a start that found committed writes missing (the write-ahead log was lost
 * or damaged after a crash): since when, and the newest backup, until the person confirms.
 */
import { api } from '../api/client';
import { useChannel } from '../api/query';
import { useTranslation } from '../i18n';
import { backupWhen } from './backupText';

const when = (iso: string) => backupWhen({ createdAt: iso, file: '', reason: '', bytes: 0, encrypted: false });

export function LostWritesNotice() {
  const { t } = useTranslation();
  // Gone once acknowledged: the acknowledgement goes through the client, which reads the status again.
  const lost = useChannel('security.status', {}).data?.lostWrites ?? null;
  if (!lost) return null;
  return (
    <div className="lock-problem lost-writes" role="alert">
      <h2>{t('security.lostWrites.title')}</h2>
      <p>
        {t('security.lostWrites.text', { lastWriteAt: when(lost.lastWriteAt), keptUntil: lost.keptUntil ? when(lost.keptUntil) : '—' })}{' '}
        {lost.backup ? t('security.lostWrites.backup', { when: when(lost.backup.createdAt) }) : t('security.lock.noBackups')}
      </p>
      <button type="button" onClick={() => void api('security.acknowledgeLostWrites', {})}>
        {t('security.lostWrites.acknowledge')}
      </button>
    </div>
  );
}
