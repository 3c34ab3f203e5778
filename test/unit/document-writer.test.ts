/**
 * A report's .docx is written in a worker thread (services/document-writer.ts): the same
 * document as the writer gives in the calling thread, while that thread keeps answering (the
 * data thread serves every other call; HQ's report with thousands of rows took it seconds).
 */
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import { writeReportDocx } from '../../electron/services/document-writer';
import { buildReportDocx } from '../../electron/services/report-docx';
import type { ReportDocumentModel } from '../../shared/domain/report-document';
import { call, openContext, setUpMission } from '../support/context';

let app: AppContext | undefined;
afterEach(() => app?.close());

/** A mission's report model with a table of `rows` agreements, as HQ's report lists them. */
async function bigModel(rows: number): Promise<ReportDocumentModel> {
  app = await setUpMission(openContext(), 'head');
  const defaults = await call(app, 'report.defaults', { period: '2025S1' });
  const report = await call(app, 'report.create', { ...defaults, reportDate: '2026-01-05', signerTitle: 'Đại sứ', recipients: ['Bộ Ngoại giao'] });
  const model = await call(app, 'report.model', { id: report.id });
  const table = {
    caption: 'Bảng 6. Thỏa thuận ký kết cho các địa phương',
    head: ['TT', 'Thỏa thuận', 'Ngày ký', 'Địa phương', 'Đối tác', 'CQĐD', 'Giá trị (USD)'],
    rows: Array.from({ length: rows }, (_, i) => [
      String(i + 1),
      `Biên bản ghi nhớ hợp tác số ${i}`,
      '20/05/2025',
      'Huế',
      `Đối tác ${i}`,
      'DSQ-JP',
      '1.500.000',
    ]),
    widths: [5, 30, 12, 12, 20, 9, 12],
    numeric: [false, false, false, false, false, false, true],
    total: false,
  };
  model.sections[1]!.blocks.push({ kind: 'table', table });
  return model;
}

/** The longest time the calling thread went without a turn while `work` ran, and its result. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ stall: number; value: T }> {
  let last = performance.now();
  let stall = 0;
  let running = true;
  const turn = () => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
    if (running) setImmediate(turn);
  };
  setImmediate(turn);
  const value = await work();
  running = false;
  // A stretch with no turn at all, up to the end, counts too.
  return { stall: Math.max(stall, performance.now() - last), value };
}

const documentXml = (bytes: Buffer) => strFromU8(unzipSync(bytes)['word/document.xml']!);

describe('the .docx writer thread', () => {
  it('writes the document the writer gives in this thread, and leaves this thread free meanwhile', async () => {
    const model = await bigModel(1500);
    const here = await longestStall(() => buildReportDocx(model));
    const inWorker = await longestStall(() => writeReportDocx(model));
    expect(documentXml(inWorker.value)).toBe(documentXml(here.value));
    // Here the XML is built in one synchronous stretch; the worker's thread only posts the bytes back.
    expect(inWorker.stall).toBeLessThan(here.stall / 3);
  });
});
