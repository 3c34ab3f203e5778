/**
 * Worker entry (bundled to dist/electron/document-worker.cjs): writes one report .docx from its
 * document model (services/document-writer.ts). The .docx writer builds its XML synchronously:
 * HQ's consolidated report, thousands of table rows, took the data thread 1–11 s during which
 * no other call was answered.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ReportDocumentModel } from '../../shared/domain/report-document';
import { buildReportDocx } from '../services/report-docx';
import { runInBackground } from './priority';

runInBackground();

const { model } = workerData as { model: ReportDocumentModel };
buildReportDocx(model).then(
  (bytes) => parentPort!.postMessage({ ok: true, bytes: new Uint8Array(bytes) }),
  (error: Error) => parentPort!.postMessage({ ok: false, message: error.message }),
);
