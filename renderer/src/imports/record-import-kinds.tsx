/**
 * The activity and agreement parts of the import dialog: what each row will do (new, imported
 * before, duplicate, to correct), what it was read as, the organisations it names (existing or
 * to create), and a correction input for each unreadable cell.
 */
import { useState } from 'react';
import {
  RECORD_IMPORT_FIELDS,
  type RecordImportEntity,
  type RecordImportField,
  type RecordImportPreview,
  type RecordImportRow,
  type RecordImportSummary,
} from '../../../shared/domain/record-import';
import { api } from '../api/client';
import { provinceLabel } from '../components/options';
import { formatDate, formatNumber } from '../format';
import { useTranslation } from '../i18n';
import { type ImportKind, type PreviewProps, SHOWN_ROWS } from './ImportDialog';

/** Cells corrected in the preview: line -> field -> text. */
type Corrections = Record<string, Partial<Record<RecordImportField, string>>>;

const countsOf = (c: RecordImportPreview['counts']) => ({
  create: formatNumber(c.create),
  imported: formatNumber(c.imported),
  duplicate: formatNumber(c.duplicate),
  problem: formatNumber(c.problem),
});

/** New organisations named in the preview, the first few: the count gives the rest. */
const NAMES_SHOWN = 20;
const namesShown = (names: readonly string[]) => names.slice(0, NAMES_SHOWN).join('; ') + (names.length > NAMES_SHOWN ? '; …' : '');

function recordImport(entity: RecordImportEntity): ImportKind<RecordImportPreview, RecordImportSummary, Corrections> {
  const labelKey = (field: string) => `recordImport.${entity}Field.${field}`;
  return {
    title: `recordImport.title_${entity}`,
    intro: 'recordImport.intro',
    template: entity,
    commitChannel: 'recordImport.commit',
    fields: RECORD_IMPORT_FIELDS[entity],
    labelKey,
    initial: {},
    preview: (file, mapping, corrections) => api('recordImport.preview', { entity, ...file, mapping, corrections }),
    commit: (file, mapping, corrections) => api('recordImport.commit', { entity, ...file, mapping, corrections }),
    canConfirm: (preview) => preview.counts.create > 0,
    Preview: (props) => <RecordPreview entity={entity} labelKey={labelKey} {...props} />,
    Summary: RecordSummary,
  };
}

function RecordSummary({ summary }: { summary: RecordImportSummary }) {
  const { t } = useTranslation();
  return (
    <p>
      {t('recordImport.summary', countsOf(summary.counts))}
      {summary.organisationsCreated > 0 &&
        ` ${t('recordImport.organisationsCreated', { count: summary.organisationsCreated, total: formatNumber(summary.organisationsCreated) })}`}
    </p>
  );
}

export const ACTIVITY_IMPORT = recordImport('activity');
export const AGREEMENT_IMPORT = recordImport('agreement');

function RecordPreview({
  entity,
  labelKey,
  preview,
  options: corrections,
  busy,
  change,
}: PreviewProps<RecordImportPreview, Corrections> & { entity: RecordImportEntity; labelKey(field: string): string }) {
  const { t } = useTranslation();
  const [onlyProblems, setOnlyProblems] = useState(false);
  const label = (field: RecordImportField) => t(labelKey(field));
  const rows = preview.rows.filter((r) => !onlyProblems || r.action === 'problem').slice(0, SHOWN_ROWS);
  const correct = (line: number, values: Partial<Record<RecordImportField, string>>) =>
    change({ ...corrections, [String(line)]: { ...corrections[String(line)], ...values } });
  const organisations = (row: RecordImportRow) =>
    row.organisations.map((o) => (o.id ? o.name : t('recordImport.newOrganisation', { name: o.name }))).join('; ');
  return (
    <>
      <p className="import-counts" role="status">
        {t('recordImport.rowsSummary', { total: formatNumber(preview.totalRows), ...countsOf(preview.counts) })}
      </p>
      {preview.newOrganisations.length > 0 && (
        <p className="muted">
          {t('recordImport.newOrganisations', { total: formatNumber(preview.newOrganisations.length), names: namesShown(preview.newOrganisations) })}
        </p>
      )}
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
              <td>
                {[row.kind ? t(`enum.${entity}Kind.${row.kind}`) : '', row.provinces.map(provinceLabel).join(', '), organisations(row)]
                  .filter(Boolean)
                  .join(' · ')}
              </td>
              <td className={`action-${row.action}`}>{t(`recordImport.action_${row.action}`)}</td>
              <td>
                {row.problems.length > 0 && (
                  <RowCorrection
                    key={row.problems.map((p) => `${p.field}:${row.cells[p.field] ?? ''}`).join('|')}
                    row={row}
                    label={label}
                    busy={busy}
                    onApply={(values) => correct(row.line, values)}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.rows.length > SHOWN_ROWS && <p className="muted small">{t('partnerImport.showingFirst', { count: SHOWN_ROWS, total: SHOWN_ROWS })}</p>}
    </>
  );
}

/** A row's problems, each with the cell's text to correct; Apply reads the row again. */
function RowCorrection({
  row,
  label,
  busy,
  onApply,
}: {
  row: RecordImportRow;
  label(field: RecordImportField): string;
  busy: boolean;
  onApply(values: Partial<Record<RecordImportField, string>>): void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Partial<Record<RecordImportField, string>>>(() =>
    Object.fromEntries(row.problems.map((p) => [p.field, row.cells[p.field] ?? ''])),
  );
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
