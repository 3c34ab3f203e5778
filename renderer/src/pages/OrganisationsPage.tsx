/** Partners (đối tác): the list with filters, import, export, and each organisation's detail. */
import { useCallback, useEffect, useState } from 'react';
import { ORGANISATION_KINDS } from '../../../shared/domain/enums';
import type { Contact } from '../../../shared/domain/contact';
import type { OrganisationFilter, OrganisationRow } from '../../../shared/domain/organisation';
import { countryName } from '../../../shared/countries';
import { api } from '../api/client';
import { EnumFilter } from '../components/FilterSelect';
import { sectorLabel } from '../components/options';
import { useShortcut } from '../components/useShortcut';
import { formatNumber } from '../format';
import { currentLanguage, errorText, useTranslation } from '../i18n';
import { ContactForm } from '../partners/ContactForm';
import { ImportDialog } from '../partners/ImportDialog';
import { OrganisationDetail } from '../partners/OrganisationDetail';
import { OrganisationForm } from '../partners/OrganisationForm';
import { ExportButtons } from '../partners/shared';
import { useAppStore } from '../stores/app';
import '../styles/partners.css';

/** Rows read at a time; "show more" reads the next ones. */
const PAGE = 500;

export function OrganisationsPage() {
  const { t } = useTranslation();
  const route = useAppStore((s) => s.route);
  const [filter, setFilter] = useState<OrganisationFilter>({});
  const [text, setText] = useState('');
  const [page, setPage] = useState<{ total: number; rows: OrganisationRow[] } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  /** A person without an organisation, opened from the search. */
  const [contact, setContact] = useState<Contact | null>(null);

  const load = useCallback(() => {
    api('organisation.list', { filter, limit: PAGE })
      .then((result) => {
        setPage(result);
        setFailure(null);
      })
      .catch((error: unknown) => setFailure(errorText(error)));
  }, [filter]);
  const more = () => {
    if (!page) return;
    api('organisation.list', { filter, offset: page.rows.length, limit: PAGE })
      .then((next) => setPage({ total: next.total, rows: [...page.rows, ...next.rows] }))
      .catch((error: unknown) => setFailure(errorText(error)));
  };

  useEffect(load, [load]);
  useEffect(() => {
    const params = route.params as { open?: string; contact?: string } | undefined;
    if (params?.open) setOpen(params.open);
    if (params?.contact) api('contact.get', { id: params.contact }).then(setContact).catch(() => undefined);
  }, [route]);
  useEffect(() => {
    const handle = setTimeout(() => setFilter((f) => ((f.text ?? '') === text ? f : { ...f, text: text || undefined })), 150);
    return () => clearTimeout(handle);
  }, [text]);
  useShortcut('n', () => setCreating(true));

  const language = currentLanguage();
  const filtered = Boolean(filter.text || filter.kinds?.length);

  return (
    <section className="page partners-page">
      <header className="page-head">
        <div>
          <h1>{t('organisation.listTitle')}</h1>
          <p className="muted" aria-live="polite">
            {page ? t('organisation.count', { total: formatNumber(page.total) }) : t('app.loading')}
          </p>
        </div>
        <div className="head-actions">
          <ExportButtons request={{ entity: 'organisation', filter }} />
          <button type="button" onClick={() => setImporting(true)}>
            {t('organisation.import')}
          </button>
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            + {t('organisation.new')} <kbd>Ctrl+N</kbd>
          </button>
        </div>
      </header>

      <div className="filters partner-filters" role="search">
        <input type="search" className="filter-text-inline" aria-label={t('organisation.searchPlaceholder')} placeholder={t('organisation.searchPlaceholder')} value={text} onChange={(e) => setText(e.target.value)} />
        <EnumFilter label={t('organisation.kind')} enumName="organisationKind" values={ORGANISATION_KINDS} selected={filter.kinds} onChange={(kinds) => setFilter({ ...filter, kinds })} />
      </div>

      {failure && (
        <div className="form-error" role="alert">
          {failure}
        </div>
      )}

      <div className="table partners-table organisations-table" role="grid" aria-rowcount={page?.total ?? 0}>
        <div className="table-row table-header" role="row">
          <div role="columnheader">{t('organisation.name')}</div>
          <div role="columnheader">{t('organisation.kind')}</div>
          <div role="columnheader">{t('organisation.country')}</div>
          <div role="columnheader">{t('organisation.sectors')}</div>
          <div role="columnheader" className="col-number">
            {t('organisation.contactCount')}
          </div>
          <div role="columnheader" className="col-number">
            {t('organisation.agreementCount')}
          </div>
        </div>
        <div className="table-body">
          {page?.total === 0 && <p className="empty">{filtered ? t('organisation.noMatch') : t('organisation.empty')}</p>}
          {page?.rows.map((o) => (
            <div key={o.id} role="row" className="table-row" tabIndex={0} onClick={() => setOpen(o.id)} onKeyDown={(e) => e.key === 'Enter' && setOpen(o.id)}>
              <div role="gridcell" title={o.name}>
                {o.name}
              </div>
              <div role="gridcell">{t(`enum.organisationKind.${o.kind}`)}</div>
              <div role="gridcell">{o.country ? countryName(o.country, language) : ''}</div>
              <div role="gridcell">{o.sectors.map(sectorLabel).join(', ')}</div>
              <div role="gridcell" className="col-number">
                {formatNumber(o.contactCount)}
              </div>
              <div role="gridcell" className="col-number">
                {formatNumber(o.agreementCount)}
              </div>
            </div>
          ))}
          {page && page.rows.length < page.total && (
            <button type="button" className="link show-more" onClick={more}>
              {t('partnersList.showMore')}
            </button>
          )}
        </div>
      </div>

      {creating && (
        <OrganisationForm
          organisation={null}
          onClose={() => setCreating(false)}
          onSaved={(o) => {
            setCreating(false);
            load();
            setOpen(o.id);
          }}
        />
      )}
      {open && <OrganisationDetail id={open} onClose={() => setOpen(null)} onChanged={load} />}
      {importing && <ImportDialog onClose={() => setImporting(false)} onImported={load} />}
      {contact && <ContactForm contact={contact} organisationId={null} onClose={() => setContact(null)} onSaved={() => setContact(null)} onDeleted={() => setContact(null)} />}
    </section>
  );
}
