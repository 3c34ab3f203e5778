/**
 * `activity import` / `agreement import`: a sheet read like the import dialog does (columns
 * mapped by their headers, or by hand with --map), every row planned, and the new records
 * written unless --dry-run.
 * `activity template` / `agreement template` / `partner template` write the template workbook.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/contract';
import { RECORD_IMPORT_FIELDS, type RecordImportEntity, type RecordImportPreview } from '../../shared/domain/record-import';
import { AppError } from '../../shared/errors';
import { translate } from '../../shared/i18n';
import { importTemplate } from '../services/import-template';
import { setExitCode } from './exchange';

type Call = <C extends ChannelName>(channel: C, input: ChannelInput<C>) => Promise<ChannelOutput<C>>;
type Print = (json: boolean, value: unknown, text: () => string) => void;

/** 0: records created (or, with --dry-run, would be); 2: no row could be read; 3: nothing new (every row imported before or a duplicate). */
export const RECORD_IMPORT_EXIT = { imported: 0, unreadable: 2, nothingNew: 3 } as const;

export function recordImportExitCode(counts: RecordImportPreview['counts']): number {
  if (counts.create > 0) return RECORD_IMPORT_EXIT.imported;
  return counts.imported + counts.duplicate > 0 ? RECORD_IMPORT_EXIT.nothingNew : RECORD_IMPORT_EXIT.unreadable;
}

/** `--map "Tên cột=title"` (repeatable): the column named before the last "=" read as the field after it. */
export function mappingOverride(entity: RecordImportEntity, maps: readonly string[]): Record<string, string> {
  const fields: readonly string[] = RECORD_IMPORT_FIELDS[entity];
  const override: Record<string, string> = {};
  for (const map of maps) {
    const at = map.lastIndexOf('=');
    const column = map.slice(0, at).trim();
    const field = map.slice(at + 1).trim();
    if (at < 1 || !column || !fields.includes(field)) {
      throw new AppError('VALIDATION', `--map "${map}": write "column header=field", the field one of ${fields.join(', ')}`);
    }
    override[field] = column;
  }
  return override;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function describe(entity: RecordImportEntity, preview: RecordImportPreview, dryRun: boolean): string {
  const c = preview.counts;
  const label = (field: string) => translate('vi', `recordImport.${entity}Field.${field}`);
  const lines = [
    `${preview.totalRows} rows: ${dryRun ? 'would create' : 'created'} ${c.create}, imported before ${c.imported}, duplicates ${c.duplicate}, unreadable ${c.problem}`,
  ];
  const names = preview.newOrganisations;
  if (names.length)
    lines.push(`${names.length} new organisations${dryRun ? ' to create' : ' created'}: ${names.slice(0, 20).join('; ')}${names.length > 20 ? '; …' : ''}`);
  for (const row of preview.rows) {
    for (const p of row.problems) lines.push(`line ${row.line}: ${label(p.field)} “${row.cells[p.field] ?? ''}”: ${translate('en', `validation.${p.code}`)}`);
  }
  return lines.join('\n');
}

export function addRecordImportCommands(program: Command, activity: Command, call: Call, print: Print): void {
  const agreement = program.command('agreement').description('agreements');
  for (const [entity, group] of [
    ['activity', activity],
    ['agreement', agreement],
  ] as const) {
    group
      .command('import')
      .description(
        `import ${entity === 'activity' ? 'activities' : 'agreements'} from a sheet (.xlsx or .csv), columns mapped by their headers; a file imported again creates nothing twice`,
      )
      .argument('<file>', 'the .xlsx or .csv file')
      .option('--dry-run', 'read and plan every row, write nothing')
      .option(
        '--map <column=field>',
        `read a column as a field, the others mapped by their headers (repeatable); fields: ${RECORD_IMPORT_FIELDS[entity].join(', ')}`,
        collect,
        [],
      )
      .option('--json', 'print JSON')
      .action(async (file: string, o: { dryRun?: boolean; json?: boolean; map: string[] }) => {
        const input = {
          entity,
          fileName: path.basename(file),
          dataBase64: fs.readFileSync(path.resolve(file)).toString('base64'),
          mappingOverride: mappingOverride(entity, o.map),
        };
        let preview: RecordImportPreview;
        try {
          preview = await call('recordImport.preview', input);
        } catch (error) {
          // A file refused as a whole (not a table, too large, a formula, no title column): no row could be read.
          if (!(error instanceof AppError && error.code.startsWith('IMPORT_'))) throw error;
          process.stderr.write(`cau-noi: ${error.code}: ${error.message}\n`);
          setExitCode(program, RECORD_IMPORT_EXIT.unreadable);
          return;
        }
        if (!o.dryRun && preview.counts.create > 0) await call('recordImport.commit', { ...input, mapping: preview.mapping });
        const dryRun = Boolean(o.dryRun);
        print(
          Boolean(o.json),
          {
            entity,
            file: input.fileName,
            dryRun,
            mapping: preview.mapping,
            totalRows: preview.totalRows,
            counts: preview.counts,
            newOrganisations: preview.newOrganisations,
            rows: preview.rows,
          },
          () => describe(entity, preview, dryRun),
        );
        setExitCode(program, recordImportExitCode(preview.counts));
      });
    group
      .command('template')
      .description('write the import template (.xlsx): the columns read and a filled example row')
      .argument('<file>', 'where to write it')
      .action(async (file: string) => {
        fs.writeFileSync(path.resolve(file), await importTemplate(entity));
      });
  }
  program
    .command('partner')
    .description('partners')
    .command('template')
    .description('write the partner import template (.xlsx): organisations and their people, with a filled example row')
    .argument('<file>', 'where to write it')
    .action(async (file: string) => {
      fs.writeFileSync(path.resolve(file), await importTemplate('partner'));
    });
}
