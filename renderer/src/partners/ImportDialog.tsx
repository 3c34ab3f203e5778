/**
 * Import partners and contacts: choose a file, check how its columns map, see what each
 * row will do (new, completes an existing record, skipped) and only then confirm.
 */
import { useState } from 'react';
import { IMPORT_FIELDS, type ImportMapping, type ImportPreview, type ImportSummary } from '../../../shared/domain/partner-import';
import { api, downloadBase64 } from '../api/client';
import { formatNumber } from '../format';
import { errorText, useTranslation } from '../i18n';
import { Modal } from './shared';
import { ErrorMessage } from '../components/ErrorMessage';
import { ProgressBar } from '../components/ProgressBar';
import { fileBase64, useProgress } from '../components/useLongCall';
import { MappingGrid } from '../imports/MappingGrid';

const SHOWN_ROWS = 100;

/** A CSV with every column the import recognises (headers in the current language), as a starting point. */
function downloadTemplate(label: (field: string) => string): void {
  const header = IMPORT_FIELDS.map((f) => `"${label(f).replace(/"/g, '""')}"`).join(',');
  const bytes = new TextEncoder().encode(`\uFEFF${header}\r\n`);
  downloadBase64('mau-nhap-doi-tac.csv', btoa(String.fromCharCode(...bytes)), 'text/csv;charset=utf-8');
}

