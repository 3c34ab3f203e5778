import { halfYearOf } from '../../../shared/period';
import { todayIso } from '../format';
import { useAppStore } from '../stores/app';

/**
 * The period of HQ's Exchange page: one for the figures table and the report card below it,
 * kept in the address like the dashboard's (back, forward and a reload keep it).
 */
export function useHqPeriod(): [string, (period: string) => void] {
  const keepParams = useAppStore((s) => s.keepParams);
  const period = (useAppStore((s) => s.route.params) as { period?: string } | undefined)?.period ?? halfYearOf(todayIso());
  return [period, (next: string) => keepParams('exchange', { period: next })];
}
