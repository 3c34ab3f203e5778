/**
 * The report as a .docx in the layout of Nghị định 30/2020/NĐ-CP, Phụ lục I (DESIGN.md):
 * A4 portrait, Times New Roman, the issuing body and number on the left, the national
 * motto on the right, the place/date line, "BÁO CÁO" with its summary line, numbered
 * sections with the figures tables, page numbers at the top from page 2, and the
 * signature and recipients blocks. Every label comes from the catalogue (Vietnamese).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IBorderOptions,
} from 'docx';
import { KEY_FIGURES, type Figure, type Figures } from '../../shared/contract/figures';
import { dateLineParts, recipientLines, REPORT_SECTIONS, type ReportValues } from '../../shared/domain/report';
import { translate } from '../../shared/i18n';
import { periodLabel } from '../../shared/period';
import { province } from '../../shared/reference';

const t = (key: string, params?: Record<string, string | number>) => translate('vi', key, params);
const FONT = 'Times New Roman';
const BLACK = '000000';

/** 1 mm and 1 pt in twentieths of a point (the unit of page geometry in OOXML). */
const MM = 56.7;
const PT = 20;
const PAGE = { width: 11906, height: 16838 };
const MARGIN = { top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM), right: Math.round(15 * MM) };
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
/** Header columns: the issuing body (left) and the national motto (right). */
const LEFT_COLUMN = Math.round(62 * MM);
const RIGHT_COLUMN = TEXT_WIDTH - LEFT_COLUMN;
/** Body text 14 pt (docx sizes are half-points). */
const BODY_SIZE = 28;

export interface ReportDocumentData {
  report: ReportValues;
  figures: Figures;
  /** The issuing body as named in the header, e.g. "Đại sứ quán Việt Nam tại Nhật Bản". */
  issuer: string;
}

interface RunStyle {
  size?: number;
  bold?: boolean;
  italics?: boolean;
}

function run(text: string, style: RunStyle = {}): TextRun {
  return new TextRun({ text, font: FONT, color: BLACK, size: style.size ?? BODY_SIZE, bold: style.bold, italics: style.italics });
}

const NO_BORDER: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 6, color: BLACK, space: 1 };
const NO_BORDERS = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER };

function centred(text: string, style: RunStyle, after = 0): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 0, after, line: 240 }, children: [run(text, style)] });
}

/**
 * A horizontal rule of a given length centred in a box: an empty paragraph whose bottom
 * border spans the box minus equal indents (Word and LibreOffice both draw it so).
 */
function rule(lengthTwips: number, boxTwips: number, after = 0): Paragraph {
  const indent = Math.max(0, Math.round((boxTwips - lengthTwips) / 2));
  return new Paragraph({
    spacing: { before: 0, after, line: 120, lineRule: 'exact' },
    indent: { left: indent, right: indent },
    border: { bottom: LINE },
    children: [run('', { size: 4 })],
  });
}

/** Approximate printed width of bold Times New Roman text (for rules "as long as the text"). */
function boldTextWidth(text: string, halfPoints: number): number {
  const em = (halfPoints / 2) * PT;
  let width = 0;
  for (const ch of text) width += ch === ' ' ? 0.25 * em : /[A-ZĐ]/.test(ch.normalize('NFD')[0] ?? '') ? 0.72 * em : ch === '-' ? 0.33 * em : 0.54 * em;
  return Math.round(width);
}

function cell(children: Paragraph[], width: number, options: { borders?: boolean; shade?: boolean } = {}): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    borders: options.borders === false ? NO_BORDERS : undefined,
    shading: options.shade ? { fill: 'F2F2F2' } : undefined,
    children,
  });
}

