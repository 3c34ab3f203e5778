/** Chooses a reporting period: recent half-years, years and quarters, or a custom date range. */
import { useState } from 'react';
import { parsePeriod, periodLabel, recentPeriods } from '../../../shared/period';
import { formatDate, todayIso } from '../format';
import { parseDateInput } from '../../../shared/parse';
import { currentLanguage, useTranslation } from '../i18n';

const CUSTOM = 'custom';

export function PeriodSelect({ value, onChange, label }: { value: string; onChange(period: string): void; label: string }) {
  const { t } = useTranslation();
  const periods = recentPeriods(todayIso(), 4);
  const isRange = parsePeriod(value)?.kind === 'range';
  const [custom, setCustom] = useState(isRange);
  const current = parsePeriod(value);
  const [from, setFrom] = useState(formatDate(current?.start));
  const [to, setTo] = useState(formatDate(current?.end));
  const range = `${parseDateInput(from) ?? ''}..${parseDateInput(to) ?? ''}`;
  const rangeValid = parsePeriod(range) !== null;

  return (
    <div className="period-select">
      <label className="filter">
        <span>{label}</span>
        <select
          aria-label={label}
          value={custom ? CUSTOM : value}
          onChange={(e) => {
            if (e.target.value === CUSTOM) setCustom(true);
            else {
              setCustom(false);
              onChange(e.target.value);
            }
          }}
        >
          {!periods.includes(value) && !isRange && <option value={value}>{periodLabel(value, currentLanguage())}</option>}
          {periods.map((p) => (
            <option key={p} value={p}>
              {periodLabel(p, currentLanguage())}
            </option>
          ))}
          <option value={CUSTOM}>{t('dashboard.customPeriod')}…</option>
        </select>
      </label>
      {custom && (
        <>
          <label className="filter">
            <span>{t('dashboard.from')}</span>
            <input autoComplete="off" aria-label={t('dashboard.from')} placeholder="dd/mm/yyyy" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label className="filter">
            <span>{t('dashboard.to')}</span>
            <input autoComplete="off" aria-label={t('dashboard.to')} placeholder="dd/mm/yyyy" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
          <button type="button" disabled={!rangeValid} onClick={() => onChange(range)}>
            {t('dashboard.apply')}
          </button>
        </>
      )}
    </div>
  );
}
