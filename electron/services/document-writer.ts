/** A report's .docx written in a worker thread (workers/document-worker.ts), so the data thread answers other calls meanwhile. */
import { Worker } from 'node:worker_threads';
import type { ReportDocumentModel } from '../../shared/domain/report-document';
import { workerBundle } from '../workers/bundles';

export function writeReportDocx(model: ReportDocumentModel): Promise<Buffer> {
  const worker = new Worker(workerBundle('document-worker'), { workerData: { model } });
  return new Promise<Buffer>((resolve, reject) => {
    worker.once('message', (answer: { ok: true; bytes: Uint8Array } | { ok: false; message: string }) => {
      void worker.terminate();
      if (answer.ok) resolve(Buffer.from(answer.bytes.buffer, answer.bytes.byteOffset, answer.bytes.byteLength));
      else reject(new Error(`The .docx could not be written: ${answer.message}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The .docx writer stopped (exit ${code})`)));
  });
}
