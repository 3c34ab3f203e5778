/** Agreements and commitments (thỏa thuận, cam kết): list, filters, export, and each one's detail with its log. */
import { OPEN_AGREEMENT_STATUSES, type AgreementFilter, type AgreementRow } from '../../../shared/domain/agreement';
import { AGREEMENT_KINDS, AGREEMENT_STATUSES } from '../../../shared/domain/enums';
import { api } from '../api/client';
import { EnumFilter, PeriodFilter } from '../components/FilterSelect';
import { PagedTable, usePagedList } from '../components/PagedTable';
import { provinceLabel } from '../components/options';
import { useNewRecord } from '../components/useShortcut';
import { useRouteOpen } from '../components/useRouteOpen';
import { formatDate, formatUsd, todayIso } from '../format';
import { useTranslation } from '../i18n';
import { AgreementDrawer } from '../partners/AgreementDrawer';
import { ExportButtons } from '../partners/shared';
import '../styles/partners.css';
import { ErrorMessage } from '../components/ErrorMessage';
import { ListHead } from '../components/ListHead';
import { ImportDialog } from '../imports/ImportDialog';
import { AGREEMENT_IMPORT } from '../imports/record-import-kinds';
import { useState } from 'react';

type Open = { id: string | null; fromActivity?: string } | null;

function reviewDue(a: AgreementRow, today: string): boolean {
  return a.nextReviewDate !== null && a.nextReviewDate < today && (OPEN_AGREEMENT_STATUSES as readonly string[]).includes(a.status);
}

export function AgreementsPage() {
  const { t } = useTranslation();
  const { filter, setFilter, text, setText, page, failure, more } = usePagedList<AgreementFilter, AgreementRow>(
    'agreement.list',
    (filter, offset, limit) => api('agreement.list', { filter, offset, limit }),
    {},
  );
  const [open, setOpen] = useRouteOpen<Open>(({ open, fromActivity }) =>
    typeof open === 'string' ? { id: open } : typeof fromActivity === 'string' ? { id: null, fromActivity } : null,
  );
  useNewRecord(() => setOpen({ id: null }));
  const [importing, setImporting] = useState(false);

  const today = todayIso();
  const filtered = Boolean(filter.text || filter.kinds?.length || filter.statuses?.length || filter.period);

  return (
    <section className="page partners-page">
      <ListHead
        title={t('agreement.listTitle')}
        count={{ key: 'agreement.count', total: page?.total }}
        newLabel={t('agreement.new')}
        onNew={() => setOpen({ id: null })}
      >
        <ExportButtons request={{ entity: 'agreement', filter }} />
        <button type="button" onClick={() => setImporting(true)}>
          {t('recordImport.open')}
        </button>
      </ListHead>
      {importing && <ImportDialog kind={AGREEMENT_IMPORT} onClose={() => setImporting(false)} />}

      <div className="filters partner-filters" role="search">
        <input
          type="search"
          autoComplete="off"
          className="filter-text-inline"
          aria-label={t('agreement.searchPlaceholder')}
          placeholder={t('agreement.searchPlaceholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <PeriodFilter label={t('activity.filterPeriod')} value={filter.period} onChange={(period) => setFilter({ ...filter, period })} />
        <EnumFilter
          label={t('agreement.kind')}
          enumName="agreementKind"
          values={AGREEMENT_KINDS}
          selected={filter.kinds}
          onChange={(kinds) => setFilter({ ...filter, kinds })}
        />
        <EnumFilter
          label={t('agreement.status')}
          enumName="agreementStatus"
          values={AGREEMENT_STATUSES}
          selected={filter.statuses}
          onChange={(statuses) => setFilter({ ...filter, statuses })}
        />
      </div>

      <ErrorMessage text={failure} />

      <PagedTable
        className="partners-table agreements-table"
        page={page}
        emptyText={filtered ? t('agreement.noMatch') : t('agreement.empty')}
        onOpen={(a) => setOpen({ id: a.id })}
        onMore={more}
        columns={[
          { header: t('agreement.signedDate'), cell: (a) => formatDate(a.signedDate) },
          {
            header: t('agreement.title'),
            title: (a) => a.title,
            cell: (a) => (
              <>
                {a.title}
                <span className="muted small"> · {t(`enum.agreementKind.${a.kind}`)}</span>
              </>
            ),
          },
          { header: t('agreement.foreignOrg'), cell: (a) => a.foreignOrgName },
          { header: t('agreement.province'), cell: (a) => (a.provinceId ? provinceLabel(a.provinceId) : '') },
          { header: t('agreement.status'), cell: (a) => <span className={`badge agreement-${a.status}`}>{t(`enum.agreementStatus.${a.status}`)}</span> },
          {
            header: t('agreement.nextReviewDate'),
            cell: (a) => formatDate(a.nextReviewDate),
            cellClass: (a) => (reviewDue(a, today) ? 'overdue' : ''),
            title: (a) => (reviewDue(a, today) ? t('agreement.reviewDue') : undefined),
          },
          { header: t('agreement.valueUsd'), className: 'col-number', cell: (a) => formatUsd(a.valueUsd) },
        ]}
      />

      {open && (
        <AgreementDrawer
          key={`${open.id ?? 'new'}-${open.fromActivity ?? ''}`}
          agreementId={open.id}
          fromActivity={open.fromActivity}
          onClose={() => setOpen(null)}
          onChanged={() => setOpen(null)}
        />
      )}
    </section>
  );
}
