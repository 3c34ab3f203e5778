/** On an activity's form: record an agreement signed there, pre-filled from the activity. */
import { useTranslation } from '../i18n';
import { useAppStore } from '../stores/app';

export function AgreementFromActivityButton({ activityId, onOpen }: { activityId: string; onOpen(): void }) {
  const { t } = useTranslation();
  const navigate = useAppStore((s) => s.navigate);
  return (
    <button
      type="button"
      onClick={() => {
        onOpen();
        navigate('agreements', { fromActivity: activityId });
      }}
    >
      {t('agreement.fromActivity')}
    </button>
  );
}
