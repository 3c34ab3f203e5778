/**
 * Child process of the crash-safety test (bundled with esbuild by the test): writes batches
 * forever, each in one transaction, and reports each batch once committed. The test kills
 * it with SIGKILL at a random moment.
 *   activities: batches of activities written by the store directly
 *   import: partner files imported through the contract (a backup is taken before each)
 */
import fs from 'node:fs';
import { AppContext } from '../../electron/context';
import { dispatch } from '../../electron/ipc/dispatch';
import { EMPTY_ACTIVITY, type ActivityValues } from '../../shared/domain/activity';

const [dataDir, key, size, mode] = process.argv.slice(2) as [string, string, string, 'activities' | 'import'];
const perBatch = Number(size);
const app = new AppContext({ dataDir, transport: 'cli', appVersion: 'crash-worker', key });
if (app.problem) throw app.problem;
const filler = 'Nội dung dài để mỗi giao dịch ghi nhiều trang. '.repeat(40);
const table = mode === 'import' ? 'organisations' : 'activities';
let batch = Math.floor((app.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number) / perBatch);

async function writeBatch(): Promise<void> {
  if (mode === 'import') {
    const rows = Array.from({ length: perBatch }, (_, i) => `crash-b${batch}-o${i},Japan,${filler.slice(0, 200)}`).join('\n');
    const result = await dispatch(app, 'partnerImport.commit', {
      fileName: 'doi-tac.csv',
      dataBase64: Buffer.from(`Organisation,Country,Notes\n${rows}\n`).toString('base64'),
    });
    if (!result.ok) throw new Error(result.error.code);
    return;
  }
  const values: ActivityValues[] = [];
  for (let i = 0; i < perBatch; i++) {
    values.push({
      ...EMPTY_ACTIVITY,
      title: `crash-b${batch}-i${i}`,
      kind: 'trade-promotion',
      startDate: '2025-03-01',
      outcomes: filler,
      sectors: ['energy'],
      provinces: ['da-nang'],
    });
  }
  app.activities.createMany(values);
}

async function main(): Promise<void> {
  fs.writeSync(1, 'ready\n');
  for (;;) {
    await writeBatch();
    fs.writeSync(1, `committed ${batch}\n`);
    batch++;
  }
}
void main();
