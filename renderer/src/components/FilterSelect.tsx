/** One filter of a list: a labelled select whose first choice, "Tất cả", clears it. */
import { recentPeriods, periodLabel } from '../../../shared/period';
import { todayIso } from '../format';
import { currentLanguage, useTranslation } from '../i18n';
import { enumOptions } from './options';

interface Props<T extends string> {
  label: string;
  value: T | undefined;
  options: readonly { value: T; label: string }[];
  onChange(value: T | undefined): void;
}

export function FilterSelect<T extends string>({ label, value, options, onChange }: Props<T>) {
  const { t } = useTranslation();
  return (
    <label className="filter">
      <span>{label}</span>
      <select aria-label={label} value={value ?? ''} onChange={(e) => onChange((e.target.value || undefined) as T | undefined)}>
        <option value="">{t('common.all')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A filter over one value of an enum, kept as the one-element list the list filters take. */
export function EnumFilter<T extends string>({
  label,
  enumName,
  values,
  selected,
  onChange,
}: {
  label: string;
  enumName: string;
  values: readonly T[];
  selected: readonly T[] | undefined;
  onChange(values: T[] | undefined): void;
}) {
  return <FilterSelect label={label} value={selected?.[0]} options={enumOptions(enumName, values)} onChange={(v) => onChange(v ? [v] : undefined)} />;
}

/**
 * Recent reporting periods, labelled the Vietnamese way ("6 tháng đầu năm 2025"). A period that is
 * not one of them (a month bar's drill-down, an unfinished half-year to date) is shown as a chip
 * with its ×, so the list never looks unfiltered while it is filtered.
 */
export function PeriodFilter({ label, value, onChange }: { label: string; value: string | undefined; onChange(value: string | undefined): void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const options = recentPeriods(todayIso()).map((p) => ({ value: p, label: periodLabel(p, language) }));
  if (value && !options.some((o) => o.value === value)) {
    const text = periodLabel(value, language);
    return (
      <div className="filter" role="group" aria-label={label}>
        <span>{label}</span>
        <span className="chip filter-chip" data-testid="period-chip" title={text}>
          <span className="chip-text">{text}</span>
          <button type="button" aria-label={`${t('common.unselect')} ${text}`} onClick={() => onChange(undefined)}>
            ×
          </button>
        </span>
      </div>
    );
  }
  return <FilterSelect label={label} value={value} options={options} onChange={onChange} />;
}
