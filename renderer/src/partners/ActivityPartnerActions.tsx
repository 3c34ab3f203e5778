/** On an activity's form: record an agreement signed there (pre-filled from it), or a follow-up about it. */
import { useState } from 'react';
import { useTranslation } from '../i18n';
import { useAppStore } from '../stores/app';
import { FollowupForm } from './FollowupForm';

export function ActivityPartnerActions({ activityId, title, onLeave }: { activityId: string; title: string; onLeave(): void }) {
  const { t } = useTranslation();
  const navigate = useAppStore((s) => s.navigate);
  const [addingFollowup, setAddingFollowup] = useState(false);
  return (
    <>
      <button
        type="button"
        className="nowrap"
        aria-label={t('agreement.fromActivity')}
        title={t('agreement.fromActivity')}
        onClick={() => {
          onLeave();
          navigate('agreements', { fromActivity: activityId });
        }}
      >
        + {t('agreement.fromActivityShort')}
      </button>
      <button type="button" className="nowrap" onClick={() => setAddingFollowup(true)}>
        + {t('followup.new')}
      </button>
      {addingFollowup && (
        <FollowupForm
          followup={null}
          about={{ entity: 'activity', recordId: activityId, title }}
          onClose={() => setAddingFollowup(false)}
          onSaved={() => setAddingFollowup(false)}
        />
      )}
    </>
  );
}
