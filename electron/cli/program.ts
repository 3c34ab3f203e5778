/**
 * cau-noi: the command-line tool over the same handlers (for HQ automation and tests).
 * JSON output is stable (docs/cli.md); errors go to stderr with a non-zero exit code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/contract';
import { KEY_FIGURES } from '../../shared/contract/figures';
import type { ActivityRow } from '../../shared/domain/activity';
import { AppError } from '../../shared/errors';
import { translate } from '../../shared/i18n';
import { AppContext } from '../context';
import { dispatch } from '../ipc/dispatch';
import { defaultDataDir } from '../paths';
import { importBackupFile } from '../services/backup';
import { securityStatus } from '../services/security';
import { DEMO_MISSION } from '../services/demo';
import { fillDemo } from '../services/demo-mission';
import { isIsoDate } from '../../shared/period';
import { addEnrolCommands, readSignedFileText } from './enrol';
import { addExchangeCommands, allMissionsReport, exitCodeOf, setExitCode } from './exchange';
import { addRecordImportCommands } from './imports';
import { addUpdateCommands } from './update';
import { APP_VERSION } from '../version';

export const EXIT = { ok: 0, error: 1, invalid: 2 } as const;
/** The passphrase of an encrypted data folder, for scripts (never a command-line argument: ps would show it). */
export const PASSPHRASE_ENV = 'CAU_NOI_PASSPHRASE';

const PASSPHRASE_REFUSALS = new Set(['WRONG_PASSPHRASE', 'TOO_MANY_ATTEMPTS', 'KEYINFO_DAMAGED', 'PASSPHRASE_CHANGE_INTERRUPTED']);

