import { z } from 'zod';
import type { Figures } from '../contract/figures';
import { isPeriodId } from '../period';
import type { RecordMeta } from './activity';
import { isoDate, multilineText, optionalText, requiredText } from './validation';

export const REPORT_STATUSES = ['draft', 'final'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** The narrative sections, in the order the report prints them (I. ... V.). */
export const REPORT_SECTIONS = ['generalSituation', 'mainResults', 'difficulties', 'proposals', 'nextTasks'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

/**
 * "5/BC-ĐSQ" -> "05/BC-ĐSQ": Nghị định 30 writes document numbers under 10 with a
 * leading zero. The symbol after the slash is free text (BC-ĐSQ, BC-TLSQ, ...).
 */
export function normalizeReportNumber(value: string): string {
  return value.replace(/^(\d)(?=\/)/, '0$1');
}

/** Narrative text keeps its paragraphs as typed (see multilineText). */
const narrativeText = multilineText(50000);

export const ReportFields = z.object({
  period: z.string().refine(isPeriodId, { error: 'invalid_period' }),
  number: optionalText(60).transform(normalizeReportNumber),
  place: optionalText(120),
  reportDate: isoDate.nullable().default(null),
  signerName: optionalText(120),
  signerTitle: optionalText(120),
  recipients: z.array(requiredText(300)).max(30).default([]),
  sections: z
    .object({
      generalSituation: narrativeText,
      mainResults: narrativeText,
      difficulties: narrativeText,
      proposals: narrativeText,
      nextTasks: narrativeText,
    } satisfies Record<ReportSection, unknown>)
    .prefault({}),
});
export type ReportInput = z.input<typeof ReportFields>;
export type ReportValues = z.output<typeof ReportFields>;

export const REPORT_FIELD_NAMES = [
  'period',
  'number',
  'place',
  'reportDate',
  'signerName',
  'signerTitle',
  'recipients',
  'sections',
] as const satisfies readonly (keyof ReportValues)[];

/** The issuing bodies a report's header names; frozen into the report when it is finalised. */
export const ReportHeaderFields = z.object({
  /** The governing body above the mission (cơ quan chủ quản), "Bộ Ngoại giao" unless the mission says otherwise. */
  superiorBody: requiredText(200),
  /** The mission itself (cơ quan ban hành), e.g. "Đại sứ quán Việt Nam tại Nhật Bản". */
  issuer: requiredText(200),
});
export type ReportHeader = z.output<typeof ReportHeaderFields>;

export interface Report extends ReportValues, RecordMeta {
  missionId: string;
  status: ReportStatus;
  /** Frozen when the report is final; null for a draft (its figures are computed live). */
  figures: Figures | null;
  /** The governing body and mission name it was signed under (frozen when final); null for a draft. */
  header: ReportHeader | null;
  finalisedAt: string | null;
}

/** A line of the report list. */
export interface ReportSummary {
  id: string;
  period: string;
  number: string;
  reportDate: string | null;
  status: ReportStatus;
  updatedAt: string;
  /** At HQ, the mission a report received in a batch came from; null for this computer's own. */
  received: { missionId: string; code: string; nameVi: string; nameEn: string } | null;
}

/** Day and month of the date line: "05" and "01"; Nghị định 30 pads days under 10 and months 1 and 2 only. */
export function dateLineParts(isoDate: string): { day: string; month: string; year: string } {
  const month = Number(isoDate.slice(5, 7));
  return { day: isoDate.slice(8, 10), month: month <= 2 ? isoDate.slice(5, 7) : String(month), year: isoDate.slice(0, 4) };
}

/** "Nơi nhận:" items, each "- ...;", ending with the archive line ("- Lưu: VT, ...") and a full stop. */
export function recipientLines(recipients: readonly string[], defaultArchive: string): string[] {
  const items = recipients.map((r) => r.trim().replace(/[;.,]+$/, '')).filter(Boolean);
  const archiveIndex = items.findIndex((r) => /^lưu\b/iu.test(r));
  const archive = archiveIndex >= 0 ? items.splice(archiveIndex, 1)[0]! : defaultArchive;
  return [...items.map((r) => `- ${r};`), `- ${archive}.`];
}
