/**
 * The report as a document: header block, title, sections with their tables, signature and
 * recipients, every text in its final Vietnamese form. Built once here and rendered twice,
 * as the .docx (electron/services/report-docx.ts) and as the live page beside the editor
 * (renderer), so what the head sees is what prints. The layout is Nghị định 30/2020/NĐ-CP,
 * Phụ lục I (DESIGN.md).
 */
import { KEY_FIGURES, type Figure, type Figures } from '../contract/figures';
import { translate } from '../i18n';
import { periodLabel } from '../period';
import { province } from '../reference';
import { romanNumeral } from '../text';
import { dateLineParts, recipientLines, REPORT_SECTIONS, type ReportHeader, type ReportSection, type ReportStatus, type ReportValues } from './report';

const t = (key: string, params?: Record<string, string | number>) => translate('vi', key, params);

export interface DocTable {
  caption: string;
  head: string[];
  rows: string[][];
  /** Relative column widths. */
  widths: number[];
  /** Columns aligned right (numbers). */
  numeric: boolean[];
  /** The last row is a total (printed bold). */
  total: boolean;
}

export type DocBlock = { kind: 'paragraph'; text: string; italics?: boolean } | { kind: 'table'; table: DocTable };

export interface ReportDocumentModel {
  draft: boolean;
  /** "DỰ THẢO" on a draft, null on a final report. */
  draftMark: string | null;
  header: {
    /** Capitals, regular weight (Nghị định 30: the governing body above the issuing body). */
    superiorBody: string;
    /** Capitals, bold, with a short rule under it. */
    issuer: string;
    number: string;
    nation: string;
    motto: string;
    dateLine: string;
  };
  title: string;
  summary: string;
  sections: { key: ReportSection | 'intro'; heading: string; blocks: DocBlock[] }[];
  signer: { title: string; name: string };
  recipientsLabel: string;
  recipients: string[];
}

/** "I. Tình hình chung": a section's label as the editor shows it (the document writes it in capitals). */
export function sectionLabel(section: ReportSection, label: string): string {
  return `${romanNumeral(REPORT_SECTIONS.indexOf(section) + 1)}. ${label}`;
}

const integer = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** "+12 (+25,0%)", "-3 (-10,0%)", "+5 (mới)", "không đổi". */
export function formatChange(f: Pick<Figure, 'change' | 'changePercent'>): string {
  if (f.change === 0) return t('figures.noChange');
  const sign = f.change > 0 ? '+' : '-';
  const percent = f.changePercent === null ? t('figures.newThisPeriod') : `${sign}${decimal.format(Math.abs(f.changePercent))}%`;
  return `${sign}${integer.format(Math.abs(f.change))} (${percent})`;
}

/** "6 tháng đầu năm 2025": the period's label mid-sentence (lower case first letter). */
export function periodInSentence(period: string): string {
  const label = periodLabel(period, 'vi');
  return label.charAt(0).toLocaleLowerCase('vi') + label.slice(1);
}

