/** What importing batch files did (or would do): one row per batch, counts per kind of record. */
import type { ImportReport } from '../../../shared/domain/exchange';
import { AppError } from '../../../shared/errors';
import { formatDate, formatNumber } from '../format';
import { errorText, useTranslation } from '../i18n';

export function ImportTable({ reports }: { reports: ImportReport[] }) {
  const { t } = useTranslation();
  return (
    <table className="exchange-table import-table" data-testid="import-table">
      <thead>
        <tr>
          <th>{t('exchange.file')}</th>
          <th>{t('exchange.mission')}</th>
          <th>{t('exchange.sender')}</th>
          <th>{t('exchange.status')}</th>
          <th>{t('exchange.kind')}</th>
          <th className="num">{t('exchange.created')}</th>
          <th className="num">{t('exchange.updated')}</th>
          <th className="num">{t('exchange.unchanged')}</th>
          <th className="num">{t('exchange.conflicts')}</th>
        </tr>
      </thead>
      <tbody>
        {reports.map((r, i) => {
          const kinds = Object.entries(r.summary);
          const rows = Math.max(1, kinds.length);
          const head = (
            <>
              <td rowSpan={rows} className="file-cell">
                {r.released ? t('exchange.releasedFile', { sequence: r.batch?.sequence ?? '' }) : r.file}
              </td>
              <td rowSpan={rows}>{r.batch?.missionCode ?? ''}</td>
              <td rowSpan={rows}>
                {r.batch ? `${r.batch.author} · ${t('exchange.batchNumber')} ${r.batch.sequence} · ${formatDate(r.batch.createdAt.slice(0, 10))}` : ''}
              </td>
              <td rowSpan={rows} className={`status status-${r.status}`}>
                {t(`enum.importStatus.${r.status}`)}
                {r.error && <div className="status-reason">{errorText(new AppError(r.error.code, r.error.message, { params: r.error.params }))}</div>}
              </td>
            </>
          );
          if (kinds.length === 0) {
            return (
              <tr key={i}>
                {head}
                <td colSpan={5} className="muted">
                  {r.status === 'refused' || r.status === 'held' ? '' : t('exchange.nothing')}
                </td>
              </tr>
            );
          }
          return kinds.map(([entity, s], k) => (
            <tr key={`${i}-${entity}`}>
              {k === 0 && head}
              <td>{t(`enum.entity.${entity}`)}</td>
              <td className="num">{formatNumber(s.created)}</td>
              <td className="num">{formatNumber(s.updated)}</td>
              <td className="num">{formatNumber(s.unchanged)}</td>
              <td className={`num${s.conflicts ? ' has-conflicts' : ''}`}>{formatNumber(s.conflicts)}</td>
            </tr>
          ));
        })}
      </tbody>
    </table>
  );
}
