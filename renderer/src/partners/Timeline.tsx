/** An organisation's or a person's timeline: activities, agreements and follow-ups, latest first. */
import type { TimelineItem } from '../../../shared/contract/organisations';
import { formatDate } from '../format';
import { useTranslation } from '../i18n';
import { useAppStore } from '../stores/app';

const TIMELINE_PAGE: Record<TimelineItem['entity'], string> = { activity: 'activities', agreement: 'agreements', followup: 'followups' };

function kindKey(item: TimelineItem): string {
  if (item.entity === 'activity') return `enum.activityKind.${item.kind}`;
  if (item.entity === 'agreement') return `enum.agreementKind.${item.kind}`;
  return `enum.followupState.${item.kind}`;
}

export function Timeline({ items, label }: { items: TimelineItem[]; label: string }) {
  const { t } = useTranslation();
  const navigate = useAppStore((s) => s.navigate);
  return (
    <section aria-label={label}>
      <h3>{label}</h3>
      {items.length === 0 ? (
        <p className="muted">{t('organisation.noTimeline')}</p>
      ) : (
        <ol className="timeline">
          {items.map((item) => (
            <li key={`${item.entity}-${item.id}`}>
              <button type="button" className="row-button" onClick={() => navigate(TIMELINE_PAGE[item.entity], { open: item.id })}>
                <span className="timeline-date">{formatDate(item.date)}</span>
                <span className={`badge timeline-${item.entity}`}>{t(`timeline.${item.entity}`)}</span>
                <span className="timeline-title">{item.title}</span>
                <span className="muted small">{t(kindKey(item))}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