function headerTable(data: ReportDocumentData): Table {
  const { report } = data;
  const issuer = data.issuer.toLocaleUpperCase('vi');
  const motto = t('docx.motto');
  const left = [
    centred(issuer, { size: 26, bold: true }),
    rule(Math.round(LEFT_COLUMN / 3), LEFT_COLUMN, 80),
    centred(`${t('docx.numberPrefix')} ${report.number || '.../BC-...'}`, { size: 26 }),
  ];
  const dateText = report.reportDate
    ? t('docx.dateLine', { place: report.place || '...', ...dateLineParts(report.reportDate) })
    : t('docx.dateLine', { place: report.place || '...', day: '...', month: '...', year: '...' });
  const right = [
    centred(t('docx.nation'), { size: 24, bold: true }),
    centred(motto, { size: 26, bold: true }),
    rule(boldTextWidth(motto, 26), RIGHT_COLUMN, 160),
    centred(dateText, { size: 26, italics: true }),
  ];
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [LEFT_COLUMN, RIGHT_COLUMN],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell(left, LEFT_COLUMN, { borders: false }), cell(right, RIGHT_COLUMN, { borders: false })] })],
  });
}

function bodyParagraph(text: string, style: RunStyle = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: Math.round(12.7 * MM) },
    spacing: { before: 0, after: 6 * PT, line: 288 },
    children: [run(text, style)],
  });
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI'];

function sectionHeading(index: number, label: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: Math.round(12.7 * MM) },
    spacing: { before: 6 * PT, after: 6 * PT, line: 288 },
    keepNext: true,
    children: [run(`${ROMAN[index]}. ${label.toLocaleUpperCase('vi')}`, { bold: true })],
  });
}

/** Narrative text: one paragraph per non-empty line. */
function narrative(text: string): Paragraph[] {
  const lines = text.split(/\n+/).map((l) => l.trim()).filter(Boolean);
  return lines.length ? lines.map((l) => bodyParagraph(l)) : [bodyParagraph(t('docx.emptySection'), { italics: true })];
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

function dataTable(caption: string, head: string[], rows: string[][], widths: number[]): (Paragraph | Table)[] {
  const total = widths.reduce((a, b) => a + b, 0);
  const scaled = widths.map((w) => Math.round((w / total) * TEXT_WIDTH));
  const para = (text: string, bold: boolean, align: (typeof AlignmentType)[keyof typeof AlignmentType]) =>
    new Paragraph({ alignment: align, spacing: { before: 0, after: 0 }, children: [run(text, { size: 24, bold })] });
  const numeric = (i: number) => i > 0 && head.length > 2 && i !== 1;
  return [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 6 * PT, after: 4 * PT }, keepNext: true, children: [run(caption, { size: 26, bold: true })] }),
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: scaled,
      layout: TableLayoutType.FIXED,
      rows: [
        new TableRow({ tableHeader: true, children: head.map((h, i) => cell([para(h, true, AlignmentType.CENTER)], scaled[i]!, { shade: true })) }),
        ...rows.map(
          (r, ri) =>
            new TableRow({
              cantSplit: true,
              children: r.map((v, i) =>
                cell([para(v, ri === rows.length - 1 && r[0] === '' && i === 1, numeric(i) ? AlignmentType.RIGHT : i === 0 ? AlignmentType.CENTER : AlignmentType.LEFT)], scaled[i]!),
              ),
            }),
        ),
      ],
    }),
    new Paragraph({ spacing: { before: 0, after: 6 * PT }, children: [] }),
  ];
}

