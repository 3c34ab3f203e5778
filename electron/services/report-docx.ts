/**
 * The report's document model (shared/domain/report-document.ts) written as a .docx in the
 * layout of Nghị định 30/2020/NĐ-CP, Phụ lục I (DESIGN.md): A4 portrait, Times New Roman,
 * the governing and issuing bodies and the number on the left, the national motto on the
 * right, the place/date line, "BÁO CÁO" with its summary line, numbered sections with the
 * figures tables, page numbers at the top from page 2, the signature and recipients blocks;
 * "DỰ THẢO" above the header while the report is a draft.
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
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { DocBlock, DocTable, ReportDocumentModel } from '../../shared/domain/report-document';
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

interface RunStyle {
  size?: number;
  bold?: boolean;
  italics?: boolean;
}

/**
 * Font, colour and body size are the document's defaults: a run states only how it differs.
 * HQ's report has thousands of table cells, and the .docx writer's time grows with every
 * element written (2,700 rows: 3.2 s with them on every run).
 */
function run(text: string, style: RunStyle = {}): TextRun {
  return new TextRun({
    text,
    size: style.size === BODY_SIZE ? undefined : style.size,
    bold: style.bold || undefined,
    italics: style.italics || undefined,
  });
}

/** The paragraph style of table cells (12 pt, no spacing), written once in styles.xml. */
const TABLE_TEXT = 'TableText';
/** Cell margins, set once per table. */
const CELL_MARGINS = { top: 40, bottom: 40, left: 80, right: 80 };

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
    borders: options.borders === false ? NO_BORDERS : undefined,
    shading: options.shade ? { fill: 'F2F2F2' } : undefined,
    children,
  });
}

function headerTable(model: ReportDocumentModel): Table {
  const { header } = model;
  const left = [
    ...(header.superiorBody ? [centred(header.superiorBody, { size: 26 })] : []),
    centred(header.issuer, { size: 26, bold: true }),
    rule(Math.round(LEFT_COLUMN / 3), LEFT_COLUMN, 80),
    ...(header.number ? [centred(header.number, { size: 26 })] : []),
  ];
  const right = [
    centred(header.nation, { size: 24, bold: true }),
    centred(header.motto, { size: 26, bold: true }),
    rule(boldTextWidth(header.motto, 26), RIGHT_COLUMN, 160),
    centred(header.dateLine, { size: 26, italics: true }),
  ];
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [LEFT_COLUMN, RIGHT_COLUMN],
    layout: TableLayoutType.FIXED,
    margins: CELL_MARGINS,
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell(left, LEFT_COLUMN, { borders: false }), cell(right, RIGHT_COLUMN, { borders: false })] })],
  });
}

/** "DỰ THẢO" in a box at the top right, where a reader looks first. */
function draftMark(text: string): Paragraph {
  const box: IBorderOptions = { style: BorderStyle.SINGLE, size: 8, color: BLACK, space: 2 };
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 0, after: 4 * PT },
    border: { top: box, bottom: box, left: box, right: box },
    indent: { left: TEXT_WIDTH - Math.round(28 * MM) },
    children: [run(text, { size: 26, bold: true })],
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

function sectionHeading(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: Math.round(12.7 * MM) },
    spacing: { before: 6 * PT, after: 6 * PT, line: 288 },
    keepNext: true,
    children: [run(text, { bold: true })],
  });
}

/**
 * A data table's body rows are written by the docx library once per table and kind (the plain
 * row, the bold total row), with a marker for each cell's text, and repeated in word/document.xml
 * for every row with its texts (expandRows). The library builds and serialises some twenty
 * objects per cell: HQ's consolidated report, 25,000 rows, took it 9.5 s (a third of it garbage
 * collection) and 1.9 GB. The rows' elements and properties stay the library's; only the text of
 * each cell's <w:t> is put in here, escaped as the library escapes it. A row has a cell per
 * heading, as the model builds its tables.
 */
interface RowTemplate {
  rows: readonly (readonly string[])[];
}

/** Private-use characters around a template's number and column: text a report does not hold. */
const MARK = '\uE000';
const markerOf = (template: number, column: number) => `${MARK}${template}.${column}${MARK}`;

function dataTable({ caption, head, rows, widths, numeric, total }: DocTable, templates: RowTemplate[]): (Paragraph | Table)[] {
  const sum = widths.reduce((a, b) => a + b, 0);
  const scaled = widths.map((w) => Math.round((w / sum) * TEXT_WIDTH));
  const para = (text: string, bold: boolean, align: (typeof AlignmentType)[keyof typeof AlignmentType]) =>
    new Paragraph({ style: TABLE_TEXT, alignment: align, children: [run(text, { bold })] });
  const align = (i: number) => (numeric[i] ? AlignmentType.RIGHT : i === 0 ? AlignmentType.CENTER : AlignmentType.LEFT);
  const plain = total ? rows.slice(0, -1) : rows;
  const kinds = [
    { rows: plain, bold: false },
    { rows: total ? rows.slice(-1) : [], bold: true },
  ].filter((kind) => kind.rows.length > 0);
  const templateRow = (kind: (typeof kinds)[number]) => {
    const index = templates.push({ rows: kind.rows }) - 1;
    return new TableRow({
      cantSplit: true,
      children: head.map((_, i) => cell([para(markerOf(index, i), kind.bold, align(i))], scaled[i]!)),
    });
  };
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 6 * PT, after: 4 * PT },
      keepNext: true,
      children: [run(caption, { size: 26, bold: true })],
    }),
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: scaled,
      layout: TableLayoutType.FIXED,
      margins: CELL_MARGINS,
      rows: [
        new TableRow({ tableHeader: true, children: head.map((h, i) => cell([para(h, true, AlignmentType.CENTER)], scaled[i]!, { shade: true })) }),
        ...kinds.map(templateRow),
      ],
    }),
    new Paragraph({ spacing: { before: 0, after: 6 * PT }, children: [] }),
  ];
}

