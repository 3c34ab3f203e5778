/**
 * Child process of the crash-safety test (bundled with esbuild by the test): writes batches
 * of activities forever, each in one transaction, and reports each batch once committed.
 * The test kills it with SIGKILL at a random moment.
 */
import fs from 'node:fs';
import { AppContext } from '../../electron/context';
import { EMPTY_ACTIVITY, type ActivityValues } from '../../shared/domain/activity';

const [dataDir, key, size] = process.argv.slice(2) as [string, string, string];
const perBatch = Number(size);
const app = new AppContext({ dataDir, transport: 'cli', appVersion: 'crash-worker', key });
if (app.problem) throw app.problem;
const filler = 'Nội dung dài để mỗi giao dịch ghi nhiều trang. '.repeat(40);
let batch = Math.floor((app.db.prepare(`SELECT count(*) FROM activities`).pluck().get() as number) / perBatch);
fs.writeSync(1, 'ready\n');
for (;;) {
  const values: ActivityValues[] = [];
  for (let i = 0; i < perBatch; i++) {
    values.push({ ...EMPTY_ACTIVITY, title: `crash-b${batch}-i${i}`, kind: 'trade-promotion', startDate: '2025-03-01', outcomes: filler, sectors: ['energy'], provinces: ['da-nang'] });
  }
  app.activities.createMany(values);
  fs.writeSync(1, `committed ${batch}\n`);
  batch++;
}
