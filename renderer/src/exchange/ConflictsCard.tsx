/** Concurrent edits side by side; a person keeps one value or the other. */
import type { ConflictView } from '../../../shared/domain/exchange';
import { api } from '../api/client';
import { formatDate } from '../format';
import i18next, { errorText, useTranslation } from '../i18n';
import { useAppStore } from '../stores/app';

function valueText(value: unknown, empty: string): string {
  if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) return empty;
  if (Array.isArray(value)) return value.join(', ');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

const hlcDate = (hlc: string) => formatDate(new Date(Number(hlc.slice(0, 13))).toISOString().slice(0, 10));

export function ConflictsCard({ conflicts }: { conflicts: ConflictView[] }) {
  const { t } = useTranslation();
  const notify = useAppStore((s) => s.notify);
  const resolve = async (id: number, keep: 'winner' | 'other') => {
    try {
      await api('exchange.resolve', { id, keep });
      notify({ kind: 'info', text: t('exchange.resolved') });
    } catch (error) {
      notify({ kind: 'error', text: errorText(error) });
    }
  };
  const fieldLabel = (c: ConflictView) => (i18next.exists(`${c.entity}.${c.field}`) ? t(`${c.entity}.${c.field}`) : c.field);
  return (
    <div className="card exchange-conflicts" data-testid="conflicts">
      <h2>{t('exchange.conflictsTitle')}</h2>
      {conflicts.length === 0 ? (
        <p className="muted">{t('exchange.noConflicts')}</p>
      ) : (
        <>
          <p className="muted">{t('exchange.conflictsIntro')}</p>
          {conflicts.map((c) => (
            <div key={c.id} className="conflict">
              <div className="conflict-head">
                <strong>{c.recordLabel}</strong> · {t(`enum.entity.${c.entity}`)} · {fieldLabel(c)}
              </div>
              <div className="conflict-sides">
                {(['winner', 'other'] as const).map((side) => (
                  <div key={side} className={`conflict-side conflict-${side}`}>
                    <div className="muted">{side === 'winner' ? t('exchange.current') : t('exchange.other')}</div>
                    <div className="conflict-value">{valueText(c[side].value, t('exchange.empty'))}</div>
                    <div className="muted">{t('exchange.by', { author: c[side].author, date: hlcDate(c[side].hlc) })}</div>
                    <button type="button" className={side === 'winner' ? '' : 'primary'} onClick={() => void resolve(c.id, side)}>
                      {side === 'winner' ? t('exchange.keepCurrent') : t('exchange.keepOther')}
                    </button>
                  </div>
                ))}
              </div>
            </div>
          ))}
        </>
      )}
    </div>
  );
}
