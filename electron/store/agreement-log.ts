/** The dated implementation log of agreements: entity 'agreement-log', one record per entry. */
import type { Db } from '../db/open';
import { AGREEMENT_LOG_FIELD_NAMES, type AgreementLogEntry, type AgreementLogValues } from '../../shared/domain/agreement';
import { AppError } from '../../shared/errors';
import type { AgreementStore } from './agreements';
import { RecordTable, type DbRecordRow } from './record-table';
import type { SearchIndex } from './search-index';
import type { Writer } from './writer';

export class AgreementLogStore extends RecordTable<AgreementLogValues> {
  private readonly forAgreement;

  constructor(
    db: Db,
    writer: Writer,
    searchIndex: SearchIndex,
    missionId: () => string,
    private readonly agreements: AgreementStore,
  ) {
    super(db, writer, searchIndex, missionId, {
      entity: 'agreement-log',
      table: 'agreement_log',
      fields: AGREEMENT_LOG_FIELD_NAMES,
      defaults: { agreementId: '', entryDate: '', text: '' },
    });
    this.forAgreement = db.prepare(`SELECT * FROM agreement_log WHERE agreement_id = ? AND deleted_at IS NULL ORDER BY entry_date DESC, id DESC`);
  }

  protected override checkReferences(_values: AgreementLogValues, changed: Partial<AgreementLogValues>): void {
    if (changed.agreementId && this.agreements.find(changed.agreementId)?.deletedAt !== null) {
      throw new AppError('VALIDATION', 'The log entry names an unknown agreement', { fields: [{ path: 'agreementId', code: 'invalid_id' }] });
    }
  }

  entries(agreementId: string): AgreementLogEntry[] {
    return (this.forAgreement.all(agreementId) as DbRecordRow[]).map((r) => this.fromRow(r));
  }
}
