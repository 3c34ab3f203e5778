/**
 * The activity form belongs to the shell, not to a page: the "new" shortcut opens it over the
 * dashboard or the reports as well as over the list (which reads itself again after each write: api/query).
 */
import { Suspense } from 'react';
import type { Activity } from '../../../shared/domain/activity';
import { api } from '../api/client';
import { errorText, useTranslation } from '../i18n';
import { lazyNamed } from '../lazy';
import { useAppStore } from '../stores/app';
import { runNewRecord, useShortcut } from './useShortcut';

// The form (its date picker and validation) loads when first opened, not with the list.
const ActivityForm = lazyNamed(() => import('./ActivityForm'), 'ActivityForm');

export function ActivityFormHost() {
  const { t } = useTranslation();
  const form = useAppStore((s) => s.activityForm);
  const { openActivity, closeActivity, notify } = useAppStore.getState();
  useShortcut('new', () => runNewRecord(() => openActivity(null)));

  function afterDelete(activity: Activity) {
    closeActivity();
    notify({
      kind: 'info',
      text: t('activity.deleted', { title: activity.title }),
      action: {
        label: t('common.undo'),
        run: () => {
          api('activity.restore', { id: activity.id })
            .then(() => notify({ kind: 'info', text: t('activity.restored', { title: activity.title }) }))
            .catch((e: unknown) => notify({ kind: 'error', text: errorText(e) }));
        },
      },
    });
  }

  if (!form) return null;
  return (
    <Suspense fallback={null}>
      <ActivityForm key={form.id ?? 'new'} activityId={form.id} onClose={closeActivity} onSaved={closeActivity} onDeleted={afterDelete} />
    </Suspense>
  );
}
