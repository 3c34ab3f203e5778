import { z } from 'zod';
import { IMPORT_TEMPLATE_ENTITIES, RecordImportInput, type RecordImportPreview, type RecordImportSummary } from '../domain/record-import';
import { channel } from './define';

/**
 * Import of activities or agreements from a sheet. The file travels with both calls: preview
 * reads it (with the corrections typed so far) and writes nothing; commit reads it again with
 * the confirmed mapping and corrections and writes the new records in one transaction.
 */
export const recordImportChannels = {
  'recordImport.preview': channel(RecordImportInput).returns<RecordImportPreview>(),
  'recordImport.commit': channel(RecordImportInput, { long: true }).returns<RecordImportSummary>(),
  /** The template workbook (.xlsx) of any import, partners' too: the columns the import reads and a filled example row. */
  'recordImport.template': channel(z.object({ entity: z.enum(IMPORT_TEMPLATE_ENTITIES) })).returns<{ fileName: string; base64: string }>(),
};
