/**
 * The partner part of the import dialog: organisations and their people, what to do with a row
 * matching an existing record (complete it, or leave it), and what each row will do.
 */
import { IMPORT_FIELDS, type ImportPreview, type ImportSummary } from '../../../shared/domain/partner-import';
import { api } from '../api/client';
import { formatNumber } from '../format';
import { useTranslation } from '../i18n';
import { type ImportKind, type PreviewProps, SHOWN_ROWS } from '../imports/ImportDialog';

type OnDuplicate = 'merge' | 'skip';

export const PARTNER_IMPORT: ImportKind<ImportPreview, ImportSummary, OnDuplicate> = {
  title: 'partnerImport.title',
  intro: 'partnerImport.intro',
  template: 'partner',
  commitChannel: 'partnerImport.commit',
  fields: IMPORT_FIELDS,
  labelKey: (field) => `partnerImport.field.${field}`,
  initial: 'merge',
  preview: (file, mapping, onDuplicate) => api('partnerImport.preview', { ...file, mapping, onDuplicate }),
  commit: (file, mapping, onDuplicate) => api('partnerImport.commit', { ...file, mapping, onDuplicate }),
  canConfirm: () => true,
  Preview: PartnerPreview,
  Summary: PartnerSummary,
};

function PartnerSummary({ summary }: { summary: ImportSummary }) {
  const { t } = useTranslation();
  return (
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
  );
}

function PartnerPreview({ preview, options: onDuplicate, change }: PreviewProps<ImportPreview, OnDuplicate>) {
  const { t } = useTranslation();
  const actionLabel = (action: string) => (action === 'none' ? '' : t(`partnerImport.action_${action}`));
  return (
    <>
      <fieldset className="duplicate-choice">
        <legend>{t('partnerImport.onDuplicate')}</legend>
        {(['merge', 'skip'] as const).map((choice) => (
          <label key={choice}>
            <input type="radio" name="onDuplicate" checked={onDuplicate === choice} onChange={() => change(choice)} />{' '}
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
                {row.organisation.matchedBy === 'name-country' && (
                  <div className="small muted">{t('partnerImport.matched', { name: row.organisation.matchName })}</div>
                )}
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
  );
}
