/**
 * Reports (báo cáo): entity 'report'. A draft is edited freely; finalising freezes the
 * figures computed at that moment into the record, and a final report is not edited again
 * (it travels to HQ as it was signed).
 */
import type { Db } from '../db/open';
import type { Figures } from '../../shared/contract/figures';
import { REPORT_FIELD_NAMES, type Report, type ReportHeader, type ReportStatus, type ReportSummary, type ReportValues } from '../../shared/domain/report';
import { AppError } from '../../shared/errors';
import { RecordTable, whereClause, type DbRecordRow } from './record-table';
import type { SearchIndex } from './search-index';
import type { WriteContext, Writer } from './writer';

export type ReportRecordValues = ReportValues & { status: ReportStatus; figures: Figures | null; header: ReportHeader | null; finalisedAt: string | null };

const FIELDS = [...REPORT_FIELD_NAMES, 'status', 'figures', 'header', 'finalisedAt'] as const satisfies readonly (keyof ReportRecordValues)[];

export class ReportStore extends RecordTable<ReportRecordValues> {
  private readonly missionOfStmt;
  private readonly saveAnnex;
  private readonly annexStmt;

  constructor(db: Db, writer: Writer, searchIndex: SearchIndex, missionId: () => string) {
    super(db, writer, searchIndex, missionId, {
      entity: 'report',
      table: 'reports',
      fields: FIELDS,
      jsonFields: ['recipients', 'sections', 'figures', 'header'],
      defaults: {
        period: '',
        number: '',
        place: '',
        reportDate: null,
        signerName: '',
        signerTitle: '',
        recipients: [],
        sections: { generalSituation: '', mainResults: '', difficulties: '', proposals: '', nextTasks: '' },
        status: 'draft',
        figures: null,
        header: null,
        finalisedAt: null,
      },
    });
    this.missionOfStmt = db.prepare(`SELECT mission_id FROM reports WHERE id = ?`).pluck();
    this.saveAnnex = db.prepare(`INSERT INTO report_annexes (report_id, rows) VALUES (?, ?) ON CONFLICT(report_id) DO UPDATE SET rows = excluded.rows`);
    this.annexStmt = db.prepare(`SELECT rows FROM report_annexes WHERE report_id = ?`).pluck();
  }

  override fromRow(row: DbRecordRow): Report {
    const record = super.fromRow(row);
    // A draft's figures and header columns hold the JSON of "none"; only a final report carries them.
    const final = record.status === 'final';
    const header = final && record.header && !Array.isArray(record.header) ? record.header : null;
    return { ...record, figures: final ? record.figures : null, header } as Report;
  }

  override get(id: string): Report {
    return super.get(id) as Report;
  }

  missionOf(id: string): string {
    this.get(id);
    return this.missionOfStmt.get(id) as string;
  }

  createDraft(values: ReportValues): Report {
    return this.create({ ...values, status: 'draft', figures: null, header: null, finalisedAt: null }) as Report;
  }

  updateDraft(id: string, values: ReportValues): Report {
    return this.writer.write((ctx) => {
      const before = this.editable(id);
      return this.updateIn(ctx, id, { ...values, status: before.status, figures: null, header: null, finalisedAt: null }) as Report;
    });
  }

  /**
   * Marks the report final with the figures computed now and the header it is signed under,
   * and keeps the rows behind the figures (annex), all inside the same transaction.
   */
  finalise(id: string, header: ReportHeader, figures: (report: Report) => Figures, annex: (figures: Figures) => unknown): Report {
    return this.writer.write((ctx: WriteContext) => {
      const before = this.editable(id);
      const frozen = figures(before);
      this.saveAnnex.run(id, JSON.stringify(annex(frozen)));
      return this.updateIn(ctx, id, { ...before, status: 'final', figures: frozen, header, finalisedAt: ctx.now }) as Report;
    });
  }

  /** The annex rows kept when this device finalised the report (JSON), if it did. */
  annexOf(id: string): string | undefined {
    return this.annexStmt.get(id) as string | undefined;
  }

  deleteDraft(id: string): { id: string; deletedAt: string } {
    this.editable(id);
    return this.delete(id);
  }

  /** This computer's reports and, at HQ, the missions' reports received in batches (with their mission). */
  list(filter: { period?: string }): ReportSummary[] {
    const where = whereClause([{ sql: 'r.deleted_at IS NULL', params: [] }, filter.period ? { sql: 'r.period = ?', params: [filter.period] } : null]);
    const rows = this.db
      .prepare(
        `SELECT r.id, r.period, r.number, r.report_date AS reportDate, r.status, r.updated_at AS updatedAt,
                r.mission_id AS missionId, CASE WHEN r.mission_id = ? THEN NULL ELSE m.code END AS code, m.name_vi AS nameVi, m.name_en AS nameEn
         FROM reports r LEFT JOIN missions m ON m.id = r.mission_id ${where.sql} ORDER BY r.period DESC, r.updated_at DESC`,
      )
      .all(this.missionId(), ...where.params) as (Omit<ReportSummary, 'received'> & {
      missionId: string;
      code: string | null;
      nameVi: string;
      nameEn: string;
    })[];
    return rows.map(({ missionId, code, nameVi, nameEn, ...r }) => ({ ...r, received: code === null ? null : { missionId, code, nameVi, nameEn } }));
  }

  /** A draft of this computer's mission: a final report, or one received from a mission, is never changed here. */
  private editable(id: string): Report {
    const report = this.getLive(id) as Report;
    if (report.status === 'final') throw new AppError('REPORT_FINAL', `Report ${id} is final and can no longer be changed`);
    if (this.missionOfStmt.get(id) !== this.missionId()) throw new AppError('REPORT_RECEIVED', `Report ${id} was received from a mission and is read only`);
    return report;
  }
}
