/** The head of a list page: its title, how many records its filter holds, its actions, and "+ new" with its shortcut. */
import type { ReactNode } from 'react';
import { formatNumber } from '../format';
import { useTranslation } from '../i18n';
import { shortcutLabel } from './useShortcut';

interface ListHeadProps {
  title: string;
  /** i18n key of the count line ("{{total}} hoạt động"); the total is null while it is counted. */
  count?: { key: string; total: number | null | undefined };
  newLabel: string;
  onNew(): void;
  /** Actions before the new-record button (export, import). */
  children?: ReactNode;
}

export function ListHead({ title, count, newLabel, onNew, children }: ListHeadProps) {
  const { t } = useTranslation();
  return (
    <header className="page-head">
      <div>
        <h1>{title}</h1>
        {count && (
          <p className="muted" aria-live="polite">
            {count.total == null ? t('app.loading') : t(count.key, { count: count.total, total: formatNumber(count.total) })}
          </p>
        )}
      </div>
      <div className="head-actions">
        {children}
        <button type="button" className="primary" onClick={onNew}>
          + {newLabel} <kbd>{shortcutLabel('new')}</kbd>
        </button>
      </div>
    </header>
  );
}
