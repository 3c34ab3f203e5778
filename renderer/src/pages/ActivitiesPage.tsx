/**
 * All activities: filters (period, kind, status, sector, locality, text) over the list's
 * virtualised table (ActivityGrid), which stays smooth at 100,000 rows.
 */
import { Suspense, lazy, useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ActivityFilter } from '../../../shared/domain/activity';
import { ACTIVITY_KINDS, ACTIVITY_STATUSES } from '../../../shared/domain/enums';
import { useChannel } from '../api/query';
import { EnumFilter, FilterSelect, PeriodFilter } from '../components/FilterSelect';
import { Picker } from '../components/Picker';
import { provinceOptions, sectorOptions } from '../components/options';
import { currentLanguage, errorText, useTranslation } from '../i18n';
import { useActivityList } from '../stores/activities';
import { useAppStore } from '../stores/app';
import { ErrorMessage } from '../components/ErrorMessage';
import { ListHead } from '../components/ListHead';
import { ActivityGrid } from './ActivityGrid';

// The import dialog and its sheet schemas load when it is opened, not with the list.
const ActivityImport = lazy(async () => {
  const [{ ImportDialog }, { ACTIVITY_IMPORT }] = await Promise.all([import('../imports/ImportDialog'), import('../imports/record-import-kinds')]);
  return { default: ({ onClose }: { onClose(): void }) => <ImportDialog kind={ACTIVITY_IMPORT} onClose={onClose} /> };
});

/** HQ holds every mission's activities: the missions it has received, as filter choices. */
function useMissionOptions(hq: boolean): { value: string; label: string }[] {
  const missions = useChannel('hq.missions', {}, { enabled: hq }).data ?? [];
  // Only missions whose records arrived have activities to filter by.
  return missions.flatMap((m) => (m.missionId ? [{ value: m.missionId, label: `${m.code} – ${currentLanguage() === 'vi' ? m.nameVi : m.nameEn}` }] : []));
}

const sameFilter = (a: ActivityFilter, b: ActivityFilter) => JSON.stringify(a) === JSON.stringify(b);

export function ActivitiesPage() {
  const { t } = useTranslation();
  const route = useAppStore((s) => s.route);
  const openActivity = useAppStore((s) => s.openActivity);
  const keepParams = useAppStore((s) => s.keepParams);
  // Not the rows: a page of them arriving renders the grid only.
  const { filter, total, totalExact, error, setFilter, replaceFilter } = useActivityList(
    useShallow((s) => ({ filter: s.filter, total: s.total, totalExact: s.totalExact, error: s.error, setFilter: s.setFilter, replaceFilter: s.replaceFilter })),
  );
  const [text, setText] = useState(filter.text ?? '');
  const [importing, setImporting] = useState(false);
  const hq = useAppStore((s) => s.state?.mode === 'hq');
  const missions = useMissionOptions(hq);

  // Opened from elsewhere (a dashboard figure, a search hit) with a filter or a record.
  useEffect(() => {
    const params = route.params as { filter?: ActivityFilter; open?: string } | undefined;
    if (params?.filter && !sameFilter(params.filter, useActivityList.getState().filter)) {
      replaceFilter(params.filter);
      // The box takes the address's text once per address: an outside source, not derived state.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setText(params.filter.text ?? '');
    }
    if (params?.open) openActivity(params.open);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [route]);
  // After the address's filter (above): the list is read when first shown or changed meanwhile.
  useEffect(() => useActivityList.getState().show(), []);

  // The filter goes into the address: a reload, or "back" from a record, keeps it. (The store's
  // filter, not this render's: the effect above may just have applied the address's.)
  useEffect(() => {
    const addressed = (useAppStore.getState().route.params as { filter?: ActivityFilter } | undefined)?.filter ?? {};
    const current = useActivityList.getState().filter;
    if (!sameFilter(addressed, current)) keepParams('activities', { filter: current });
  }, [filter, keepParams]);

  useEffect(() => {
    const handle = setTimeout(() => {
      if ((filter.text ?? '') !== text) setFilter({ text: text || undefined });
    }, 150);
    return () => clearTimeout(handle);
  }, [text, filter.text, setFilter]);

  const filtered = Boolean(
    filter.period ||
    filter.kinds?.length ||
    filter.statuses?.length ||
    filter.sector ||
    filter.province ||
    filter.text ||
    filter.supportsLocalities ||
    filter.organisation ||
    filter.mission,
  );

  return (
    <section className="page activities-page">
      <ListHead
        title={t('activity.listTitle')}
        count={{ key: totalExact ? 'activity.count' : 'activityTotal.atLeast', total }}
        newLabel={t('activity.new')}
        onNew={() => openActivity(null)}
      >
        <button type="button" onClick={() => setImporting(true)}>
          {t('recordImport.open')}
        </button>
      </ListHead>
      {importing && (
        <Suspense fallback={null}>
          <ActivityImport onClose={() => setImporting(false)} />
        </Suspense>
      )}

      <div className="filters" role="search">
        <input
          className="filter-text"
          type="search"
          autoComplete="off"
          aria-label={t('activity.searchPlaceholder')}
          placeholder={t('activity.searchPlaceholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <PeriodFilter label={t('activity.filterPeriod')} value={filter.period} onChange={(period) => setFilter({ period })} />
        <EnumFilter
          label={t('activity.filterKind')}
          enumName="activityKind"
          values={ACTIVITY_KINDS}
          selected={filter.kinds}
          onChange={(kinds) => setFilter({ kinds })}
        />
        <EnumFilter
          label={t('activity.filterStatus')}
          enumName="activityStatus"
          values={ACTIVITY_STATUSES}
          selected={filter.statuses}
          onChange={(statuses) => setFilter({ statuses })}
        />
        <div className="filter filter-picker">
          <Picker
            label={t('activity.filterSector')}
            single
            options={sectorOptions()}
            selected={filter.sector ? [filter.sector] : []}
            onChange={(v) => setFilter({ sector: v[0] })}
            placeholder={t('common.all')}
            name="filterSector"
          />
        </div>
        {hq && <FilterSelect label={t('activity.filterMission')} value={filter.mission} options={missions} onChange={(mission) => setFilter({ mission })} />}
        <div className="filter filter-picker">
          <Picker
            label={t('activity.filterProvince')}
            single
            options={provinceOptions()}
            selected={filter.province ? [filter.province] : []}
            onChange={(v) => setFilter({ province: v[0] })}
            placeholder={t('common.all')}
            name="filterProvince"
          />
        </div>
        {filtered && (
          <button
            type="button"
            className="link"
            onClick={() => {
              setText('');
              replaceFilter({});
            }}
          >
            {t('common.clear')}
          </button>
        )}
      </div>

      {(filter.supportsLocalities || filter.organisation) && (
        <p className="notice drill-note">
          {t(filter.supportsLocalities ? 'dashboard.onlyLocalities' : 'dashboard.onlyPartner')}{' '}
          <button type="button" className="link" onClick={() => setFilter({ supportsLocalities: undefined, organisation: undefined })}>
            {t('common.unselect')}
          </button>
        </p>
      )}

      <ErrorMessage text={error ? errorText(error) : null} />

      <ActivityGrid filtered={filtered} />
    </section>
  );
}
