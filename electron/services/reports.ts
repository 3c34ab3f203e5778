/** Report workflows over the store: suggested header values, finalising, generated documents. */
import type { Figures } from '../../shared/contract/figures';
import type { GeneratedFile, ReportDocumentFormat } from '../../shared/contract/reports';
import type { Report, ReportHeader, ReportSection, ReportValues } from '../../shared/domain/report';
import { buildConsolidatedModel, buildReportModel, type ReportDocumentModel } from '../../shared/domain/report-document';
import { AppError } from '../../shared/errors';
import { translate } from '../../shared/i18n';
import { foldText } from '../../shared/text';
import type { AppContext } from '../context';
import { computeFigures } from './figures';
import { localToday } from './partners';
import { composeConsolidated, consolidatedReportData, freezeConsolidated, thawConsolidated } from './hq-report';
import { composeSections } from './report-compose';
import { writeReportDocx } from './document-writer';
import { buildReportAnnex, readAnnexRows, type AnnexRows } from './report-xlsx';

/** Header values for a new report: the mission's city and head, today's date, HQ as recipient. */
export function reportDefaults(app: AppContext, period: string): ReportValues {
  const mission = app.missions.get(app.requireMissionId());
  const user = app.user();
  return {
    period,
    number: '',
    place: mission?.city ?? '',
    reportDate: localToday(),
    signerName: user?.role === 'head' ? user.name : '',
    signerTitle: mission ? translate('vi', `enum.signerTitle.${mission.kind}`) : '',
    recipients: [translate('vi', app.mode() === 'hq' ? 'hqReport.defaultRecipient' : 'reportDefaults.recipient')],
    sections: { generalSituation: '', mainResults: '', difficulties: '', proposals: '', nextTasks: '' },
  };
}

/** The missions a report counts: its own; at HQ, HQ's own report is the consolidated one (every mission). */
function figuresScope(app: AppContext, missionId: string): string | null {
  return app.mode() === 'hq' && missionId === app.missionId() ? null : missionId;
}

const SUPERIOR_BODY = 'mission.superiorBody';

/** The governing body this device's mission prints above its name ("Bộ Ngoại giao" unless changed). */
export function superiorBody(app: AppContext): string {
  return app.settings.get<string>(SUPERIOR_BODY) ?? translate('vi', 'reportDefaults.superiorBody');
}

export function setSuperiorBody(app: AppContext, value: string): void {
  app.settings.set(SUPERIOR_BODY, value);
}

/** The header this device's documents are written under now (HQ's digests). */
export function reportHeader(app: AppContext): ReportHeader {
  return currentHeader(app, app.requireMissionId());
}

/** The header a report is written under now: the mission's current name and governing body. */
function currentHeader(app: AppContext, missionId: string): ReportHeader {
  const mission = app.missions.get(missionId);
  if (!mission) throw new AppError('NOT_FOUND', `No mission ${missionId}`);
  return { superiorBody: superiorBody(app), issuer: mission.nameVi };
}

export function finaliseReport(app: AppContext, id: string): Report {
  const store = app.reports;
  const owner = store.missionOf(id);
  const missionId = figuresScope(app, owner);
  return store.finalise(
    id,
    currentHeader(app, owner),
    // HQ's report freezes the consolidated data with its total, so its document never drifts either.
    (report) =>
      missionId === null ? freezeConsolidated(consolidatedReportData(app, report.period)) : computeFigures(app.db, { period: report.period, missionId }),
    (figures) => readAnnexRows(app.db, figures),
  );
}

/** The figures a report prints: frozen when final, else its period's now (HQ's: the consolidated total). */
function reportFigures(app: AppContext, report: { period: string; figures?: Report['figures'] }, missionId: string): Figures {
  if (report.figures) return report.figures;
  const scope = figuresScope(app, missionId);
  return scope === null ? consolidatedReportData(app, report.period).figures.total : computeFigures(app.db, { period: report.period, missionId: scope });
}

type PrintedReport = ReportValues & { status?: Report['status']; figures?: Report['figures']; header?: Report['header'] };

