/**
 * One search box for every kind of record (Ctrl+K from anywhere): folded text, so
 * "hoi thao da nang" finds "Hội thảo Đà Nẵng"; results grouped by kind of record.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { SearchHit } from '../../../shared/contract/search';
import type { Entity } from '../../../shared/domain/enums';
import { fetchChannel, useChannel } from '../api/query';
import { Dialog } from './Dialog';
import { formatDate } from '../format';
import { errorText, useTranslation } from '../i18n';
import { useAppStore } from '../stores/app';
import { isComposing } from './keys';
import { shortcutLabel, useShortcut } from './useShortcut';
import '../styles/partners.css';
import { ErrorMessage } from './ErrorMessage';

const GROUP_ORDER: Entity[] = ['activity', 'organisation', 'contact', 'agreement', 'followup'];
const PAGE_OF: Partial<Record<Entity, string>> = {
  activity: 'activities',
  organisation: 'organisations',
  contact: 'contacts',
  agreement: 'agreements',
  followup: 'followups',
};
const KIND_ENUM: Partial<Record<Entity, string>> = { activity: 'activityKind', organisation: 'organisationKind', agreement: 'agreementKind' };

/** Hits grouped by kind of record, in a fixed order; the keyboard walks the groups in that order. */
function groupHits(hits: readonly SearchHit[]): { entity: Entity; hits: SearchHit[] }[] {
  const order = [...GROUP_ORDER, ...new Set(hits.map((h) => h.entity).filter((e) => !GROUP_ORDER.includes(e)))];
  return order.map((entity) => ({ entity, hits: hits.filter((h) => h.entity === entity) })).filter((g) => g.hits.length > 0);
}

export function GlobalSearch() {
  const { t, i18n } = useTranslation();
  const navigate = useAppStore((s) => s.navigate);
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  /** The text searched: typed keys a few ms apart are one search (a search takes a few ms: npm run bench). */
  const [searched, setSearched] = useState('');
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);

  useShortcut('search', () => setOpen(true));
  useEffect(() => {
    if (open) inputRef.current?.focus();
  }, [open]);
  useEffect(() => {
    const handle = setTimeout(() => setSearched(text), 30);
    return () => clearTimeout(handle);
  }, [text]);

  const search = useChannel('search.query', { text: searched, limit: 60 }, { enabled: open && searched.trim() !== '' });
  const hits = useMemo(() => (text.trim() && search.data ? search.data.hits : []), [text, search.data]);
  /** The hits on screen are those of the text in the box (not of a shorter one still shown meanwhile). */
  const current = !text.trim() || (searched === text && !search.isPlaceholderData && search.data !== undefined);
  const failure = search.error ? errorText(search.error) : null;

  const groups = useMemo(() => groupHits(hits), [hits]);
  const flat = groups.flatMap((g) => g.hits);

  function close() {
    setOpen(false);
    setText('');
    setSearched('');
  }

  function go(hit: SearchHit) {
    close();
    const page = PAGE_OF[hit.entity];
    if (page) navigate(page, { open: hit.id });
  }

  /** An Enter typed before the hits of the text arrived opens the first of them when they do. */
  async function openFirstOf(typed: string) {
    const first = groupHits((await fetchChannel('search.query', { text: typed, limit: 60 })).hits).flatMap((g) => g.hits)[0];
    if (first) go(first);
  }

  const groupLabel = (entity: Entity) => (i18n.exists(`searchBox.group.${entity}`) ? t(`searchBox.group.${entity}`) : entity);
  const kindLabel = (hit: SearchHit) => (hit.kind && KIND_ENUM[hit.entity] ? t(`enum.${KIND_ENUM[hit.entity]}.${hit.kind}`) : '');

  return (
    <>
      <button type="button" className="search-trigger" onClick={() => setOpen(true)} title={shortcutLabel('search')}>
        <span aria-hidden="true">⌕</span> {t('searchBox.title')} <kbd>{shortcutLabel('search')}</kbd>
      </button>
      {open && (
        <Dialog shape="search" label={t('searchBox.title')} onClose={close}>
          <div className="search-box">
            <input
              ref={inputRef}
              type="search"
              autoComplete="off"
              role="combobox"
              aria-expanded={flat.length > 0}
              aria-controls="global-search-results"
              aria-label={t('search.placeholder')}
              placeholder={t('search.placeholder')}
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                setActive(0);
              }}
              onKeyDown={(e) => {
                if (isComposing(e)) return;
                if (e.key === 'Escape') {
                  e.preventDefault();
                  close();
                } else if (e.key === 'ArrowDown') {
                  e.preventDefault();
                  setActive((a) => Math.min(a + 1, flat.length - 1));
                } else if (e.key === 'ArrowUp') {
                  e.preventDefault();
                  setActive((a) => Math.max(a - 1, 0));
                } else if (e.key === 'Enter') {
                  e.preventDefault();
                  if (!current) void openFirstOf(text);
                  else if (flat[active]) go(flat[active]!);
                }
              }}
            />
            <p className="muted small search-hint">{t('searchBox.hint')}</p>
            <ErrorMessage text={failure} />
            {text.trim() && current && hits.length === 0 && !failure && <p className="muted search-empty">{t('search.noResults')}</p>}
            <div id="global-search-results" role="listbox" className="search-results">
              {groups.map((group) => (
                <section key={group.entity} aria-label={groupLabel(group.entity)} data-entity={group.entity}>
                  <h3>{groupLabel(group.entity)}</h3>
                  <ul>
                    {group.hits.map((hit) => {
                      const index = flat.indexOf(hit);
                      return (
                        <li
                          key={hit.id}
                          role="option"
                          aria-selected={index === active}
                          className={index === active ? 'active' : ''}
                          onMouseEnter={() => setActive(index)}
                          onMouseDown={(e) => {
                            e.preventDefault();
                            void go(hit);
                          }}
                        >
                          <span className="hit-title">{hit.title}</span>
                          <span className="muted small">{[kindLabel(hit), formatDate(hit.date)].filter(Boolean).join(' · ')}</span>
                        </li>
                      );
                    })}
                  </ul>
                </section>
              ))}
            </div>
          </div>
        </Dialog>
      )}
    </>
  );
}
