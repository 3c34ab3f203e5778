/**
 * "Soạn từ số liệu": the report's sections drafted as sentences from the period's figures and
 * records, in the register of the Ministry's reports. Every number, name and value comes from
 * the data (figures.ts and the agreements behind them); a section with nothing to say stays
 * empty. The head edits the text afterwards like any draft.
 */
import type { Figure, Figures } from '../../shared/contract/figures';
import type { DueItem } from '../../shared/domain/followup';
import { REPORT_SECTIONS, type ReportSection } from '../../shared/domain/report';
import { periodInSentence } from '../../shared/domain/report-document';
import { translate } from '../../shared/i18n';
import { province } from '../../shared/reference';
import type { Db } from '../db/open';
import { dueItems } from './due';
import { agreementRows } from './figures';
import { day } from './report-xlsx';

const t = (key: string, params?: Record<string, string | number>) => translate('vi', key, params);
const integer = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** "tăng 2 hoạt động (50,0%) so với cùng kỳ năm 2024", "bằng cùng kỳ năm 2024"... */
function change(f: Figure, unit: string, year: string): string {
  if (f.change === 0) return t('compose.changeSame', { year });
  if (f.previous === 0) return t('compose.changeNew', { year });
  const params = { diff: integer.format(Math.abs(f.change)), unit, percent: `${decimal.format(Math.abs(f.changePercent ?? 0))}%`, year };
  return t(f.change > 0 ? 'compose.changeUp' : 'compose.changeDown', params);
}

/** Agreements still being carried out whose review date has passed (as of the figures' day), as Việc cần làm lists them. */
function overdueReviews(db: Db, figures: Figures): DueItem[] {
  return dueItems(db, { today: figures.asOf, withinDays: 0, missionId: figures.missionId }).filter((i) => i.kind === 'agreement-review' && i.overdue);
}

export function composeSections(db: Db, figures: Figures, mission: string): Record<ReportSection, string> {
  const year = figures.previousPeriod.slice(0, 4);
  const period = periodInSentence(figures.period);
  const activity = t('compose.activityUnit');
  const { key } = figures;
  const sections = Object.fromEntries(REPORT_SECTIONS.map((s) => [s, [] as string[]])) as Record<ReportSection, string[]>;

  sections.generalSituation.push(
    key.activitiesDone.value > 0
      ? t('compose.overall', { period, mission, n: integer.format(key.activitiesDone.value), change: change(key.activitiesDone, activity, year) })
      : t('compose.noActivities', { period, mission }),
  );

  const kinds = figures.byKind.filter((k) => k.value > 0);
  if (kinds.length) {
    sections.mainResults.push(t('compose.byKindIntro'));
    for (const k of kinds) {
      sections.mainResults.push(t('compose.byKind', { kind: t(`enum.activityKind.${k.kind}`), n: integer.format(k.value), change: change(k, activity, year) }));
    }
  }
  if (figures.byProvince.length) {
    const list = figures.byProvince.map((p) => {
      const detail = [p.activities ? t('compose.provinceActivities', { n: integer.format(p.activities) }) : '', p.agreements ? t('compose.provinceAgreements', { n: integer.format(p.agreements) }) : '']
        .filter(Boolean)
        .join(', ');
      return `${province(p.provinceId)?.name ?? p.provinceId} (${detail})`;
    });
    sections.mainResults.push(t('compose.localities', { n: integer.format(figures.byProvince.length), list: list.join('; ') }));
  }
  if (key.businessesSupported.value > 0) {
    sections.mainResults.push(t('compose.businesses', { n: integer.format(key.businessesSupported.value), change: change(key.businessesSupported, t('compose.businessUnit'), year) }));
  }
  const forLocalities = agreementRows(db, key.agreementsForLocalities.drill.agreementIds ?? []);
  if (forLocalities.length) {
    sections.mainResults.push(t('compose.agreementsIntro', { n: integer.format(forLocalities.length) }));
    for (const g of forLocalities) {
      const value = g.valueUsd ? t('compose.agreementValue', { value: integer.format(g.valueUsd) }) : '';
      const params = { title: g.title, date: day(g.signedDate), province: province(g.provinceId!)?.name ?? g.provinceId!, partner: g.partner ?? '', value };
      sections.mainResults.push(t(g.partner ? 'compose.agreement' : 'compose.agreementNoPartner', params));
    }
  }

  if (key.activitiesCancelled.value > 0) sections.difficulties.push(t('compose.cancelled', { n: integer.format(key.activitiesCancelled.value) }));
  const overdue = overdueReviews(db, figures);
  if (overdue.length) {
    sections.difficulties.push(t('compose.overdueIntro', { n: integer.format(overdue.length) }));
    for (const g of overdue) sections.difficulties.push(t('compose.overdueItem', { title: g.title, date: day(g.dueDate) }));
    sections.proposals.push(t('compose.overdueProposal'));
    sections.nextTasks.push(t('compose.nextOverdue', { n: integer.format(overdue.length) }));
  }
  if (key.activitiesPlanned.value > 0) sections.nextTasks.push(t('compose.nextPlanned', { n: integer.format(key.activitiesPlanned.value) }));

  return Object.fromEntries(REPORT_SECTIONS.map((s) => [s, sections[s].join('\n')])) as Record<ReportSection, string>;
}