/** XML text as the docx library writes it: the five entities, control characters dropped. */
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };
// eslint-disable-next-line no-control-regex
const escapeXml = (text: string) => text.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (ch) => XML_ESCAPES[ch] ?? '');

/** word/document.xml with each template row (<w:tr>…</w:tr>, in document order) repeated for its rows. */
function expandRows(xml: string, templates: readonly RowTemplate[]): string {
  const out: string[] = [];
  let from = 0;
  templates.forEach((template, index) => {
    const at = xml.indexOf(markerOf(index, 0), from);
    const start = xml.lastIndexOf('<w:tr>', at);
    const end = xml.indexOf('</w:tr>', at) + '</w:tr>'.length;
    if (at < 0 || start < from) throw new Error(`Table row template ${index} not found in the document`);
    // "<w:tr>…M0…M1…</w:tr>" → static parts ["<w:tr>…", "…", "…</w:tr>"] and the columns between them.
    const pieces = xml.slice(start, end).split(new RegExp(`${MARK}${index}\\.(\\d+)${MARK}`));
    out.push(xml.slice(from, start));
    for (const row of template.rows) {
      out.push(pieces[0]!);
      for (let p = 1; p < pieces.length; p += 2) out.push(escapeXml(row[Number(pieces[p])] ?? ''), pieces[p + 1]!);
    }
    from = end;
  });
  out.push(xml.slice(from));
  return out.join('');
}

function block(b: DocBlock, templates: RowTemplate[]): (Paragraph | Table)[] {
  return b.kind === 'table' ? dataTable(b.table, templates) : [bodyParagraph(b.text, { italics: b.italics })];
}

function signatureTable(model: ReportDocumentModel, signer: NonNullable<ReportDocumentModel['signer']>): Table {
  const left = [
    new Paragraph({ spacing: { before: 0, after: 0 }, children: [run(model.recipientsLabel, { size: 24, bold: true, italics: true })] }),
    ...model.recipients.map((line) => new Paragraph({ spacing: { before: 0, after: 0 }, children: [run(line, { size: 22 })] })),
  ];
  const right = [
    centred(signer.title, { size: 28, bold: true }),
    ...Array.from({ length: 4 }, () => centred('', { size: 28 })),
    centred(signer.name, { size: 28, bold: true }),
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

export async function buildReportDocx(model: ReportDocumentModel): Promise<Buffer> {
  const templates: RowTemplate[] = [];
  const body: (Paragraph | Table)[] = [
    ...(model.draftMark ? [draftMark(model.draftMark)] : []),
    headerTable(model),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 18 * PT, after: 0 }, children: [run(model.title, { size: 28, bold: true })] }),
    centred(model.summary, { size: 28, bold: true }, 0),
    // Nghị định 30: the rule under the summary is a third to a half of its line.
    rule(Math.round(boldTextWidth(model.summary, 28) * 0.4), TEXT_WIDTH, 12 * PT),
  ];
  for (const section of model.sections) {
    if (section.heading) body.push(sectionHeading(section.heading));
    body.push(...section.blocks.flatMap((b) => block(b, templates)));
  }
  if (model.signer) body.push(new Paragraph({ spacing: { before: 0, after: 6 * PT }, children: [] }), signatureTable(model, model.signer));

  const doc = new Document({
    creator: 'Cầu Nối',
    title: [model.title, model.draftMark].filter(Boolean).join(' '),
    styles: {
      default: { document: { run: { font: FONT, size: BODY_SIZE, color: BLACK } } },
      paragraphStyles: [{ id: TABLE_TEXT, name: 'Table text', run: { size: 24 }, paragraph: { spacing: { before: 0, after: 0 } } }],
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: PAGE, margin: { ...MARGIN, header: Math.round(10 * MM), footer: Math.round(10 * MM) } },
        },
        headers: {
          first: new Header({ children: [new Paragraph({ children: [] })] }),
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT], size: 26 })],
              }),
            ],
          }),
        },
        children: body,
      },
    ],
  });
  // The library gives the package only zipped: its document.xml is taken out, expanded, zipped again with the rest.
  const files = unzipSync(await Packer.toBuffer(doc));
  files['word/document.xml'] = strToU8(expandRows(strFromU8(files['word/document.xml']!), templates));
  const zip = zipSync(files);
  return Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
}
