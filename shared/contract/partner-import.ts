import { ImportInput, type ImportPreview, type ImportSummary } from '../domain/partner-import';
import { channel } from './define';

/**
 * Import of organisations and contacts. The file travels with both calls: preview reads
 * it and writes nothing; commit reads it again with the confirmed mapping and writes it
 * in one transaction.
 */
export const partnerImportChannels = {
  'partnerImport.preview': channel(ImportInput).returns<ImportPreview>(),
  'partnerImport.commit': channel(ImportInput, { long: true }).returns<ImportSummary>(),
};
