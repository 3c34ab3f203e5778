/** Contact people: everyone the mission knows, with their organisation; search, export, open, add. */
import type { ContactFilter, ContactRow } from '../../../shared/domain/contact';
import { api } from '../api/client';
import { ErrorMessage } from '../components/ErrorMessage';
import { PagedTable, usePagedList } from '../components/PagedTable';
import { useOpenRecord } from '../components/useOpenRecord';
import { useNewRecord } from '../components/useShortcut';
import { useTranslation } from '../i18n';
import { ContactForm } from '../partners/ContactForm';
import { ExportButtons } from '../partners/shared';
import '../styles/partners.css';
import { ListHead } from '../components/ListHead';

export function ContactsPage() {
  const { t } = useTranslation();
  const { filter, text, setText, page, failure, more } = usePagedList<ContactFilter, ContactRow>(
    'contact.list',
    (filter, offset, limit) => api('contact.list', { filter, offset, limit }),
    {},
  );
  // The person open in the form (also from the search, Ctrl+K, or a timeline).
  const { record: open, open: openContact, openNew, close: closed } = useOpenRecord('contact.get');
  useNewRecord(openNew);

  return (
    <section className="page partners-page">
      <ListHead title={t('contact.listTitle')} count={{ key: 'contact.count', total: page?.total }} newLabel={t('contact.new')} onNew={openNew}>
        <ExportButtons request={{ entity: 'contact', filter }} />
      </ListHead>

      <div className="filters partner-filters" role="search">
        <input
          type="search"
          autoComplete="off"
          className="filter-text-inline"
          aria-label={t('contact.searchPlaceholder')}
          placeholder={t('contact.searchPlaceholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </div>

      <ErrorMessage text={failure} />

      <PagedTable<ContactRow>
        className="partners-table contacts-table"
        page={page}
        emptyText={filter.text ? t('contact.noMatch') : t('contact.empty')}
        onOpen={(c) => openContact(c.id)}
        onMore={more}
        columns={[
          { header: t('contact.name'), cell: (c) => c.name, title: (c) => c.name },
          { header: t('contact.title'), cell: (c) => c.title },
          {
            header: t('contact.organisation'),
            cell: (c) => c.organisationName ?? t('contact.noOrganisation'),
            cellClass: (c) => (c.organisationName ? '' : 'muted'),
          },
          { header: t('contact.email'), cell: (c) => c.email },
          { header: t('contact.phone'), cell: (c) => c.phone },
        ]}
      />

      {open !== undefined && <ContactForm contact={open} organisationId={null} onClose={closed} onSaved={closed} onDeleted={closed} />}
    </section>
  );
}
