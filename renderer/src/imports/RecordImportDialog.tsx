/**
 * Import activities or agreements from the sheets a mission keeps: choose a file, check how
 * its columns map, see what each row will do (new, imported before, duplicate, to correct),
 * correct unreadable cells right in the preview, and only then confirm.
 */
import { useState } from 'react';
import { RECORD_IMPORT_FIELDS, type RecordImportEntity, type RecordImportField, type RecordImportPreview, type RecordImportRow, type RecordImportSummary } from '../../../shared/domain/record-import';
import { api, downloadBase64 } from '../api/client';
import { ErrorMessage } from '../components/ErrorMessage';
import { provinceLabel } from '../components/options';
import { ProgressBar } from '../components/ProgressBar';
import { fileBase64, useProgress } from '../components/useLongCall';
import { formatDate, formatNumber } from '../format';
import { errorText, useTranslation } from '../i18n';
import { Modal } from '../partners/shared';
import { MappingGrid } from './MappingGrid';

const SHOWN_ROWS = 100;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Mapping = Partial<Record<RecordImportField, string | null>>;
type Corrections = Record<string, Partial<Record<RecordImportField, string>>>;

export function RecordImportDialog({ entity, onClose }: { entity: RecordImportEntity; onClose(): void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<{ fileName: string; dataBase64: string } | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [corrections, setCorrections] = useState<Corrections>({});
  const [preview, setPreview] = useState<RecordImportPreview | null>(null);
  const [summary, setSummary] = useState<RecordImportSummary | null>(null);
  const [onlyProblems, setOnlyProblems] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [committing, setCommitting] = useState(false);
  const progress = useProgress('recordImport.commit', committing);
  const label = (field: RecordImportField) => t(`recordImport.${entity}Field.${field}`);

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
    setCorrections({});
    const next = { fileName: chosen.name, dataBase64: await fileBase64(chosen) };
    setFile(next);
    const result = await run(() => api('recordImport.preview', { entity, ...next }));
    if (result) {
      setPreview(result);
      setMapping(result.mapping);
    }
  }

  async function refresh(nextMapping: Mapping, nextCorrections: Corrections) {
    if (!file) return;
    const result = await run(() => api('recordImport.preview', { entity, ...file, mapping: nextMapping, corrections: nextCorrections }));
    if (result) setPreview(result);
  }

  async function confirm() {
    if (!file) return;
    setCommitting(true);
    const result = await run(() => api('recordImport.commit', { entity, ...file, mapping, corrections }));
    setCommitting(false);
    if (result) setSummary(result);
  }

  async function downloadTemplate() {
    const template = await run(() => api('recordImport.template', { entity }));
    if (template) downloadBase64(template.fileName, template.base64, XLSX);
  }

  function correct(line: number, values: Partial<Record<RecordImportField, string>>) {
    const next = { ...corrections, [String(line)]: { ...corrections[String(line)], ...values } };
    setCorrections(next);
    void refresh(mapping, next);
  }

  const counts = (c: RecordImportPreview['counts']) => ({
    create: formatNumber(c.create),
    imported: formatNumber(c.imported),
    duplicate: formatNumber(c.duplicate),
    problem: formatNumber(c.problem),
  });
  const rows = preview ? preview.rows.filter((r) => !onlyProblems || r.action === 'problem').slice(0, SHOWN_ROWS) : [];

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
      <button type="button" className="primary" disabled={!preview || busy || preview.counts.create === 0} onClick={() => void confirm()}>
        {t('partnerImport.confirm')}
      </button>
    </>
  );

  return (
    <Modal title={t(`recordImport.title_${entity}`)} onClose={onClose} footer={footer} wide>
      {summary ? (
        <div className="import-summary" role="status">
          <h3>{t('partnerImport.done')}</h3>
          <p>{t('recordImport.summary', counts(summary.counts))}</p>
        </div>
      ) : (
        <>
          <p className="muted">
            {t('recordImport.intro')}{' '}
            <button type="button" className="link" onClick={() => void downloadTemplate()}>
              {t('recordImport.template')}
            </button>
          </p>
          <label className="file-choose">
            {t('partnerImport.chooseFile')}{' '}
            <input type="file" accept={`.xlsx,.csv,text/csv,${XLSX}`} onChange={(e) => void choose(e.target.files?.[0])} data-testid="import-file" />
          </label>
          <ErrorMessage text={failure} />
          {committing && <ProgressBar progress={progress} />}
          {preview && (
            <>
              <h3>{t('partnerImport.mapping')}</h3>
              <MappingGrid
                fields={RECORD_IMPORT_FIELDS[entity] as readonly RecordImportField[]}
                label={label}
                columns={preview.columns}
                mapping={mapping}
                onChange={(next) => {
                  setMapping(next);
                  void refresh(next, corrections);
                }}
              />
              <p className="import-counts" role="status">
                {t('recordImport.rowsSummary', { total: formatNumber(preview.totalRows), ...counts(preview.counts) })}
              </p>
              <label>
                <input type="checkbox" checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)} /> {t('recordImport.onlyProblems')}
              </label>
              <table className="preview-table">
                <thead>
                  <tr>
                    <th>{t('partnerImport.line')}</th>
                    <th>{t('recordImport.date')}</th>
                    <th>{t('recordImport.name')}</th>
                    <th>{t('recordImport.read')}</th>
                    <th>{t('partnerImport.action')}</th>
                    <th>{t('partnerImport.problems')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.line} className={row.problems.length ? 'row-problem' : ''}>
                      <td>{row.line}</td>
                      <td>{row.date ? formatDate(row.date) : ''}</td>
                      <td>{row.title}</td>
                      <td>{[row.kind ? t(`enum.${entity}Kind.${row.kind}`) : '', row.provinces.map(provinceLabel).join(', ')].filter(Boolean).join(' · ')}</td>
                      <td className={`action-${row.action}`}>{t(`recordImport.action_${row.action}`)}</td>
                      <td>{row.problems.length > 0 && <RowCorrection key={row.problems.map((p) => `${p.field}:${row.cells[p.field] ?? ''}`).join('|')} row={row} label={label} busy={busy} onApply={(values) => correct(row.line, values)} />}</td>
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

/** A row's problems, each with the cell's text to correct; Apply reads the row again. */
function RowCorrection({ row, label, busy, onApply }: { row: RecordImportRow; label(field: RecordImportField): string; busy: boolean; onApply(values: Partial<Record<RecordImportField, string>>): void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Partial<Record<RecordImportField, string>>>(() => Object.fromEntries(row.problems.map((p) => [p.field, row.cells[p.field] ?? ''])));
  return (
    <form
      className="row-correction"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(values);
      }}
    >
      {row.problems.map((p) => (
        <label key={p.field} className="filter">
          <span>
            {label(p.field)}: {t(`validation.${p.code}`)}
          </span>
          <input
            type="text"
            aria-label={t('recordImport.correct', { line: row.line, field: label(p.field) })}
            value={values[p.field] ?? ''}
            onChange={(e) => setValues({ ...values, [p.field]: e.target.value })}
          />
        </label>
      ))}
      <button type="submit" disabled={busy}>
        {t('recordImport.apply')}
      </button>
    </form>
  );
}