function print(json: boolean, value: unknown, text: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text()}\n`);
}

function readJsonInput(source: string): unknown {
  const raw = source === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(path.resolve(source), 'utf8');
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new AppError('VALIDATION', `Not valid JSON in ${source === '-' ? 'standard input' : source}: ${(error as Error).message}`);
  }
}

function rowLine(r: ActivityRow): string {
  const date = `${r.startDate.slice(8, 10)}/${r.startDate.slice(5, 7)}/${r.startDate.slice(0, 4)}`;
  return `${date}  ${translate('vi', `enum.activityKind.${r.kind}`).padEnd(28)}  ${r.title}  [${r.id}]`;
}

/** The program, and how to close the data folder it opened (after success or failure alike). */
export function buildProgram(): { program: Command; close(): void } {
  const program = new Command('cau-noi')
    .description('Cầu Nối: economic-diplomacy records of a Vietnamese mission')
    .version(APP_VERSION)
    .option('--data-dir <dir>', 'data folder (default: CAU_NOI_DATA_DIR or the app data folder)')
    .showHelpAfterError();

  let context: AppContext | null = null;
  const app = () => {
    if (!context) {
      const dir = program.opts<{ dataDir?: string }>().dataDir;
      context = new AppContext({ dataDir: dir ? path.resolve(dir) : defaultDataDir(), transport: 'cli', appVersion: APP_VERSION });
    }
    return context;
  };
  async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
    const result = await dispatch(app(), channel, input);
    if (!result.ok) throw AppError.from(result.error);
    return result.value as ChannelOutput<C>;
  }
  const passphrase = () => process.env[PASSPHRASE_ENV] || undefined;
  // An encrypted folder is unlocked from the environment; a damaged one stays locked with its
  // problem recorded, so that `backup --list` and `restore` still work.
  program.hook('preAction', async (_program, action) => {
    // Update packages are made and checked without a data folder (the Ministry's signing computer has none).
    if (action.parent?.name() === 'update') return;
    const ctx = app();
    const given = passphrase();
    if (ctx.locked && ctx.encrypted && given) {
      const result = await dispatch(ctx, 'security.unlock', { passphrase: given });
      // A database that cannot be opened stays locked with its problem (for backup and restore); the rest is refused here.
      if (!result.ok && PASSPHRASE_REFUSALS.has(result.error.code)) throw AppError.from(result.error);
    }
    const lost = ctx.locked ? null : securityStatus(ctx).lostWrites;
    if (lost) {
      process.stderr.write(
        `cau-noi: warning: writes made after ${lost.keptUntil ?? 'the start'} and up to ${lost.lastWriteAt} may be missing (the write-ahead log was lost or damaged after a crash). Newest backup: ${lost.backup?.file ?? 'none'}\n`,
      );
    }
  });

  program
    .command('init')
    .description('set up the data folder for a mission (or join one with --invitation)')
    .option('--invitation <file>', "a staff computer: the head's invitation file (the mission comes from it)")
    .option('--code <code>', 'mission code, e.g. DSQ-JP')
    .option('--name-vi <name>', 'Vietnamese name')
    .option('--name-en <name>', 'English name')
    .option('--kind <kind>', 'embassy | consulate-general | consulate | permanent-mission | other')
    .option('--country <code>', 'host country, ISO 3166-1 alpha-2')
    .option('--city <city>', 'city')
    .option('--user <name>', 'user name', 'Cán bộ')
    .option('--role <role>', 'staff | head', 'staff')
    .option('--mode <mode>', 'mission | hq', 'mission')
    .option('--json', 'print JSON')
    .action(async (o: Record<string, string | boolean | undefined>) => {
      // Without an invitation the mission is typed: every one of its options is needed.
      const missing = o.invitation ? [] : ['code', 'nameVi', 'nameEn', 'kind', 'country', 'city'].filter((k) => o[k] === undefined);
      if (missing.length)
        throw new AppError(
          'VALIDATION',
          `Give the mission (${missing.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ')}) or --invitation FILE`,
        );
      const given = passphrase();
      if (given && !app().encrypted) await call('security.enable', { passphrase: given });
      const invitation = o.invitation ? readSignedFileText(String(o.invitation)) : null;
      const head = invitation ? (await call('enrol.preview', { text: invitation })).head : null;
      const state = invitation
        ? await call('enrol.join', { text: invitation, user: { name: String(o.user) } })
        : await call('app.setup', {
            mode: o.mode as 'mission',
            mission: {
              code: String(o.code),
              nameVi: String(o.nameVi),
              nameEn: String(o.nameEn),
              kind: o.kind as 'embassy',
              country: String(o.country),
              city: String(o.city),
            },
            user: { name: String(o.user), role: o.role as 'staff' },
          });
      print(Boolean(o.json), state, () =>
        [
          `Set up ${state.mission?.code} (${state.mission?.nameVi}) in ${state.dataDir}`,
          ...(head ? [`Trusted the head's computer, fingerprint ${head.fingerprint}: compare it with the one the head reads to you`] : []),
        ].join('\n'),
      );
    });

  const activity = program.command('activity').description('activities');
  activity
    .command('add')
    .description('add an activity from a JSON object, or an array of them (all saved, or none)')
    .requiredOption('--json <file>', "JSON file, or '-' for standard input")
    .action(async (o: { json: string }) => {
      const input = readJsonInput(o.json);
      const created = Array.isArray(input)
        ? await call('activity.createMany', input as ChannelInput<'activity.createMany'>)
        : await call('activity.create', input as ChannelInput<'activity.create'>);
      process.stdout.write(`${JSON.stringify(created, null, 2)}\n`);
    });
  activity
    .command('list')
    .description('list activities, newest first')
    .option('--period <period>', 'e.g. 2025S1, 2025Q3, 2025')
    .option('--limit <n>', 'at most this many rows', '1000')
    .option('--json', 'print JSON')
    .action(async (o: { period?: string; limit: string; json?: boolean }) => {
      const page = await call('activity.list', { filter: o.period ? { period: o.period } : {}, limit: Number(o.limit) });
      print(Boolean(o.json), page, () => [`${page.total} activities`, ...page.rows.map(rowLine)].join('\n'));
    });

  activity
    .command('get')
    .description('print one activity as JSON, exactly as stored')
    .argument('<id>', 'the activity id')
    .action(async (id: string) => {
      process.stdout.write(`${JSON.stringify(await call('activity.get', { id }), null, 2)}\n`);
    });

  program
    .command('search')
    .description('search every record; diacritics and case are ignored')
    .argument('<text...>', 'what to look for')
    .option('--json', 'print JSON')
    .action(async (words: string[], o: { json?: boolean }) => {
      const result = await call('search.query', { text: words.join(' ') });
      print(Boolean(o.json), result.hits, () => result.hits.map((h) => `${h.entity}\t${h.date ?? ''}\t${h.title}\t${h.id}`).join('\n') || 'No results.');
    });

  program
    .command('demo')
    .description('fill the data folder with a realistic demo mission (sets it up if needed)')
    .option('--activities <n>', 'number of activities', '600')
    .option('--seed <n>', 'random seed', '2025')
    .option('--today <date>', 'the day the demo mission is at (yyyy-MM-dd; default: today)')
    .option('--json', 'print JSON')
    .action(async (o: { activities: string; seed: string; today?: string; json?: boolean }) => {
      const count = Number(o.activities);
      if (!Number.isInteger(count) || count < 0) throw new AppError('VALIDATION', '--activities takes a whole number');
      const today = o.today ?? new Date().toISOString().slice(0, 10);
      if (!isIsoDate(today)) throw new AppError('VALIDATION', '--today takes a date written yyyy-MM-dd');
      const ctx = app();
      if (!ctx.missionId()) {
        // Like init: a new folder is encrypted from the start when a passphrase is given.
        const given = passphrase();
        if (given && !ctx.encrypted) await call('security.enable', { passphrase: given });
        await call('app.setup', { mode: 'mission', mission: DEMO_MISSION, user: { name: 'Nguyễn Thu Hà', role: 'head' } });
      }
      const started = Date.now();
      const added = fillDemo(ctx, { activities: count, seed: Number(o.seed), today });
      const summary = { ...added, dataDir: ctx.options.dataDir, tookMs: Date.now() - started };
      print(
        Boolean(o.json),
        summary,
        () =>
          `Added a demo mission to ${summary.dataDir} in ${summary.tookMs} ms: ${summary.activities} activities, ${summary.organisations} partners, ${summary.contacts} contacts, ${summary.agreements} agreements, ${summary.followups} follow-ups`,
      );
    });

  program
    .command('encrypt')
    .description(`encrypt a data folder that has no passphrase yet (passphrase from ${PASSPHRASE_ENV})`)
    .action(async () => {
      const given = passphrase();
      if (!given) throw new AppError('PASSPHRASE_REQUIRED', `Set ${PASSPHRASE_ENV} to the new passphrase`);
      await call('security.enable', { passphrase: given });
      process.stdout.write(`Encrypted ${app().options.dataDir}\n`);
    });

  program
    .command('backup')
    .description('back up the database now (encrypted like it), or list the backups')
    .option('--list', 'list the backups, newest first')
    .option('--json', 'print JSON')
    .action(async (o: { list?: boolean; json?: boolean }) => {
      if (o.list) {
        const list = await call('backup.list', {});
        print(Boolean(o.json), list, () => list.map((b) => `${b.file}\t${b.createdAt}\t${b.reason}\t${b.bytes}`).join('\n') || 'No backups.');
        return;
      }
      const made = await call('backup.create', {});
      print(Boolean(o.json), made, () => `Backed up to ${path.join(app().options.dataDir, 'backups', made.file)}`);
    });

  program
    .command('restore')
    .description(`replace the database by a backup after an integrity check (a name from "backup --list", or a backup file elsewhere)`)
    .argument('<file>', 'backup name or path')
    .option('--json', 'print JSON')
    .action(async (file: string, o: { json?: boolean }) => {
      const ctx = app();
      const name = fs.existsSync(file) ? importBackupFile(ctx.options.dataDir, path.resolve(file)) : file;
      const restored = await call('backup.restore', { file: name, passphrase: passphrase() });
      print(Boolean(o.json), restored, () => `Restored the backup of ${restored.createdAt} into ${ctx.options.dataDir}`);
    });

  program
    .command('report')
    .description("a period's figures (docs/figures.md), and the report as .docx or its .xlsx annex")
    .requiredOption('--period <period>', 'e.g. 2025S1, 2025S2, 2025Q3, 2025, 2025-01-15..2025-04-30')
    .option('--json', 'print the figures as JSON')
    .option('--docx <file>', "write the period's report (its latest saved one, else a blank one) as .docx")
    .option('--xlsx <file>', 'write the annex listing every activity and agreement behind the figures')
    .option('--all-missions', 'HQ: consolidated figures of every mission, by mission and by region (--xlsx writes them)')
    .action(async (o: { period: string; json?: boolean; docx?: string; xlsx?: string; allMissions?: boolean }) => {
      if (o.allMissions) return allMissionsReport(call, print, o);
      for (const format of ['docx', 'xlsx'] as const) {
        const target = o[format];
        if (!target) continue;
        const file = await call('report.document', { period: o.period, format });
        fs.writeFileSync(path.resolve(target), Buffer.from(file.base64, 'base64'));
        if (!o.json) process.stdout.write(`Wrote ${path.resolve(target)}\n`);
      }
      if (!o.json && (o.docx || o.xlsx)) return;
      const figures = await call('figures.compute', { period: o.period });
      print(Boolean(o.json), figures, () =>
        KEY_FIGURES.map((key) => {
          const f = figures.key[key];
          return `${translate('vi', `figures.${key}`)}: ${f.value} (${figures.previousPeriod}: ${f.previous}, ${f.change >= 0 ? '+' : ''}${f.change})`;
        }).join('\n'),
      );
    });

  addExchangeCommands(program, app, call, print);
  addEnrolCommands(program, call, print);
  addRecordImportCommands(program, activity, call, print);
  addUpdateCommands(program, print, (code) => setExitCode(program, code));

  return { program, close: () => context?.close() };
}

export async function runCli(argv: string[]): Promise<number> {
  const { program, close } = buildProgram();
  program.exitOverride();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCodeOf(program) ?? EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.invalid;
    if (error instanceof AppError) {
      process.stderr.write(`cau-noi: ${error.code}: ${error.message}\n`);
      if (error.code === 'LOCKED') process.stderr.write(`  Set ${PASSPHRASE_ENV} to the passphrase of this data folder.\n`);
      for (const f of error.fields ?? []) process.stderr.write(`  ${f.path}: ${translate('en', `validation.${f.code}`)}\n`);
      return error.code === 'VALIDATION' ? EXIT.invalid : EXIT.error;
    }
    process.stderr.write(`cau-noi: INTERNAL: ${(error as Error).message}\n`);
    return EXIT.error;
  } finally {
    close();
  }
}
