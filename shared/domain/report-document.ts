/**
 * The report as a document: header block, title, sections with their tables, signature and
 * recipients, every text in its final Vietnamese form. Built once here and rendered twice,
 * as the .docx (electron/services/report-docx.ts) and as the live page beside the editor
 * (renderer), so what the head sees is what prints. The layout is Nghị định 30/2020/NĐ-CP,
 * Phụ lục I (DESIGN.md).
 */
import { KEY_FIGURES, MONEY_FIGURES, type Figure, type Figures, type KeyFigure } from '../contract/figures';
import type { ConsolidatedReportData, KeyValues, LocalityDigest } from '../contract/hq';
import { translate } from '../i18n';
import { periodLabel } from '../period';
import { province } from '../reference';
import { regionName } from '../regions';
import { foldText, romanNumeral } from '../text';
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
    /** Capitals, regular weight (Nghị định 30: the governing body above the issuing body); empty when it is the issuer. */
    superiorBody: string;
    /** Capitals, bold, with a short rule under it. */
    issuer: string;
    /** "Số: 05/BC-…"; empty for a document that takes no number (the locality digest). */
    number: string;
    nation: string;
    motto: string;
    dateLine: string;
  };
  title: string;
  summary: string;
  sections: { key: ReportSection | 'intro'; heading: string; blocks: DocBlock[] }[];
  /** null: no signature block (the locality digest travels under a cover letter). */
  signer: { title: string; name: string } | null;
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

type NamedTable = [caption: string, table: Omit<DocTable, 'caption'>];

/**
 * The figures' tables: key figures, by kind, by locality (with the missions behind each at HQ),
 * agreements by status. Tables with nothing to show are left out (null).
 */
function figureTables(
  f: Figures,
  provinceMissions?: Record<string, string[]>,
): { key: NamedTable; byKind: NamedTable; byProvince: NamedTable | null; agreements: NamedTable | null } {
  const current = periodLabel(f.period, 'vi');
  const previous = t('docx.previousPeriod', { period: periodLabel(f.previousPeriod, 'vi') });
  const compareHead = (first: string) => [t('docx.order'), first, current, previous, t('figures.change')];
  const compareRow = (i: number, label: string, g: Figure) => [String(i + 1), label, integer.format(g.value), integer.format(g.previous), formatChange(g)];
  const compareTotal = (g: Figure) => ['', t('docx.total'), integer.format(g.value), integer.format(g.previous), formatChange(g)];
  const compare = { widths: [6, 38, 16, 16, 24], numeric: [false, false, true, true, true] };
  const withMissions = provinceMissions !== undefined;
  return {
    key: [
      'docx.tableKeyFigures',
      { head: compareHead(t('docx.indicator')), rows: KEY_FIGURES.map((k, i) => compareRow(i, t(`figures.${k}`), f.key[k])), total: false, ...compare },
    ],
    byKind: [
      'docx.tableByKind',
      {
        head: compareHead(t('docx.kind')),
        rows: [
          ...f.byKind.filter((k) => k.value > 0 || k.previous > 0).map((k, i) => compareRow(i, t(`enum.activityKind.${k.kind}`), k)),
          compareTotal(f.key.activitiesDone),
        ],
        total: true,
        ...compare,
      },
    ],
    byProvince: f.byProvince.length
      ? [
          'docx.tableByProvince',
          {
            head: [
              t('docx.order'),
              t('docx.province'),
              t('figures.activities'),
              t('figures.agreements'),
              ...(withMissions ? [t('hqReport.missionsColumn')] : []),
            ],
            rows: [
              ...f.byProvince.map((p, i) => [
                String(i + 1),
                province(p.provinceId)?.name ?? p.provinceId,
                integer.format(p.activities),
                integer.format(p.agreements),
                ...(withMissions ? [(provinceMissions[p.provinceId] ?? []).join(', ')] : []),
              ]),
              // An activity may support several provinces: the total counts it once (the key figure), not once per row.
              [
                '',
                t('docx.total'),
                integer.format(f.key.localityActivities.value),
                integer.format(f.key.agreementsForLocalities.value),
                ...(withMissions ? [''] : []),
              ],
            ],
            widths: withMissions ? [7, 30, 14, 14, 35] : [8, 52, 20, 20],
            numeric: [false, false, true, true, false],
            total: true,
          },
        ]
      : null,
    agreements:
      f.key.agreementsSigned.value > 0
        ? [
            'docx.tableAgreements',
            {
              head: [t('docx.order'), t('docx.status'), t('figures.agreements')],
              rows: [
                ...f.agreementsByStatus
                  .filter((s) => s.value > 0)
                  .map((s, i) => [String(i + 1), t(`enum.agreementStatus.${s.status}`), integer.format(s.value)]),
                ['', t('docx.total'), integer.format(f.key.agreementsSigned.value)],
              ],
              widths: [8, 62, 30],
              numeric: [false, false, true],
              total: true,
            },
          ]
        : null,
  };
}

