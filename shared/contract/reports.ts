import { z } from 'zod';
import { ReportFields } from '../domain/report';
import type { Report, ReportSection, ReportSummary, ReportValues } from '../domain/report';
import type { ReportDocumentModel } from '../domain/report-document';
import { recordId } from '../domain/validation';
import { channel } from './define';
import { periodId } from './figures';

const ById = z.object({ id: recordId });

export const REPORT_DOCUMENT_FORMATS = ['docx', 'xlsx'] as const;
export type ReportDocumentFormat = (typeof REPORT_DOCUMENT_FORMATS)[number];

/** A generated file, carried as base64 so both transports (IPC, HTTP) can hand it over. */
export interface GeneratedFile {
  fileName: string;
  mimeType: string;
  base64: string;
}

export const ReportDocumentInput = z
  .object({
    /** A saved report; without it, the period's latest report, or a blank one for the period. */
    id: recordId.optional(),
    period: periodId.optional(),
    format: z.enum(REPORT_DOCUMENT_FORMATS),
  })
  .refine((i) => i.id !== undefined || i.period !== undefined, { error: 'required', path: ['period'] });

export const reportChannels = {
  'report.list': channel(z.object({ period: periodId.optional() }).default({})).returns<ReportSummary[]>(),
  'report.get': channel(ById).returns<Report>(),
  /** Suggested header values for a new report of a period (place, date, signer, recipients). */
  'report.defaults': channel(z.object({ period: periodId })).returns<ReportValues>(),
  'report.create': channel(ReportFields).returns<Report>(),
  'report.update': channel(z.object({ id: recordId, values: ReportFields })).returns<Report>(),
  'report.finalise': channel(ById).returns<Report>(),
  'report.delete': channel(ById).returns<{ id: string; deletedAt: string }>(),
  'report.document': channel(ReportDocumentInput, { long: true }).returns<GeneratedFile>(),
  /** The document as it prints (the model the .docx is written from); a draft's values as being edited when given. */
  'report.model': channel(z.object({ id: recordId, values: ReportFields.optional() })).returns<ReportDocumentModel>(),
  /** A draft's sections drafted from the figures of a period ("Soạn từ số liệu"); nothing is saved. */
  'report.compose': channel(z.object({ id: recordId, period: periodId })).returns<Record<ReportSection, string>>(),
};
