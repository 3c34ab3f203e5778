import { useTranslation } from '../i18n';
import type { ProgressState } from './useLongCall';

export function ProgressBar({ progress }: { progress: ProgressState | null }) {
  const { t } = useTranslation();
  const percent = progress && progress.total > 0 ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : 0;
  // The stage is an i18n key the long call names (exchange.stage.*, partnerImport.writing).
  const stage = progress?.stage ?? 'exchange.stage.reading';
  return (
    <div className="exchange-progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-label={t(stage)}>
      <div className="exchange-progress-bar" style={{ width: `${percent}%` }} />
      <span>
        {t(stage)} {progress && progress.total > 1 ? `${percent}%` : ''}
      </span>
    </div>
  );
}