function figuresTables(f: Figures): DocBlock[] {
  const { key, byKind, byProvince, agreements } = figureTables(f);
  return numberTables([key, byKind, byProvince, agreements].filter((x): x is NamedTable => x !== null));
}

/** Tables captioned "Bảng 1. …", "Bảng 2. …" in the order given. */
function numberTables(tables: NamedTable[]): DocBlock[] {
  return tables.map(([caption, table], i): DocBlock => ({ kind: 'table', table: { ...table, caption: t(caption, { n: i + 1 }) } }));
}

function annexNote(): DocBlock {
  return { kind: 'paragraph', text: t('docx.annexNote'), italics: true };
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

/** The parts every document shares: draft mark, header block, title, signature and recipients. */
function documentFrame(report: ReportDocumentInput['report'], header: ReportHeader, summary: string): Omit<ReportDocumentModel, 'sections'> {
  const draft = report.status !== 'final';
  const date = report.reportDate ? dateLineParts(report.reportDate) : { day: '...', month: '...', year: '...' };
  return {
    draft,
    draftMark: draft ? t('docx.draftMark') : null,
    header: {
      // HQ's own unit may be the Ministry itself: its name is then printed once.
      superiorBody: foldText(header.superiorBody) === foldText(header.issuer) ? '' : header.superiorBody.toLocaleUpperCase('vi'),
      issuer: header.issuer.toLocaleUpperCase('vi'),
      number: `${t('docx.numberPrefix')} ${report.number || t('docx.noNumber')}`,
      nation: t('docx.nation'),
      motto: t('docx.motto'),
      dateLine: t('docx.dateLine', { place: report.place || '...', ...date }),
    },
    title: t('docx.title'),
    summary,
    signer: { title: (report.signerTitle || '...').toLocaleUpperCase('vi'), name: report.signerName },
    recipientsLabel: t('docx.recipients'),
    recipients: recipientLines(report.recipients, t('docx.archive')),
  };
}

/** The numbered sections I–V: the narrative, and the tables after section II's text. */
function numberedSections(report: ReportDocumentInput['report'], tables: DocBlock[]): ReportDocumentModel['sections'] {
  const draft = report.status !== 'final';
  return REPORT_SECTIONS.map((section) => {
    const blocks = narrative(report.sections[section], draft);
    if (section === 'mainResults') blocks.push(...tables);
    return { key: section, heading: sectionLabel(section, t(`enum.reportSection.${section}`)).toLocaleUpperCase('vi'), blocks };
  });
}

export function buildReportModel({ report, figures, header }: ReportDocumentInput): ReportDocumentModel {
  const period = periodInSentence(figures.period);
  return {
    ...documentFrame(report, header, t('docx.summary', { period })),
    sections: [
      { key: 'intro', heading: '', blocks: [{ kind: 'paragraph', text: t('docx.intro', { mission: header.issuer, period }) }] },
      ...numberedSections(report, [...figuresTables(figures), annexNote()]),
    ],
  };
}

const money = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

/** The columns HQ compares missions and regions by. */
const HQ_COLUMNS: readonly KeyFigure[] = ['activitiesDone', 'localityActivities', 'agreementsSigned', 'dealValueUsd'];
const hqCell = (k: KeyFigure, v: number | undefined) => (v === undefined ? '' : MONEY_FIGURES.has(k) ? money.format(v) : integer.format(v));

export interface ConsolidatedDocumentInput {
  report: ReportValues & { status?: ReportStatus };
  data: ConsolidatedReportData;
  header: ReportHeader;
}

/**
 * HQ's consolidated report: the same frame and sections as a mission's, written from the
 * consolidated figures: key figures and kinds over every mission, then by region, by mission,
 * by locality (with the missions behind each), the agreements signed for localities and the
 * deals several missions reported (counted once in the totals).
 */
export function buildConsolidatedModel({ report, data, header }: ConsolidatedDocumentInput): ReportDocumentModel {
  const c = data.figures;
  const f = c.total;
  const period = periodInSentence(c.period);
  const standard = figureTables(f, data.provinceMissions);
  const head = (...first: string[]) => [t('docx.order'), ...first, ...HQ_COLUMNS.map((k) => t(`hqReport.column.${k}`))];
  const totalRow = (extra: string[]) => ['', t('docx.total'), ...extra, ...HQ_COLUMNS.map((k) => hqCell(k, f.key[k].value))];
  const keyCells = (key: Partial<KeyValues>) => HQ_COLUMNS.map((k) => hqCell(k, key[k]?.value));
  const byRegion: NamedTable = [
    'hqReport.tableByRegion',
    {
      head: head(t('hqReport.region'), t('hqReport.missionCount')),
      rows: [
        ...c.byRegion.map((r, i) => [String(i + 1), regionName(r.region), integer.format(r.missions), ...keyCells(r.key)]),
        totalRow([integer.format(c.byMission.length)]),
      ],
      widths: [6, 30, 10, 12, 12, 12, 18],
      numeric: [false, false, true, true, true, true, true],
      total: true,
    },
  ];
  const byMission: NamedTable = [
    'hqReport.tableByMission',
    {
      head: head(t('hqReport.mission')),
      // The code after the name: the other tables name missions by code.
      rows: [...c.byMission.map((m, i) => [String(i + 1), `${m.nameVi} (${m.code})`, ...keyCells(m.key)]), totalRow([])],
      widths: [6, 40, 12, 12, 12, 18],
      numeric: [false, false, true, true, true, true],
      total: true,
    },
  ];
  const agreements: NamedTable | null = data.localityAgreements.length
    ? [
        'hqReport.tableLocalityAgreements',
        {
          head: [
            t('docx.order'),
            t('hqReport.agreement'),
            t('hqReport.signed'),
            t('docx.province'),
            t('hqReport.partner'),
            t('hqReport.missionCode'),
            t('hqReport.valueUsd'),
          ],
          rows: [
            ...data.localityAgreements.map((g, i) => [
              String(i + 1),
              g.title,
              dayText(g.signedDate),
              province(g.provinceId ?? '')?.name ?? g.provinceId ?? '',
              g.partner ?? '',
              g.missionCode,
              g.valueUsd ? money.format(g.valueUsd) : '',
            ]),
            ['', t('docx.total'), '', '', '', '', money.format(data.localityAgreements.reduce((sum, g) => sum + (g.valueUsd ?? 0), 0))],
          ],
          widths: [6, 26, 14, 13, 16, 11, 14],
          numeric: [false, false, false, false, false, false, true],
          total: true,
        },
      ]
    : null;
  const shared: NamedTable | null = c.shared.length
    ? [
        'hqReport.tableShared',
        {
          head: [t('docx.order'), t('hqReport.record'), t('hqReport.date'), t('hqReport.valueUsd'), t('hqReport.reportedBy')],
          rows: c.shared.map((r, i) => [
            String(i + 1),
            `${r.title} (${t(`exchange.sharedEntity.${r.entity}`).toLocaleLowerCase('vi')})`,
            dayText(r.date),
            money.format(r.valueUsd),
            r.reportedBy.map((m) => m.code).join(', '),
          ]),
          widths: [6, 40, 15, 17, 22],
          numeric: [false, false, false, true, false],
          total: false,
        },
      ]
    : null;
  const tables = numberTables(
    [standard.key, standard.byKind, byRegion, byMission, standard.byProvince, agreements, standard.agreements, shared].filter(
      (x): x is NamedTable => x !== null,
    ),
  );
  const notes: DocBlock[] = c.shared.length ? [{ kind: 'paragraph', text: t('hqReport.sharedNote'), italics: true }] : [];
  return {
    ...documentFrame(report, header, t('hqReport.summary', { period })),
    sections: [
      {
        key: 'intro',
        heading: '',
        blocks: [{ kind: 'paragraph', text: t('hqReport.intro', { issuer: header.issuer, period, n: integer.format(c.byMission.length) }) }],
      },
      ...numberedSections(report, [...tables, ...notes, annexNote()]),
    ],
  };
}

/** dd/MM/yyyy. */
function dayText(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

export interface DigestDocumentInput {
  digest: LocalityDigest;
  header: ReportHeader;
  place: string;
  /** The day the digest is written (yyyy-MM-dd). */
  date: string;
}

/**
 * The digest HQ sends a province: what every mission did for it in the period, under HQ's
 * header (no number or signature: it travels with a cover letter). A summary drawn from the
 * rows, then the activities and the agreements, each with its total.
 */
export function buildDigestModel({ digest, header, place, date }: DigestDocumentInput): ReportDocumentModel {
  const name = province(digest.provinceId)?.name ?? digest.provinceId;
  const period = periodInSentence(digest.period);
  const { activities, agreements } = digest;
  const sum = (values: (number | null)[]) => values.reduce<number>((s, v) => s + (v ?? 0), 0);
  const missions = new Set([...activities.map((a) => a.missionCode), ...agreements.map((g) => g.missionCode)]);
  const summary: DocBlock[] = [{ kind: 'paragraph', text: digestSentence(digest, name, period, missions.size) }];
  const activityTable: NamedTable = [
    'hqReport.tableDigestActivities',
    {
      head: [
        t('docx.order'),
        t('hqReport.date'),
        t('hqReport.mission'),
        t('docx.kind'),
        t('hqReport.activity'),
        t('hqReport.businesses'),
        t('hqReport.valueUsd'),
      ],
      rows: [
        ...activities.map((a, i) => [
          String(i + 1),
          dayText(a.startDate),
          a.missionName,
          t(`enum.activityKind.${a.kind}`),
          a.title,
          a.businessesSupported ? integer.format(a.businessesSupported) : '',
          a.dealValueUsd ? money.format(a.dealValueUsd) : '',
        ]),
        [
          '',
          '',
          '',
          '',
          t('docx.total'),
          integer.format(sum(activities.map((a) => a.businessesSupported))),
          money.format(sum(activities.map((a) => a.dealValueUsd))),
        ],
      ],
      widths: [6, 14, 19, 13, 25, 9, 14],
      numeric: [false, false, false, false, false, true, true],
      total: true,
    },
  ];
  const agreementTable: NamedTable = [
    'hqReport.tableDigestAgreements',
    {
      head: [
        t('docx.order'),
        t('hqReport.signed'),
        t('hqReport.mission'),
        t('hqReport.agreement'),
        t('hqReport.partner'),
        t('docx.status'),
        t('hqReport.valueUsd'),
      ],
      rows: [
        ...agreements.map((g, i) => [
          String(i + 1),
          dayText(g.signedDate),
          g.missionName,
          g.title,
          g.partner ?? '',
          t(`enum.agreementStatus.${g.status}`),
          g.valueUsd ? money.format(g.valueUsd) : '',
        ]),
        ['', '', '', t('docx.total'), '', '', money.format(sum(agreements.map((g) => g.valueUsd)))],
      ],
      widths: [6, 14, 19, 22, 15, 11, 13],
      numeric: [false, false, false, false, false, false, true],
      total: true,
    },
  ];
  const heading = (n: number, key: string) => `${romanNumeral(n)}. ${t(key)}`.toLocaleUpperCase('vi');
  const [activityBlock, agreementBlock] = numberTables([activityTable, agreementTable]);
  const sections: ReportDocumentModel['sections'] = [
    { key: 'intro', heading: '', blocks: [{ kind: 'paragraph', text: t('hqReport.digestIntro', { issuer: header.issuer, province: name, period }) }] },
    { key: 'generalSituation', heading: heading(1, 'hqReport.digestSummary'), blocks: summary },
    {
      key: 'mainResults',
      heading: heading(2, 'hqReport.digestActivities'),
      blocks: activities.length ? [activityBlock!] : [{ kind: 'paragraph', text: t('hqReport.digestNoActivities'), italics: true }],
    },
    {
      key: 'difficulties',
      heading: heading(3, 'hqReport.digestAgreements'),
      blocks: agreements.length ? [agreementBlock!] : [{ kind: 'paragraph', text: t('hqReport.digestNoAgreements'), italics: true }],
    },
  ];
  const frame = documentFrame(
    {
      period: digest.period,
      number: '',
      place,
      reportDate: date,
      signerName: '',
      signerTitle: '',
      recipients: [],
      sections: { generalSituation: '', mainResults: '', difficulties: '', proposals: '', nextTasks: '' },
      status: 'final',
    },
    header,
    t('hqReport.digestSummaryLine', { province: name, period }),
  );
  return { ...frame, header: { ...frame.header, number: '' }, title: t('hqReport.digestTitle'), sections, signer: null, recipients: [] };
}

/** The digest's opening sentence: counts and sums of its own rows, nothing else. */
function digestSentence(digest: LocalityDigest, name: string, period: string, missions: number): string {
  const { activities, agreements } = digest;
  if (!activities.length && !agreements.length) return t('hqReport.digestNothing', { province: name, period });
  const businesses = activities.reduce((s, a) => s + (a.businessesSupported ?? 0), 0);
  const deals = activities.reduce((s, a) => s + (a.dealValueUsd ?? 0), 0);
  const agreementValue = agreements.reduce((s, g) => s + (g.valueUsd ?? 0), 0);
  const parts = [
    activities.length ? t('hqReport.digestActivitiesPart', { n: integer.format(activities.length) }) : '',
    businesses ? t('hqReport.digestBusinessesPart', { n: integer.format(businesses) }) : '',
    deals ? t('hqReport.digestDealsPart', { value: money.format(deals) }) : '',
    agreements.length
      ? t('hqReport.digestAgreementsPart', {
          n: integer.format(agreements.length),
          value: agreementValue ? t('compose.agreementValue', { value: money.format(agreementValue) }) : '',
        })
      : '',
  ].filter(Boolean);
  return `${t('hqReport.digestLead', { period, missions: integer.format(missions), province: name })} ${parts.join('; ')}.`;
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