function figuresTables(f: Figures): (Paragraph | Table)[] {
  const current = periodLabel(f.period, 'vi');
  const previous = t('docx.previousPeriod', { period: periodLabel(f.previousPeriod, 'vi') });
  const compareHead = (first: string) => [t('docx.order'), first, current, previous, t('figures.change')];
  const compareRow = (i: number, label: string, g: Figure) => [String(i + 1), label, integer.format(g.value), integer.format(g.previous), formatChange(g)];
  let n = 0;
  const parts: (Paragraph | Table)[] = [
    ...dataTable(
      t('docx.tableKeyFigures', { n: ++n }),
      compareHead(t('docx.indicator')),
      KEY_FIGURES.map((k, i) => compareRow(i, t(`figures.${k}`), f.key[k])),
      [6, 38, 16, 16, 24],
    ),
    ...dataTable(
      t('docx.tableByKind', { n: ++n }),
      compareHead(t('docx.kind')),
      [...f.byKind.filter((k) => k.value > 0 || k.previous > 0).map((k, i) => compareRow(i, t(`enum.activityKind.${k.kind}`), k)), ['', t('docx.total'), integer.format(f.key.activitiesDone.value), integer.format(f.key.activitiesDone.previous), formatChange(f.key.activitiesDone)]],
      [6, 38, 16, 16, 24],
    ),
  ];
  if (f.byProvince.length) {
    parts.push(
      ...dataTable(
        t('docx.tableByProvince', { n: ++n }),
        [t('docx.order'), t('docx.province'), t('figures.activities'), t('figures.agreements')],
        f.byProvince.map((p, i) => [String(i + 1), province(p.provinceId)?.name ?? p.provinceId, integer.format(p.activities), integer.format(p.agreements)]),
        [8, 52, 20, 20],
      ),
    );
  }
  if (f.key.agreementsSigned.value > 0) {
    parts.push(
      ...dataTable(
        t('docx.tableAgreements', { n: ++n }),
        [t('docx.order'), t('docx.status'), t('figures.agreements')],
        [
          ...f.agreementsByStatus.filter((s) => s.value > 0).map((s, i) => [String(i + 1), t(`enum.agreementStatus.${s.status}`), integer.format(s.value)]),
          ['', t('docx.total'), integer.format(f.key.agreementsSigned.value)],
        ],
        [8, 62, 30],
      ),
    );
  }
  parts.push(bodyParagraph(t('docx.annexNote'), { italics: true }));
  return parts;
}

function signatureTable(report: ReportValues): Table {
  const left = [
    new Paragraph({ spacing: { before: 0, after: 0 }, children: [run(t('docx.recipients'), { size: 24, bold: true, italics: true })] }),
    ...recipientLines(report.recipients, t('docx.archive')).map((line) => new Paragraph({ spacing: { before: 0, after: 0 }, children: [run(line, { size: 22 })] })),
  ];
  const right = [
    centred((report.signerTitle || '...').toLocaleUpperCase('vi'), { size: 28, bold: true }),
    ...Array.from({ length: 4 }, () => centred('', { size: 28 })),
    centred(report.signerName || '', { size: 28, bold: true }),
  ];
  const half = Math.round(TEXT_WIDTH / 2);
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [half, TEXT_WIDTH - half],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({ width: { size: half, type: WidthType.DXA }, borders: NO_BORDERS, children: left }),
          new TableCell({ width: { size: TEXT_WIDTH - half, type: WidthType.DXA }, borders: NO_BORDERS, children: right }),
        ],
      }),
    ],
  });
}

export async function buildReportDocx(data: ReportDocumentData): Promise<Buffer> {
  const { report, figures } = data;
  // Mid-sentence the label starts lower case: "... kinh tế năm 2025".
  const label = periodLabel(figures.period, 'vi');
  const period = label.charAt(0).toLocaleLowerCase('vi') + label.slice(1);
  const body: (Paragraph | Table)[] = [
    headerTable(data),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 18 * PT, after: 0 }, children: [run(t('docx.title'), { size: 28, bold: true })] }),
    centred(t('docx.summary', { period }), { size: 28, bold: true }, 0),
    rule(Math.round(30 * MM), TEXT_WIDTH, 12 * PT),
    bodyParagraph(t('docx.intro', { mission: data.issuer, period })),
  ];
  REPORT_SECTIONS.forEach((section, index) => {
    body.push(sectionHeading(index, t(`enum.reportSection.${section}`)), ...narrative(report.sections[section]));
    if (section === 'mainResults') body.push(...figuresTables(figures));
  });
  body.push(new Paragraph({ spacing: { before: 0, after: 6 * PT }, children: [] }), signatureTable(report));

  const doc = new Document({
    creator: 'Cầu Nối',
    title: `${t('docx.title')} ${report.number}`.trim(),
    styles: { default: { document: { run: { font: FONT, size: BODY_SIZE, color: BLACK } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: PAGE, margin: { ...MARGIN, header: Math.round(10 * MM), footer: Math.round(10 * MM) } },
        },
        headers: {
          first: new Header({ children: [new Paragraph({ children: [] })] }),
          default: new Header({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: 26, color: BLACK })] })],
          }),
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
