/** `hq report` and `hq digest` (docs/cli.md#hq-report-and-hq-digest): HQ's consolidated report and the locality digests. */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { PROVINCES } from '../../shared/reference';
import { foldText } from '../../shared/text';

type Call = <C extends ChannelName>(channel: C, input: ChannelInput<C>) => Promise<ChannelOutput<C>>;
type Print = (json: boolean, value: unknown, text: () => string) => void;

/** A locality by its id ("hue") or its name typed any way ("Hue", "Thành phố Huế"), former names included. */
export function localityId(given: string): string {
  const folded = foldText(given)
    .replace(/^(thanh pho|tp\.?|tinh)\s+/, '')
    .trim();
  const found = PROVINCES.find((p) => p.id === given || [p.name, ...p.formerNames].some((n) => foldText(n) === folded));
  if (!found)
    throw new AppError('VALIDATION', `Not one of the 34 provincial units: ${given} (ids: resources/reference/provinces.json)`, {
      fields: [{ path: 'locality', code: 'invalid_choice' }],
    });
  return found.id;
}

function write(out: string, base64: string): string {
  const target = path.resolve(out);
  fs.writeFileSync(target, Buffer.from(base64, 'base64'));
  return target;
}

export function addHqReportCommands(hq: Command, call: Call, print: Print): void {
  hq.command('report')
    .description("the consolidated report of a period as .docx (the period's saved report at HQ, else a blank draft marked DỰ THẢO)")
    .requiredOption('--period <period>', 'e.g. 2026S1')
    .requiredOption('--out <file>', 'the .docx to write')
    .option('--json', 'print { path, fileName, model } (the document model the file is written from)')
    .action(async (o: { period: string; out: string; json?: boolean }) => {
      const file = await call('hq.report.document', { period: o.period });
      const written = write(o.out, file.base64);
      const model = o.json ? await call('hq.report.model', { period: o.period }) : null;
      print(Boolean(o.json), { path: written, fileName: file.fileName, model }, () => `Wrote ${written}`);
    });
  hq.command('digest')
    .description('everything the missions did for one locality in a period, as .docx or .xlsx (by the file name), to send to it')
    .requiredOption('--locality <code>', 'the unit: its id (hue, ho-chi-minh…) or its name')
    .requiredOption('--period <period>', 'e.g. 2026S1')
    .requiredOption('--out <file>', 'FILE.docx or FILE.xlsx')
    .option('--date <date>', 'the day the .docx is dated (yyyy-MM-dd; default: today)')
    .option('--json', 'print { path, fileName }')
    .action(async (o: { locality: string; period: string; out: string; date?: string; json?: boolean }) => {
      const format = path.extname(o.out).toLowerCase().slice(1);
      if (format !== 'docx' && format !== 'xlsx')
        throw new AppError('VALIDATION', '--out must end in .docx or .xlsx', { fields: [{ path: 'out', code: 'invalid_choice' }] });
      const file = await call('hq.digest.document', { period: o.period, provinceId: localityId(o.locality), format, date: o.date });
      const written = write(o.out, file.base64);
      print(Boolean(o.json), { path: written, fileName: file.fileName }, () => `Wrote ${written}`);
    });
}
