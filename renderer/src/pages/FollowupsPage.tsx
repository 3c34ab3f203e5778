/**
 * Follow-ups (việc cần làm): what is due and overdue (follow-ups and agreements whose
 * review date came), then every open follow-up.
 */
import { useState } from 'react';
import { DUE_SOON_DAYS } from '../../../shared/contract/figures';
import type { Entity } from '../../../shared/domain/enums';
import { api } from '../api/client';
import { useChannel } from '../api/query';
import { useOpenRecord } from '../components/useOpenRecord';
import { useNewRecord } from '../components/useShortcut';
import { formatDate, todayIso } from '../format';
import { errorText, useTranslation } from '../i18n';
import { FollowupForm } from '../partners/FollowupForm';
import { ExportButtons } from '../partners/shared';
import { useAppStore } from '../stores/app';
import '../styles/partners.css';
import { ErrorMessage } from '../components/ErrorMessage';
import { ListHead } from '../components/ListHead';

const RECORD_PAGE: Partial<Record<Entity, string>> = { activity: 'activities', organisation: 'organisations', agreement: 'agreements' };

export function FollowupsPage() {
  const { t } = useTranslation();
  const navigate = useAppStore((s) => s.navigate);
  const notify = useAppStore((s) => s.notify);
  // The app's day (the dashboard judges overdue by the same one), and the dashboard's window.
  const dueQuery = useChannel('followup.due', { today: todayIso(), withinDays: DUE_SOON_DAYS });
  const openQuery = useChannel('followup.list', { filter: { state: 'open' }, limit: 1000 });
  const due = dueQuery.data ?? null;
  const open = openQuery.data?.rows ?? [];
  const readError = dueQuery.error ?? openQuery.error;
  const [actionFailure, setFailure] = useState<string | null>(null);
  const failure = actionFailure ?? (readError ? errorText(readError) : null);
  const { record: editing, open: openFollowup, openNew, close } = useOpenRecord('followup.get');
  useNewRecord(openNew);

  async function markDone(id: string) {
    try {
      await api('followup.setDone', { id, done: true });
      notify({ kind: 'info', text: t('followup.marked'), action: { label: t('common.undo'), run: () => void api('followup.setDone', { id, done: false }) } });
    } catch (error) {
      setFailure(errorText(error));
    }
  }

  function openRecord(entity: Entity | null, id: string | null) {
    const page = entity ? RECORD_PAGE[entity] : undefined;
    if (page && id) navigate(page, { open: id });
  }

  return (
    <section className="page partners-page followups-page">
      <ListHead title={t('followup.listTitle')} newLabel={t('followup.new')} onNew={openNew}>
        <ExportButtons request={{ entity: 'followup', filter: { state: 'open' } }} />
      </ListHead>
      <ErrorMessage text={failure} />

      <section className="card" aria-labelledby="due-title">
        <h2 id="due-title">{t('followup.dueTitle')}</h2>
        <p className="muted small">{t('followup.within', { count: DUE_SOON_DAYS })}</p>
        {due?.length === 0 && <p className="muted">{t('followup.empty')}</p>}
        <ul className="due-list" data-testid="due-list">
          {due?.map((item) => (
            <li key={`${item.kind}-${item.id}`} className={item.overdue ? 'is-overdue' : ''}>
              <span className={`badge ${item.overdue ? 'badge-overdue' : 'badge-soon'}`}>{t(item.overdue ? 'followup.overdue' : 'followup.dueSoon')}</span>
              <span className="due-date">{formatDate(item.dueDate)}</span>
              <span className="due-title">
                {item.kind === 'agreement-review' ? (
                  <>
                    <span className="muted">{t('followup.review')}: </span>
                    <button type="button" className="link" onClick={() => openRecord('agreement', item.id)}>
                      {item.title}
                    </button>
                  </>
                ) : (
                  <>
                    {item.title}
                    {item.recordTitle && (
                      <>
                        {' · '}
                        <button type="button" className="link" onClick={() => openRecord(item.entity, item.recordId)}>
                          {item.recordTitle}
                        </button>
                      </>
                    )}
                  </>
                )}
              </span>
              <span className="muted small">{item.owner}</span>
              {item.kind === 'followup' && (
                <button type="button" onClick={() => void markDone(item.id)}>
                  ✓ {t('followup.done')}
                </button>
              )}
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="open-title">
        <h2 id="open-title">{t('followup.allOpen')}</h2>
        {openQuery.data?.rows.length === 0 && <p className="muted">{t('followup.noneOpen')}</p>}
        <ul className="due-list">
          {open.map((f) => (
            <li key={f.id}>
              <span className="due-date">{formatDate(f.dueDate)}</span>
              <button type="button" className="link due-title" onClick={() => openFollowup(f.id)}>
                {f.title}
              </button>
              <span className="muted small">{f.owner}</span>
              <button type="button" onClick={() => void markDone(f.id)}>
                ✓ {t('followup.done')}
              </button>
            </li>
          ))}
        </ul>
      </section>

      {editing !== undefined && <FollowupForm key={editing?.id ?? 'new'} followup={editing} about={null} onClose={close} onSaved={close} />}
    </section>
  );
}