function figuresTables(f: Figures): DocBlock[] {
  const current = periodLabel(f.period, 'vi');
  const previous = t('docx.previousPeriod', { period: periodLabel(f.previousPeriod, 'vi') });
  const compareHead = (first: string) => [t('docx.order'), first, current, previous, t('figures.change')];
  const compareRow = (i: number, label: string, g: Figure) => [String(i + 1), label, integer.format(g.value), integer.format(g.previous), formatChange(g)];
  const compareTotal = (g: Figure) => ['', t('docx.total'), integer.format(g.value), integer.format(g.previous), formatChange(g)];
  const compare = { widths: [6, 38, 16, 16, 24], numeric: [false, false, true, true, true] };
  const tables: [string, Omit<DocTable, 'caption'>][] = [
    ['docx.tableKeyFigures', { head: compareHead(t('docx.indicator')), rows: KEY_FIGURES.map((k, i) => compareRow(i, t(`figures.${k}`), f.key[k])), total: false, ...compare }],
    [
      'docx.tableByKind',
      {
        head: compareHead(t('docx.kind')),
        rows: [...f.byKind.filter((k) => k.value > 0 || k.previous > 0).map((k, i) => compareRow(i, t(`enum.activityKind.${k.kind}`), k)), compareTotal(f.key.activitiesDone)],
        total: true,
        ...compare,
      },
    ],
  ];
  if (f.byProvince.length) {
    tables.push([
      'docx.tableByProvince',
      {
        head: [t('docx.order'), t('docx.province'), t('figures.activities'), t('figures.agreements')],
        rows: [
          ...f.byProvince.map((p, i) => [String(i + 1), province(p.provinceId)?.name ?? p.provinceId, integer.format(p.activities), integer.format(p.agreements)]),
          // An activity may support several provinces: the total counts it once (the key figure), not once per row.
          ['', t('docx.total'), integer.format(f.key.localityActivities.value), integer.format(f.key.agreementsForLocalities.value)],
        ],
        widths: [8, 52, 20, 20],
        numeric: [false, false, true, true],
        total: true,
      },
    ]);
  }
  if (f.key.agreementsSigned.value > 0) {
    tables.push([
      'docx.tableAgreements',
      {
        head: [t('docx.order'), t('docx.status'), t('figures.agreements')],
        rows: [
          ...f.agreementsByStatus.filter((s) => s.value > 0).map((s, i) => [String(i + 1), t(`enum.agreementStatus.${s.status}`), integer.format(s.value)]),
          ['', t('docx.total'), integer.format(f.key.agreementsSigned.value)],
        ],
        widths: [8, 62, 30],
        numeric: [false, false, true],
        total: true,
      },
    ]);
  }
  return [
    ...tables.map(([caption, table], i): DocBlock => ({ kind: 'table', table: { ...table, caption: t(caption, { n: i + 1 }) } })),
    { kind: 'paragraph', text: t('docx.annexNote'), italics: true },
  ];
}

/** Narrative text: one paragraph per non-empty line. */
function narrative(text: string, draft: boolean): DocBlock[] {
  const lines = text
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length) return lines.map((l) => ({ kind: 'paragraph', text: l }));
  // A draft shows where text is still missing; a final report does not print the reminder.
  return draft ? [{ kind: 'paragraph', text: t('docx.emptySection'), italics: true }] : [];
}

export interface ReportDocumentInput {
  report: ReportValues & { status?: ReportStatus };
  figures: Figures;
  header: ReportHeader;
}

export function buildReportModel({ report, figures, header }: ReportDocumentInput): ReportDocumentModel {
  const draft = report.status !== 'final';
  const period = periodInSentence(figures.period);
  const date = report.reportDate ? dateLineParts(report.reportDate) : { day: '...', month: '...', year: '...' };
  const sections: ReportDocumentModel['sections'] = [{ key: 'intro', heading: '', blocks: [{ kind: 'paragraph', text: t('docx.intro', { mission: header.issuer, period }) }] }];
  REPORT_SECTIONS.forEach((section) => {
    const blocks = narrative(report.sections[section], draft);
    if (section === 'mainResults') blocks.push(...figuresTables(figures));
    sections.push({ key: section, heading: sectionLabel(section, t(`enum.reportSection.${section}`)).toLocaleUpperCase('vi'), blocks });
  });
  return {
    draft,
    draftMark: draft ? t('docx.draftMark') : null,
    header: {
      superiorBody: header.superiorBody.toLocaleUpperCase('vi'),
      issuer: header.issuer.toLocaleUpperCase('vi'),
      number: `${t('docx.numberPrefix')} ${report.number || t('docx.noNumber')}`,
      nation: t('docx.nation'),
      motto: t('docx.motto'),
      dateLine: t('docx.dateLine', { place: report.place || '...', ...date }),
    },
    title: t('docx.title'),
    summary: t('docx.summary', { period }),
    sections,
    signer: { title: (report.signerTitle || '...').toLocaleUpperCase('vi'), name: report.signerName },
    recipientsLabel: t('docx.recipients'),
    recipients: recipientLines(report.recipients, t('docx.archive')),
  };
}

/** What a report still lacks before it can be signed: the finalise question lists these. */
export type ReportGap = { kind: 'section'; section: ReportSection } | { kind: 'number' } | { kind: 'signer' } | { kind: 'date' };

export function reportGaps(report: ReportValues): ReportGap[] {
  return [
    ...(report.number.trim() ? [] : [{ kind: 'number' } as const]),
    ...(report.reportDate ? [] : [{ kind: 'date' } as const]),
    ...(report.signerName.trim() && report.signerTitle.trim() ? [] : [{ kind: 'signer' } as const]),
    ...REPORT_SECTIONS.filter((s) => !report.sections[s].trim()).map((section) => ({ kind: 'section', section }) as const),
  ];
}