export function ImportDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<{ fileName: string; dataBase64: string } | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [onDuplicate, setOnDuplicate] = useState<'merge' | 'skip'>('merge');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [committing, setCommitting] = useState(false);
  const progress = useProgress('partnerImport.commit', committing);

  async function run<T>(work: () => Promise<T>): Promise<T | null> {
    setBusy(true);
    setFailure(null);
    try {
      return await work();
    } catch (error) {
      setFailure(errorText(error));
      return null;
    } finally {
      setBusy(false);
    }
  }

  async function choose(chosen: File | undefined) {
    if (!chosen) return;
    setPreview(null);
    setSummary(null);
    const next = { fileName: chosen.name, dataBase64: await fileBase64(chosen) };
    setFile(next);
    const result = await run(() => api('partnerImport.preview', { ...next, onDuplicate }));
    if (result) {
      setPreview(result);
      setMapping(result.mapping);
    }
  }

  async function refresh(nextMapping = mapping, nextDuplicate = onDuplicate) {
    if (!file) return;
    const result = await run(() => api('partnerImport.preview', { ...file, mapping: nextMapping, onDuplicate: nextDuplicate }));
    if (result) setPreview(result);
  }

  async function confirm() {
    if (!file) return;
    setCommitting(true);
    const result = await run(() => api('partnerImport.commit', { ...file, mapping, onDuplicate }));
    setCommitting(false);
    if (result) setSummary(result);
  }

  const actionLabel = (action: string) => (action === 'none' ? '' : t(`partnerImport.action_${action}`));
  const footer = summary ? (
    <button type="button" className="primary" onClick={onClose}>
      {t('common.close')}
    </button>
  ) : (
    <>
      <span className="spacer" />
      <button type="button" onClick={onClose}>
        {t('common.cancel')}
      </button>
      <button type="button" className="primary" disabled={!preview || busy} onClick={() => void confirm()}>
        {t('partnerImport.confirm')}
      </button>
    </>
  );

  return (
    <Modal title={t('partnerImport.title')} onClose={onClose} footer={footer} wide>
      {summary ? (
        <div className="import-summary" role="status">
          <h3>{t('partnerImport.done')}</h3>
          <p>
            {t('partnerImport.summary', {
              orgCreated: formatNumber(summary.organisations.created),
              orgMerged: formatNumber(summary.organisations.merged),
              orgSkipped: formatNumber(summary.organisations.skipped),
              contactCreated: formatNumber(summary.contacts.created),
              contactMerged: formatNumber(summary.contacts.merged),
              contactSkipped: formatNumber(summary.contacts.skipped),
            })}
          </p>
        </div>
      ) : (
        <>
          <p className="muted">
            {t('partnerImport.intro')}{' '}
            <button type="button" className="link" onClick={() => downloadTemplate((f) => t(`partnerImport.field.${f}`))}>
              {t('partnerImport.template')}
            </button>
          </p>
          <label className="file-choose">
            {t('partnerImport.chooseFile')}{' '}
            <input type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => void choose(e.target.files?.[0])} data-testid="import-file" />
          </label>
          <ErrorMessage text={failure} />
          {committing && <ProgressBar progress={progress} />}
          {preview && (
            <>
              <h3>{t('partnerImport.mapping')}</h3>
              <MappingGrid
                fields={IMPORT_FIELDS}
                label={(field) => t(`partnerImport.field.${field}`)}
                columns={preview.columns}
                mapping={mapping}
                onChange={(next) => {
                  setMapping(next);
                  void refresh(next);
                }}
              />
              <fieldset className="duplicate-choice">
                <legend>{t('partnerImport.onDuplicate')}</legend>
                {(['merge', 'skip'] as const).map((choice) => (
                  <label key={choice}>
                    <input
                      type="radio"
                      name="onDuplicate"
                      checked={onDuplicate === choice}
                      onChange={() => {
                        setOnDuplicate(choice);
                        void refresh(mapping, choice);
                      }}
                    />{' '}
                    {t(choice === 'merge' ? 'partnerImport.duplicateMerge' : 'partnerImport.duplicateSkip')}
                  </label>
                ))}
              </fieldset>
              <p className="import-counts" role="status">
                {t('partnerImport.rowsSummary', {
                  total: formatNumber(preview.totalRows),
                  orgCreate: formatNumber(preview.organisations.created),
                  orgMerge: formatNumber(preview.organisations.merged),
                  orgSkip: formatNumber(preview.organisations.skipped),
                  contactCreate: formatNumber(preview.contacts.created),
                  contactMerge: formatNumber(preview.contacts.merged),
                  contactSkip: formatNumber(preview.contacts.skipped),
                })}
              </p>
              <table className="preview-table">
                <thead>
                  <tr>
                    <th>{t('partnerImport.line')}</th>
                    <th>{t('partnerImport.field.orgName')}</th>
                    <th>{t('partnerImport.action')}</th>
                    <th>{t('partnerImport.field.contactName')}</th>
                    <th>{t('partnerImport.action')}</th>
                    <th>{t('partnerImport.problems')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.rows.slice(0, SHOWN_ROWS).map((row) => (
                    <tr key={row.line} className={row.problems.length ? 'row-problem' : ''}>
                      <td>{row.line}</td>
                      <td>{row.organisation.name}</td>
                      <td className={`action-${row.organisation.action}`}>
                        {actionLabel(row.organisation.action)}
                        {row.organisation.matchedBy === 'name-country' && <div className="small muted">{t('partnerImport.matched', { name: row.organisation.matchName })}</div>}
                        {row.organisation.matchedBy === 'file' && <div className="small muted">{t('partnerImport.matchedInFile')}</div>}
                      </td>
                      <td>{row.contact.name}</td>
                      <td className={`action-${row.contact.action}`}>
                        {actionLabel(row.contact.action)}
                        {row.contact.matchedBy === 'email' && <div className="small muted">{t('partnerImport.matchedEmail')}</div>}
                        {row.contact.matchedBy === 'file' && <div className="small muted">{t('partnerImport.matchedInFile')}</div>}
                      </td>
                      <td>{row.problems.map((p) => `${t(`partnerImport.field.${p.field}`)}: ${t(`validation.${p.code}`)}`).join('; ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {preview.rows.length > SHOWN_ROWS && <p className="muted small">{t('partnerImport.showingFirst', { count: SHOWN_ROWS, total: SHOWN_ROWS })}</p>}
            </>
          )}
        </>
      )}
    </Modal>
  );
}