/**
 * The model a report prints: a mission's report from its figures; HQ's own report, the
 * consolidated one, from the data of every mission (frozen with it when final).
 */
function documentModel(app: AppContext, report: PrintedReport, missionId: string): ReportDocumentModel {
  const header = report.header ?? currentHeader(app, missionId);
  if (figuresScope(app, missionId) === null) {
    const data = (report.figures && thawConsolidated(report.figures)) || consolidatedReportData(app, report.period);
    return buildConsolidatedModel({ report, data, header });
  }
  return buildReportModel({ report, figures: reportFigures(app, report, missionId), header });
}

/**
 * The document model of a saved report, or of a draft's values as being edited (the live
 * preview): the same model the .docx is written from.
 */
export function reportModel(app: AppContext, input: { id: string; values?: ReportValues }): ReportDocumentModel {
  const saved = app.reports.get(input.id);
  const missionId = app.reports.missionOf(input.id);
  const report = saved.status === 'draft' && input.values ? { ...input.values, status: saved.status, header: null, figures: null } : saved;
  return documentModel(app, report, missionId);
}

/** The model of a period's latest report, or of a blank one (HQ's card shows the consolidated report so). */
export function periodReportModel(app: AppContext, period: string): ReportDocumentModel {
  const { report, missionId } = periodReport(app, period);
  return documentModel(app, report, missionId);
}

/** The sections of a draft drafted from its period's figures ("Soạn từ số liệu"). */
export function composeReport(app: AppContext, input: { id: string; period: string }): Record<ReportSection, string> {
  const missionId = app.reports.missionOf(input.id);
  const scope = figuresScope(app, missionId);
  if (scope === null) return composeConsolidated(app, consolidatedReportData(app, input.period));
  const figures = computeFigures(app.db, { period: input.period, missionId: scope });
  return composeSections(app.db, figures, currentHeader(app, missionId).issuer);
}

/** A final report's annex lists the rows kept when it was finalised here; others read them now. */
function annexRows(app: AppContext, report: { id?: string; figures?: Report['figures'] }, figures: Figures): AnnexRows {
  const kept = report.id && report.figures ? app.reports.annexOf(report.id) : undefined;
  return kept ? (JSON.parse(kept) as AnnexRows) : readAnnexRows(app.db, figures);
}

const MIME: Record<ReportDocumentFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** "BaoCao-2025S1-05-BC-DSQ.docx": ASCII, so every mail system and file system keeps it. */
function fileName(prefix: string, report: ReportValues, format: ReportDocumentFormat): string {
  const number = foldText(report.number)
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${[prefix, report.period, number].filter(Boolean).join('-')}.${format}`;
}

/**
 * The period's latest saved report of this device's mission, or a blank one with the period's
 * defaults (at HQ, the missions' own reports received in batches are theirs, not HQ's).
 */
function periodReport(app: AppContext, period: string): { report: PrintedReport; missionId: string } {
  const own = app.requireMissionId();
  const latest = app.reports.list({ period }).find((r) => r.received === null);
  return { report: latest ? app.reports.get(latest.id) : reportDefaults(app, period), missionId: own };
}

/**
 * The .docx or .xlsx of a saved report (frozen figures when final), or of the period's
 * latest report, or of a blank report for the period when none is saved.
 */
export async function reportDocument(
  app: AppContext,
  input: { id?: string; period?: string; format: ReportDocumentFormat },
  progress: (done: number, total: number) => void = () => {},
): Promise<GeneratedFile> {
  const { report, missionId } = input.id ? { report: app.reports.get(input.id), missionId: app.reports.missionOf(input.id) } : periodReport(app, input.period!);
  progress(0, 1);
  const annex = async () => {
    const figures = reportFigures(app, report, missionId);
    return buildReportAnnex(annexRows(app, report, figures), figures, report);
  };
  const bytes = input.format === 'docx' ? await writeReportDocx(documentModel(app, report, missionId)) : await annex();
  progress(1, 1);
  return {
    fileName: fileName(input.format === 'docx' ? 'BaoCao' : 'PhuLuc', report, input.format),
    mimeType: MIME[input.format],
    base64: bytes.toString('base64'),
  };
}
