/** Partners (đối tác): the list with filters, import, export, and each organisation's detail. */
import { useState } from 'react';
import { ORGANISATION_KINDS } from '../../../shared/domain/enums';
import type { OrganisationFilter, OrganisationRow } from '../../../shared/domain/organisation';
import { countryName } from '../../../shared/countries';
import { api } from '../api/client';
import { EnumFilter } from '../components/FilterSelect';
import { PagedTable, usePagedList } from '../components/PagedTable';
import { sectorLabel } from '../components/options';
import { useNewRecord } from '../components/useShortcut';
import { useRouteOpen } from '../components/useRouteOpen';
import { formatNumber } from '../format';
import { currentLanguage, useTranslation } from '../i18n';
import { ImportDialog } from '../imports/ImportDialog';
import { PARTNER_IMPORT } from '../partners/partner-import-kind';
import { OrganisationDetail } from '../partners/OrganisationDetail';
import { OrganisationForm } from '../partners/OrganisationForm';
import { ExportButtons } from '../partners/shared';
import '../styles/partners.css';
import { ErrorMessage } from '../components/ErrorMessage';
import { ListHead } from '../components/ListHead';

export function OrganisationsPage() {
  const { t } = useTranslation();
  const { filter, setFilter, text, setText, page, failure, more } = usePagedList<OrganisationFilter, OrganisationRow>(
    'organisation.list',
    (filter, offset, limit) => api('organisation.list', { filter, offset, limit }),
    {},
  );
  const [open, setOpen] = useRouteOpen<string>(({ open }) => (typeof open === 'string' ? open : null));
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);

  useNewRecord(() => setCreating(true));

  const language = currentLanguage();
  const filtered = Boolean(filter.text || filter.kinds?.length);

  return (
    <section className="page partners-page">
      <ListHead
        title={t('organisation.listTitle')}
        count={{ key: 'organisation.count', total: page?.total }}
        newLabel={t('organisation.new')}
        onNew={() => setCreating(true)}
      >
        <ExportButtons request={{ entity: 'organisation', filter }} />
        <button type="button" onClick={() => setImporting(true)}>
          {t('organisation.import')}
        </button>
      </ListHead>

      <div className="filters partner-filters" role="search">
        <input
          type="search"
          autoComplete="off"
          className="filter-text-inline"
          aria-label={t('organisation.searchPlaceholder')}
          placeholder={t('organisation.searchPlaceholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <EnumFilter
          label={t('organisation.kind')}
          enumName="organisationKind"
          values={ORGANISATION_KINDS}
          selected={filter.kinds}
          onChange={(kinds) => setFilter({ ...filter, kinds })}
        />
      </div>

      <ErrorMessage text={failure} />

      <PagedTable
        className="partners-table organisations-table"
        page={page}
        emptyText={filtered ? t('organisation.noMatch') : t('organisation.empty')}
        onOpen={(o) => setOpen(o.id)}
        onMore={more}
        columns={[
          { header: t('organisation.name'), cell: (o) => o.name, title: (o) => o.name },
          { header: t('organisation.kind'), cell: (o) => t(`enum.organisationKind.${o.kind}`) },
          { header: t('organisation.country'), cell: (o) => (o.country ? countryName(o.country, language) : '') },
          { header: t('organisation.sectors'), cell: (o) => o.sectors.map(sectorLabel).join(', ') },
          { header: t('organisation.contactCount'), className: 'col-number', cell: (o) => formatNumber(o.contactCount) },
          { header: t('organisation.agreementCount'), className: 'col-number', cell: (o) => formatNumber(o.agreementCount) },
        ]}
      />

      {creating && (
        <OrganisationForm
          organisation={null}
          onClose={() => setCreating(false)}
          onSaved={(o) => {
            setCreating(false);
            setOpen(o.id);
          }}
        />
      )}
      {open && <OrganisationDetail id={open} onClose={() => setOpen(null)} />}
      {importing && <ImportDialog kind={PARTNER_IMPORT} onClose={() => setImporting(false)} />}
    </section>
  );
}
