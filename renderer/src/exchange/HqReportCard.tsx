/**
 * HQ: the consolidated report of a period (its document as it prints, from the same model the
 * .docx is written from, and the .docx) and the digest of one locality (.docx or .xlsx) to send
 * to that province. Writing, numbering and finalising the report happen on the Reports page.
 */
import { useState } from 'react';
import type { GeneratedFile } from '../../../shared/contract/reports';
import { PROVINCES } from '../../../shared/reference';
import { periodLabel } from '../../../shared/period';
import { api, downloadBase64 } from '../api/client';
import { useChannel } from '../api/query';
import { DateField } from '../components/DateField';
import { todayIso } from '../format';
import { currentLanguage, errorText, useTranslation } from '../i18n';
import { ReportPreview } from '../reports/ReportPreview';
import { useAppStore } from '../stores/app';
import { useHqPeriod } from './period';
import '../styles/reports.css';

export function HqReportCard() {
  const { t } = useTranslation();
  const notify = useAppStore((s) => s.notify);
  const navigate = useAppStore((s) => s.navigate);
  // The period chosen for the figures above: the report is of the figures shown.
  const [period] = useHqPeriod();
  // The digest's date line, typed like every date (yyyy-MM-dd once it reads as one).
  const [date, setDate] = useState(todayIso());
  const dateOk = /^\d{4}-\d{2}-\d{2}$/.test(date);
  const [preview, setPreview] = useState(false);
  const [locality, setLocality] = useState('');
  const [busy, setBusy] = useState(false);
  const model = useChannel('hq.report.model', { period }, { enabled: preview }).data;

  const download = async (make: () => Promise<GeneratedFile>) => {
    setBusy(true);
    try {
      const file = await make();
      downloadBase64(file.fileName, file.base64, file.mimeType);
    } catch (error) {
      notify({ kind: 'error', text: errorText(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="card hq-report" data-testid="hq-report">
      <h2>{t('hqReport.cardTitle')}</h2>
      <p className="muted">{t('hqReport.cardIntro')}</p>
      <div className="hq-report-tools">
        <span className="hq-report-period" data-testid="hq-report-period">
          {t('hqPolish.cardPeriod', { period: periodLabel(period, currentLanguage()) })}
        </span>
        <button type="button" disabled={busy} onClick={() => void download(() => api('hq.report.document', { period }))}>
          ↓ {t('hqReport.downloadDocx')}
        </button>
        <button type="button" aria-expanded={preview} onClick={() => setPreview((p) => !p)}>
          {t(preview ? 'hqReport.hidePreview' : 'hqReport.showPreview')}
        </button>
        <button type="button" className="link" onClick={() => void navigate('reports')}>
          {t('hqReport.openReports')}
        </button>
      </div>
      {preview && <div className="hq-report-preview">{model ? <ReportPreview model={model} /> : <p className="muted">{t('app.loading')}</p>}</div>}

      <h3>{t('hqReport.digestCard')}</h3>
      <p className="muted">{t('hqReport.digestCardIntro')}</p>
      <div className="hq-report-tools hq-digest-tools">
        <label className="filter">
          <span>{t('hqReport.locality')}</span>
          <select aria-label={t('hqReport.locality')} value={locality} onChange={(e) => setLocality(e.target.value)} data-testid="hq-digest-locality">
            <option value="">{t('hqReport.chooseLocality')}</option>
            {PROVINCES.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <div className="filter-picker">
          <DateField label={t('hqPolish.digestDate')} name="digestDate" value={date} onChange={setDate} />
        </div>
        {(['docx', 'xlsx'] as const).map((format) => (
          <button
            key={format}
            type="button"
            disabled={busy || !locality || !dateOk}
            onClick={() => void download(() => api('hq.digest.document', { period, provinceId: locality, format, date }))}
          >
            ↓ {t(format === 'docx' ? 'hqReport.digestDocx' : 'hqReport.digestXlsx')}
          </button>
        ))}
      </div>
    </div>
  );
}
