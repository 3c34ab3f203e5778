/** The column mapping of a spreadsheet import: for each field, the file's column it is read from. */
import { useTranslation } from '../i18n';

export function MappingGrid<F extends string>({
  fields,
  label,
  columns,
  mapping,
  onChange,
}: {
  fields: readonly F[];
  label(field: F): string;
  columns: readonly string[];
  mapping: Partial<Record<F, string | null>>;
  onChange(next: Partial<Record<F, string | null>>): void;
}) {
  const { t } = useTranslation();
  return (
    <div className="mapping-grid">
      {fields.map((field) => (
        <label key={field} className="filter">
          <span>{label(field)}</span>
          <select value={mapping[field] ?? ''} onChange={(e) => onChange({ ...mapping, [field]: e.target.value || null })}>
            <option value="">{t('partnerImport.notImported')}</option>
            {columns.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
      ))}
    </div>
  );
}
