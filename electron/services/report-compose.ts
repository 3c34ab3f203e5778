/**
 * "Soạn từ số liệu": the report's sections drafted as sentences from the period's figures and
 * records, in the register of the Ministry's reports. Every number, name and value comes from
 * the data (figures.ts and the agreements behind them); a section with nothing to say stays
 * empty. The head edits the text afterwards like any draft.
 */
import type { Figure, FigureAgreementRow, Figures } from '../../shared/contract/figures';
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
export function change(f: Figure, unit: string, year: string): string {
  if (f.change === 0) return t('compose.changeSame', { year });
  if (f.previous === 0) return t('compose.changeNew', { year });
  const params = { diff: integer.format(Math.abs(f.change)), unit, percent: `${decimal.format(Math.abs(f.changePercent ?? 0))}%`, year };
  return t(f.change > 0 ? 'compose.changeUp' : 'compose.changeDown', params);
}

/** Agreements still being carried out whose review date has passed (as of the figures' day), as Việc cần làm lists them. */
function overdueReviews(db: Db, figures: Figures): DueItem[] {
  return dueItems(db, { today: figures.asOf, withinDays: 0, missionId: figures.missionId }).filter((i) => i.kind === 'agreement-review' && i.overdue);
}

/** Sections as lists of lines, joined into paragraphs at the end. */
export type SectionLines = Record<ReportSection, string[]>;

export function emptySections(): SectionLines {
  return Object.fromEntries(REPORT_SECTIONS.map((s) => [s, [] as string[]])) as SectionLines;
}

export function joinSections(sections: SectionLines): Record<ReportSection, string> {
  return Object.fromEntries(REPORT_SECTIONS.map((s) => [s, sections[s].join('\n')])) as Record<ReportSection, string>;
}

/** The year of the period a year earlier: "so với cùng kỳ năm 2024". */
export function previousYear(figures: Figures): string {
  return figures.previousPeriod.slice(0, 4);
}

/** Done activities by kind, one line each after an introduction; nothing when none was done. */
export function kindLines(figures: Figures): string[] {
  const year = previousYear(figures);
  const kinds = figures.byKind.filter((k) => k.value > 0);
  if (!kinds.length) return [];
  return [
    t('compose.byKindIntro'),
    ...kinds.map((k) =>
      t('compose.byKind', { kind: t(`enum.activityKind.${k.kind}`), n: integer.format(k.value), change: change(k, t('compose.activityUnit'), year) }),
    ),
  ];
}

/** "Hỗ trợ 3 tỉnh, thành phố: Huế (2 hoạt động, 1 thỏa thuận); …". */
export function localitiesLines(figures: Figures): string[] {
  if (!figures.byProvince.length) return [];
  const list = figures.byProvince.map((p) => {
    const detail = [
      p.activities ? t('compose.provinceActivities', { n: integer.format(p.activities) }) : '',
      p.agreements ? t('compose.provinceAgreements', { n: integer.format(p.agreements) }) : '',
    ]
      .filter(Boolean)
      .join(', ');
    return `${province(p.provinceId)?.name ?? p.provinceId} (${detail})`;
  });
  return [t('compose.localities', { n: integer.format(figures.byProvince.length), list: list.join('; ') })];
}

export function businessesLines(figures: Figures): string[] {
  const f = figures.key.businessesSupported;
  return f.value > 0 ? [t('compose.businesses', { n: integer.format(f.value), change: change(f, t('compose.businessUnit'), previousYear(figures)) })] : [];
}

/** An agreement for a locality as a line: title, date, locality, partner, value (and a suffix's key, e.g. the mission). */
export function agreementLine(
  g: FigureAgreementRow,
  key: { partner: string; noPartner: string } = { partner: 'compose.agreement', noPartner: 'compose.agreementNoPartner' },
  extra: Record<string, string> = {},
): string {
  const value = g.valueUsd ? t('compose.agreementValue', { value: integer.format(g.valueUsd) }) : '';
  const params = {
    title: g.title,
    date: day(g.signedDate),
    province: province(g.provinceId!)?.name ?? g.provinceId!,
    partner: g.partner ?? '',
    value,
    ...extra,
  };
  return t(g.partner ? key.partner : key.noPartner, params);
}

/** Cancelled activities, agreements past review, planned work: sections III to V. */
export function followThrough(db: Db, figures: Figures, sections: SectionLines): void {
  const { key } = figures;
  if (key.activitiesCancelled.value > 0) sections.difficulties.push(t('compose.cancelled', { n: integer.format(key.activitiesCancelled.value) }));
  const overdue = overdueReviews(db, figures);
  if (overdue.length) {
    sections.difficulties.push(t('compose.overdueIntro', { n: integer.format(overdue.length) }));
    for (const g of overdue) sections.difficulties.push(t('compose.overdueItem', { title: g.title, date: day(g.dueDate) }));
    sections.proposals.push(t('compose.overdueProposal'));
    sections.nextTasks.push(t('compose.nextOverdue', { n: integer.format(overdue.length) }));
  }
  if (key.activitiesPlanned.value > 0) sections.nextTasks.push(t('compose.nextPlanned', { n: integer.format(key.activitiesPlanned.value) }));
}

export function composeSections(db: Db, figures: Figures, mission: string): Record<ReportSection, string> {
  const period = periodInSentence(figures.period);
  const { key } = figures;
  const sections = emptySections();

  sections.generalSituation.push(
    key.activitiesDone.value > 0
      ? t('compose.overall', {
          period,
          mission,
          n: integer.format(key.activitiesDone.value),
          change: change(key.activitiesDone, t('compose.activityUnit'), previousYear(figures)),
        })
      : t('compose.noActivities', { period, mission }),
  );
  sections.mainResults.push(...kindLines(figures), ...localitiesLines(figures), ...businessesLines(figures));
  const forLocalities = agreementRows(db, key.agreementsForLocalities.drill.agreementIds ?? []);
  if (forLocalities.length) {
    sections.mainResults.push(t('compose.agreementsIntro', { n: integer.format(forLocalities.length) }), ...forLocalities.map((g) => agreementLine(g)));
  }
  followThrough(db, figures, sections);
  return joinSections(sections);
}
