/**
 * A list read in pages of 500 ("Xem thêm" reads the next ones), with its search text
 * debounced into the filter: the shape of the partner and agreement lists.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { ChannelName } from '../../../shared/contract';
import { usePagedChannel, type Page } from '../api/query';
import { errorText, useTranslation } from '../i18n';
import { isComposing } from './keys';

const PAGE = 500;

export type { Page };

/** The list of `channel` under a filter the person edits; a write anywhere reads it again (api/query). */
export function usePagedList<F extends { text?: string }, R>(
  channel: ChannelName,
  load: (filter: F, offset: number, limit: number) => Promise<Page<R>>,
  initial: F,
) {
  const [filter, setFilter] = useState<F>(initial);
  const [text, setText] = useState(initial.text ?? '');
  const { page, error, more } = usePagedChannel(channel, filter, (offset) => load(filter, offset, PAGE));
  useEffect(() => {
    const handle = setTimeout(() => setFilter((f) => ((f.text ?? '') === text ? f : { ...f, text: text || undefined })), 150);
    return () => clearTimeout(handle);
  }, [text]);
  return { filter, setFilter, text, setText, page, failure: error ? errorText(error) : null, more };
}

export interface Column<R> {
  header: string;
  className?: string;
  cell(row: R): ReactNode;
  /** Extra class of the cell for this row (e.g. an overdue date). */
  cellClass?(row: R): string;
  title?(row: R): string | undefined;
}

interface TableProps<R extends { id: string }> {
  className: string;
  columns: Column<R>[];
  page: Page<R> | null;
  emptyText: string;
  onOpen(row: R): void;
  onMore(): void;
}

export function PagedTable<R extends { id: string }>({ className, columns, page, emptyText, onOpen, onMore }: TableProps<R>) {
  const { t } = useTranslation();
  const [activeRow, setActiveRow] = useState(0);
  return (
    <div className={`table ${className}`} role="grid" aria-rowcount={page?.total ?? 0}>
      <div className="table-row table-header" role="row">
        {columns.map((c) => (
          <div key={c.header} role="columnheader" className={c.className}>
            {c.header}
          </div>
        ))}
      </div>
      <div className="table-body">
        {page?.total === 0 && <p className="empty">{emptyText}</p>}
        {page?.rows.map((row, index) => (
          <div
            key={row.id}
            role="row"
            className="table-row"
            // One tab stop for the whole list; the arrows walk the rows, Enter opens one.
            tabIndex={index === Math.min(activeRow, page.rows.length - 1) ? 0 : -1}
            onFocus={() => setActiveRow(index)}
            onClick={() => onOpen(row)}
            onKeyDown={(e) => {
              if (isComposing(e)) return;
              if (e.key === 'Enter') {
                // Consumed here, or its keypress would press what the opening dialog focuses.
                e.preventDefault();
                onOpen(row);
              } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                e.preventDefault();
                const next = e.key === 'ArrowDown' ? e.currentTarget.nextElementSibling : e.currentTarget.previousElementSibling;
                if (next instanceof HTMLElement && next.getAttribute('role') === 'row') next.focus();
              }
            }}
          >
            {columns.map((c) => (
              <div key={c.header} role="gridcell" className={[c.className, c.cellClass?.(row)].filter(Boolean).join(' ') || undefined} title={c.title?.(row)}>
                {c.cell(row)}
              </div>
            ))}
          </div>
        ))}
        {page && page.rows.length < page.total && (
          <button type="button" className="link show-more" onClick={onMore}>
            {t('partnersList.showMore')}
          </button>
        )}
      </div>
    </div>
  );
}
