/** Agreements and commitments (thỏa thuận, cam kết): list, filters, export, and each one's detail with its log. */
import { useCallback, useEffect, useState } from 'react';
import { OPEN_AGREEMENT_STATUSES, type AgreementFilter, type AgreementRow } from '../../../shared/domain/agreement';
import { AGREEMENT_KINDS, AGREEMENT_STATUSES } from '../../../shared/domain/enums';
import { api } from '../api/client';
import { EnumFilter, PeriodFilter } from '../components/FilterSelect';
import { provinceLabel } from '../components/options';
import { useShortcut } from '../components/useShortcut';
import { formatDate, formatNumber, formatUsd, todayIso } from '../format';
import { errorText, useTranslation } from '../i18n';
import { AgreementDrawer } from '../partners/AgreementDrawer';
import { ExportButtons } from '../partners/shared';
import { useAppStore } from '../stores/app';
import '../styles/partners.css';

/** Rows read at a time; "show more" reads the next ones. */
const PAGE = 500;

type Open = { id: string | null; fromActivity?: string } | null;

export function AgreementsPage() {
  const { t } = useTranslation();
  const route = useAppStore((s) => s.route);
  const [filter, setFilter] = useState<AgreementFilter>({});
  const [text, setText] = useState('');
  const [page, setPage] = useState<{ total: number; rows: AgreementRow[] } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [open, setOpen] = useState<Open>(null);

  const load = useCallback(() => {
    api('agreement.list', { filter, limit: PAGE })
      .then((result) => {
        setPage(result);
        setFailure(null);
      })
      .catch((error: unknown) => setFailure(errorText(error)));
  }, [filter]);
  const more = () => {
    if (!page) return;
    api('agreement.list', { filter, offset: page.rows.length, limit: PAGE })
      .then((next) => setPage({ total: next.total, rows: [...page.rows, ...next.rows] }))
      .catch((error: unknown) => setFailure(errorText(error)));
  };

  useEffect(load, [load]);
  useEffect(() => {
    const params = route.params as { open?: string; fromActivity?: string } | undefined;
    if (params?.open) setOpen({ id: params.open });
    else if (params?.fromActivity) setOpen({ id: null, fromActivity: params.fromActivity });
  }, [route]);
  useEffect(() => {
    const handle = setTimeout(() => setFilter((f) => ((f.text ?? '') === text ? f : { ...f, text: text || undefined })), 150);
    return () => clearTimeout(handle);
  }, [text]);
  useShortcut('n', () => setOpen({ id: null }));

  const today = todayIso();
  const filtered = Boolean(filter.text || filter.kinds?.length || filter.statuses?.length || filter.period);

  return (
    <section className="page partners-page">
      <header className="page-head">
        <div>
          <h1>{t('agreement.listTitle')}</h1>
          <p className="muted" aria-live="polite">
            {page ? t('agreement.count', { total: formatNumber(page.total) }) : t('app.loading')}
          </p>
        </div>
        <div className="head-actions">
          <ExportButtons request={{ entity: 'agreement', filter }} />
          <button type="button" className="primary" onClick={() => setOpen({ id: null })}>
            + {t('agreement.new')} <kbd>Ctrl+N</kbd>
          </button>
        </div>
      </header>

      <div className="filters partner-filters" role="search">
        <input type="search" className="filter-text-inline" aria-label={t('agreement.searchPlaceholder')} placeholder={t('agreement.searchPlaceholder')} value={text} onChange={(e) => setText(e.target.value)} />
        <PeriodFilter label={t('activity.filterPeriod')} value={filter.period} onChange={(period) => setFilter({ ...filter, period })} />
        <EnumFilter label={t('agreement.kind')} enumName="agreementKind" values={AGREEMENT_KINDS} selected={filter.kinds} onChange={(kinds) => setFilter({ ...filter, kinds })} />
        <EnumFilter label={t('agreement.status')} enumName="agreementStatus" values={AGREEMENT_STATUSES} selected={filter.statuses} onChange={(statuses) => setFilter({ ...filter, statuses })} />
      </div>

      {failure && (
        <div className="form-error" role="alert">
          {failure}
        </div>
      )}

      <div className="table partners-table agreements-table" role="grid" aria-rowcount={page?.total ?? 0}>
        <div className="table-row table-header" role="row">
          <div role="columnheader">{t('agreement.signedDate')}</div>
          <div role="columnheader">{t('agreement.title')}</div>
          <div role="columnheader">{t('agreement.foreignOrg')}</div>
          <div role="columnheader">{t('agreement.province')}</div>
          <div role="columnheader">{t('agreement.status')}</div>
          <div role="columnheader">{t('agreement.nextReviewDate')}</div>
          <div role="columnheader" className="col-number">
            {t('agreement.valueUsd')}
          </div>
        </div>
        <div className="table-body">
          {page?.total === 0 && <p className="empty">{filtered ? t('agreement.noMatch') : t('agreement.empty')}</p>}
          {page?.rows.map((a) => {
            const reviewDue = a.nextReviewDate !== null && a.nextReviewDate < today && (OPEN_AGREEMENT_STATUSES as readonly string[]).includes(a.status);
            return (
              <div key={a.id} role="row" className="table-row" tabIndex={0} onClick={() => setOpen({ id: a.id })} onKeyDown={(e) => e.key === 'Enter' && setOpen({ id: a.id })}>
                <div role="gridcell">{formatDate(a.signedDate)}</div>
                <div role="gridcell" title={a.title}>
                  {a.title}
                  <span className="muted small"> · {t(`enum.agreementKind.${a.kind}`)}</span>
                </div>
                <div role="gridcell">{a.foreignOrgName}</div>
                <div role="gridcell">{a.provinceId ? provinceLabel(a.provinceId) : ''}</div>
                <div role="gridcell">
                  <span className={`badge agreement-${a.status}`}>{t(`enum.agreementStatus.${a.status}`)}</span>
                </div>
                <div role="gridcell" className={reviewDue ? 'overdue' : ''} title={reviewDue ? t('agreement.reviewDue') : undefined}>
                  {formatDate(a.nextReviewDate)}
                </div>
                <div role="gridcell" className="col-number">
                  {formatUsd(a.valueUsd)}
                </div>
              </div>
            );
          })}
          {page && page.rows.length < page.total && (
            <button type="button" className="link show-more" onClick={more}>
              {t('partnersList.showMore')}
            </button>
          )}
        </div>
      </div>

      {open && (
        <AgreementDrawer
          key={`${open.id ?? 'new'}-${open.fromActivity ?? ''}`}
          agreementId={open.id}
          fromActivity={open.fromActivity}
          onClose={() => setOpen(null)}
          onChanged={() => {
            setOpen(null);
            load();
          }}
        />
      )}
    </section>
  );
}
