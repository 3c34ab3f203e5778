/** Report workflows over the store: suggested header values, finalising, generated documents. */
import type { Figures } from '../../shared/contract/figures';
import type { GeneratedFile, ReportDocumentFormat } from '../../shared/contract/reports';
import type { Report, ReportValues } from '../../shared/domain/report';
import { AppError } from '../../shared/errors';
import { translate } from '../../shared/i18n';
import { foldText } from '../../shared/text';
import type { AppContext } from '../context';
import { computeFigures } from './figures';
import { localToday } from './partners';
import { buildReportDocx } from './report-docx';
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
    recipients: [translate('vi', 'reportDefaults.recipient')],
    sections: { generalSituation: '', mainResults: '', difficulties: '', proposals: '', nextTasks: '' },
  };
}

/** The missions a report counts: its own; at HQ, HQ's own report is the consolidated one (every mission). */
function figuresScope(app: AppContext, missionId: string): string | null {
  return app.mode() === 'hq' && missionId === app.missionId() ? null : missionId;
}

export function finaliseReport(app: AppContext, id: string): Report {
  const store = app.reports;
  const missionId = figuresScope(app, store.missionOf(id));
  return store.finalise(id, (report) => computeFigures(app.db, { period: report.period, missionId }), (figures) => readAnnexRows(app.db, figures));
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
  const number = foldText(report.number).toUpperCase().replace(/[^A-Z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `${[prefix, report.period, number].filter(Boolean).join('-')}.${format}`;
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
  const store = app.reports;
  let report: ReportValues & { figures?: Report['figures'] };
  let missionId: string;
  if (input.id) {
    report = store.get(input.id);
    missionId = store.missionOf(input.id);
  } else {
    const latest = store.list({ period: input.period })[0];
    report = latest ? store.get(latest.id) : reportDefaults(app, input.period!);
    missionId = latest ? store.missionOf(latest.id) : app.requireMissionId();
  }
  progress(0, 2);
  const figures = report.figures ?? computeFigures(app.db, { period: report.period, missionId: figuresScope(app, missionId) });
  progress(1, 2);
  const mission = app.missions.get(missionId);
  if (!mission) throw new AppError('NOT_FOUND', `No mission ${missionId}`);
  const bytes =
    input.format === 'docx'
      ? await buildReportDocx({ report, figures, issuer: mission.nameVi })
      : await buildReportAnnex(annexRows(app, report, figures), figures);
  progress(2, 2);
  return {
    fileName: fileName(input.format === 'docx' ? 'BaoCao' : 'PhuLuc', report, input.format),
    mimeType: MIME[input.format],
    base64: bytes.toString('base64'),
  };
}
