/**
 * `batch` and `hq` commands (docs/cli.md#batch): exchange batch files for HQ's automation.
 * Exit codes tell imported (0), nothing new (3) and rejected (4) apart.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/contract';
import { KEY_FIGURES } from '../../shared/contract/figures';
import type { RegisterEntry } from '../../shared/contract/register';
import { MISSION_KINDS } from '../../shared/domain/enums';
import type { AckResult, HqMission, ImportReport, KnownDevice } from '../../shared/domain/exchange';
import { AppError } from '../../shared/errors';
import { translate } from '../../shared/i18n';
import type { AppContext } from '../context';
import { ACK_EXTENSION } from '../services/exchange/ack';
import { deviceKeys } from '../services/exchange/crypto';
import { regionName } from '../../shared/regions';
import { addHqReportCommands } from './hq-report';

export const BATCH_EXIT = { imported: 0, nothingNew: 3, rejected: 4 } as const;

/** Exit codes set by commands that finished but have something to tell (read by runCli). */
const exitCodes = new WeakMap<Command, number>();
export function exitCodeOf(program: Command): number | undefined {
  return exitCodes.get(program);
}
/** A command's exit code when it succeeds with an outcome other than 0 (nothing new, nothing read). */
export function setExitCode(program: Command, code: number): void {
  exitCodes.set(program, code);
}

type Call = <C extends ChannelName>(channel: C, input: ChannelInput<C>) => Promise<ChannelOutput<C>>;
type Print = (json: boolean, value: unknown, text: () => string) => void;

export function importExitCode(reports: readonly ImportReport[]): number {
  if (reports.some((r) => r.status === 'refused')) return BATCH_EXIT.rejected;
  if (reports.every((r) => r.status === 'duplicate')) return BATCH_EXIT.nothingNew;
  return BATCH_EXIT.imported;
}

function reportLine(r: ImportReport): string {
  const b = r.batch;
  const who = b ? `${b.missionCode} batch ${b.sequence} from ${b.author || '?'} (device ${b.deviceId}, ${b.fingerprint})` : '';
  const counts = Object.entries(r.summary)
    .map(([entity, s]) => `${entity}: ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.conflicts} conflicts`)
    .join('; ');
  const why = r.error ? `\n  ${r.error.code}: ${r.error.message}` : '';
  return `${r.status.padEnd(9)} ${r.file}  ${who}${counts ? `\n  ${counts}` : ''}${why}`;
}

function ackLine(file: string, r: AckResult): string {
  return `acknowledged ${file}: ${r.acknowledged} batches acknowledged, ${r.removedFiles} outbox files removed, ${r.keptFiles} kept until a newer backup`;
}

function batchFiles(args: readonly string[]): { files: { path: string }[]; folders: string[] } {
  const folders = args.filter((a) => fs.existsSync(a) && fs.statSync(a).isDirectory());
  return { files: args.filter((a) => !folders.includes(a)).map((a) => ({ path: path.resolve(a) })), folders };
}

export function addExchangeCommands(program: Command, app: () => AppContext, call: Call, print: Print): void {
  const batch = program.command('batch').description('signed, encrypted exchange batch files (docs/exchange-format.md)');
  batch
    .command('export')
    .description('write a batch of every change not yet sent to the receiver')
    .requiredOption('--out <file>', 'file to write (or an existing folder)')
    .option('--to <recipient...>', "receiver's age recipient (age1…); default: the only receiver used before")
    .option('--label <name>', 'name to remember the receiver by')
    .option('--receiver <id>', 'a receiver used before, by its id (see --json output of export)')
    .option('--resend <sequences>', 'write again the batches SEQ[,SEQ…] the receiver reports missing (into the folder --out)')
    .option('--stream <sha256>', 'with --resend: the stream the receiver named (default: the current one)')
    .option('--json', 'print JSON')
    .action(async (o: { out: string; to?: string[]; label?: string; receiver?: string; resend?: string; stream?: string; json?: boolean }) => {
      let receiverId = o.receiver;
      if (!o.to?.length && !receiverId) {
        const saved = await call('exchange.receivers', {});
        if (saved.length !== 1) {
          throw new AppError(
            'EXCHANGE_BAD_RECIPIENT',
            `Give the receiver with --to age1… (${saved.length} receivers used before: ${saved.map((r) => r.label).join(', ') || 'none'})`,
          );
        }
        receiverId = saved[0]!.id;
      }
      if (o.resend !== undefined) {
        const sequences = o.resend.split(',').map((s) => Number(s.trim()));
        if (sequences.some((n) => !Number.isInteger(n) || n < 1)) {
          throw new AppError('VALIDATION', `--resend takes batch numbers separated by commas, e.g. 3,4: ${o.resend}`, {
            fields: [{ path: 'resend', code: 'invalid' }],
          });
        }
        fs.mkdirSync(path.resolve(o.out), { recursive: true });
        const resent = await call('exchange.resend', { recipients: o.to ?? [], receiverId, sequences, stream: o.stream, out: o.out });
        print(Boolean(o.json), resent, () => resent.map((r) => `Wrote batch ${r.sequence} again to ${r.path}`).join('\n'));
        return;
      }
      const result = await call('exchange.export', { recipients: o.to ?? [], receiverId, label: o.label, out: o.out });
      print(Boolean(o.json), result, () =>
        [
          `Wrote batch ${result.sequence} (${result.changeCount} changes) to ${result.path}`,
          ...(result.remaining > 0 ? [`${result.remaining} changes are left for the next batch (size limit): run export again`] : []),
        ].join('\n'),
      );
    });
  batch
    .command('verify')
    .description('decrypt and check a batch (signatures, hashes, chain, authority, values) and show what importing it would do; writes nothing')
    .argument('<file>', 'batch file')
    .option('--json', 'print JSON')
    .action(async (file: string, o: { json?: boolean }) => {
      const [report] = await call('exchange.import', { files: [{ path: path.resolve(file) }], dryRun: true });
      print(Boolean(o.json), report, () => reportLine(report!));
      exitCodes.set(program, importExitCode([report!]));
    });
  batch
    .command('import')
    .description('import batch files (or every .age file of a folder), each in one transaction')
    .argument('<files...>', 'batch files or folders')
    .option('--dry-run', 'only show what would change')
    .option('--json', 'print JSON')
    .action(async (args: string[], o: { dryRun?: boolean; json?: boolean }) => {
      const { files: given, folders } = batchFiles(args);
      // Acknowledgements from a receiver may travel with the batches: they are read as such.
      const acks = given.filter((f) => f.path.endsWith(ACK_EXTENSION));
      const files = given.filter((f) => !acks.includes(f));
      for (const file of acks) {
        const r = await call('exchange.ackImport', { file });
        if (!o.json) process.stdout.write(`${ackLine(file.path, r)}\n`);
      }
      const reports: ImportReport[] = [];
      if (files.length) reports.push(...(await call('exchange.import', { files, dryRun: Boolean(o.dryRun) })));
      for (const folder of folders) reports.push(...(await call('exchange.import', { folder, dryRun: Boolean(o.dryRun) })));
      if (reports.length === 0 && acks.length > 0) return;
      print(Boolean(o.json), reports, () => reports.map(reportLine).join('\n'));
      exitCodes.set(program, importExitCode(reports));
    });
  batch
    .command('ack')
    .description('write the signed acknowledgement of every batch applied here, for the senders (their outbox copies go once a backup newer than it exists)')
    .requiredOption('--out <file>', `file to write (ends in ${ACK_EXTENSION})`)
    .option('--json', 'print JSON')
    .action(async (o: { out: string; json?: boolean }) => {
      const ack = await call('exchange.ack', {});
      const target = path.resolve(o.out.endsWith(ACK_EXTENSION) ? o.out : `${o.out}${ACK_EXTENSION}`);
      fs.writeFileSync(`${target}.part`, ack.text);
      fs.renameSync(`${target}.part`, target);
      print(Boolean(o.json), { path: target, streams: ack.streams }, () => `Wrote the acknowledgement of ${ack.streams} streams to ${target}`);
    });
  batch
    .command('ack-import')
    .description("read a receiver's acknowledgement: the batches it lists leave the outbox")
    .argument('<file>', `acknowledgement file (${ACK_EXTENSION})`)
    .option('--json', 'print JSON')
    .action(async (file: string, o: { json?: boolean }) => {
      const r = await call('exchange.ackImport', { file: { path: path.resolve(file) } });
      print(Boolean(o.json), r, () => ackLine(file, r));
    });
  batch
    .command('missing')
    .description(
      'batches this computer lacks from each sender (device, stream, sequences): send the list to the mission, which writes them again with export --resend',
    )
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const missing = await call('exchange.missing', {});
      print(
        Boolean(o.json),
        missing,
        () =>
          missing.map((m) => `${m.missionCode.padEnd(12)} device ${m.deviceId} stream ${m.stream}: missing ${m.missing.join(', ')}`).join('\n') ||
          'No batch is missing.',
      );
    });

  const hq = program.command('hq').description("HQ: keys, trusted devices, missions' batches");
  hq.command('keygen')
    .description("show this installation's key (created on first use): the age recipient to publish and the fingerprint")
    .option('--identity-out <file>', 'also write the age identity (secret!) for the standard `age -d -i FILE` tool')
    .option('--json', 'print JSON')
    .action(async (o: { identityOut?: string; json?: boolean }) => {
      const id = await call('exchange.identity', {});
      if (o.identityOut) {
        const keys = await deviceKeys(app().db, app().deviceId);
        fs.writeFileSync(path.resolve(o.identityOut), `# Cầu Nối device ${keys.deviceId}\n# public key: ${keys.recipient}\n${keys.identity}\n`, {
          mode: 0o600,
        });
      }
      print(Boolean(o.json), id, () => `recipient:   ${id.recipient}\nfingerprint: ${id.fingerprint}\ndevice:      ${id.deviceId}`);
    });
  hq.command('trust')
    .description('trust a device after comparing its fingerprint (or the device that signed a batch file)')
    .argument('<fingerprint-or-file>', 'fingerprint as shown by the sender, or a batch file')
    .option('--json', 'print JSON')
    .action(async (what: string, o: { json?: boolean }) => {
      const isFile = fs.existsSync(what) && fs.statSync(what).isFile();
      const device = await call('exchange.trust', isFile ? { file: { path: path.resolve(what) } } : { fingerprint: what });
      print(Boolean(o.json), device, () => `Trusted ${device.missionCode} device ${device.deviceId} (${device.fingerprint})`);
    });
  hq.command('missions')
    .description('every expected mission and every mission heard from: state for the period, last batch, missing batches, lag, devices')
    .option('--period <period>', 'period whose report is awaited (default: the last half-year ended)')
    .option('--as-of <date>', 'judge lateness on this day (yyyy-MM-dd; default: today)')
    .option('--json', 'print JSON')
    .action(async (o: { period?: string; asOf?: string; json?: boolean }) => {
      const missions = await call('hq.missions', { period: o.period, asOf: o.asOf });
      print(Boolean(o.json), missions, () => missions.map(missionLines).join('\n') || 'No mission expected or heard from.');
    });
  addRegisterCommands(hq, call, print);
  addHqReportCommands(hq, call, print);
  addDeviceCommands(program, call, print);
}

function deviceLine(d: KnownDevice): string {
  const state =
    d.state === 'revoked'
      ? `revoked ${d.revokedAt!.slice(0, 10)} by ${d.revokedBy}: ${d.revokedReason}`
      : d.state === 'trusted'
        ? `trusted ${d.trustedAt!.slice(0, 10)} by ${d.trustedBy}`
        : `waiting since ${d.firstSeen.slice(0, 10)}`;
  return `${d.deviceId}  ${d.missionCode.padEnd(12)} ${(d.fingerprint || '-').padEnd(39)} ${d.via.padEnd(11)} ${state}`;
}

/** `device list|revoke|replace`: the devices this computer knows, over time (docs/exchange-format.md, Revocation). */
function addDeviceCommands(program: Command, call: Call, print: Print): void {
  const device = program
    .command('device')
    .description("devices over time: list, revoke a lost laptop, replace one, invite a staff computer, the head's hand-over");
  device
    .command('list')
    .description('every device known here: id, mission, fingerprint, trusted directly or through a certificate, state')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const devices = await call('exchange.devices', {});
      print(Boolean(o.json), devices, () => devices.map(deviceLine).join('\n') || 'No device known yet.');
    });
  device
    .command('revoke')
    .description('revoke a device: its later batches and lines are refused, what it sent before keeps counting (no undo)')
    .argument('<id>', 'device id or fingerprint')
    .requiredOption('--reason <text>', 'why (shown wherever its batches are refused)')
    .option('--json', 'print JSON')
    .action(async (id: string, o: { reason: string; json?: boolean }) => {
      const revoked = await call('exchange.revoke', { device: id, reason: o.reason });
      print(Boolean(o.json), revoked, () => `Revoked ${deviceLine(revoked)}`);
    });
  device
    .command('replace')
    .description("trust a new device (seen here, waiting) for the old one's mission and revoke the old one, in one step")
    .argument('<old>', 'device id or fingerprint of the replaced device')
    .requiredOption('--by <fingerprint>', 'fingerprint of the new device, compared with its user')
    .option('--json', 'print JSON')
    .action(async (old: string, o: { by: string; json?: boolean }) => {
      const result = await call('exchange.replace', { device: old, by: o.by });
      print(Boolean(o.json), result, () => `Trusted ${deviceLine(result.trusted)}\nRevoked ${deviceLine(result.revoked)}`);
    });
}

function missionLines(m: HqMission): string {
  const last = m.lastBatch ? `batch ${m.lastBatch.sequence} of ${m.lastBatch.createdAt.slice(0, 10)}, ${m.lagDays} days ago` : 'no batch';
  const notes = [
    ...m.gaps.flatMap((g) => g.missing.map((s) => `batch ${s} from device ${g.deviceId} is missing`)),
    ...(m.batchesHeld ? [`${m.batchesHeld} batches held`] : []),
    ...(m.batchesRefused ? [`${m.batchesRefused} batches refused`] : []),
    ...(m.devicesWaiting ? [`${m.devicesWaiting} devices waiting for trust`] : []),
    ...(m.devicesRevoked ? [`${m.devicesRevoked} devices revoked`] : []),
    ...(m.registered ? [] : ['not in the register']),
  ];
  return [`${m.code.padEnd(12)} ${m.state.padEnd(8)} ${m.nameVi}: ${last}`, ...notes.map((n) => `  ${n}`)].join('\n');
}

/** `hq register list|add|edit|remove`: HQ's register of expected missions. */
function addRegisterCommands(hq: Command, call: Call, print: Print): void {
  const register = hq.command('register').description('the missions HQ expects reports from (seeded from resources/reference/missions.json)');
  const line = (m: RegisterEntry) => `${m.code.padEnd(12)} ${m.kind.padEnd(18)} ${m.country} ${m.city.padEnd(16)} ${m.nameVi}`;
  const missionOptions = (command: Command, required: boolean) => {
    const option = (flags: string, description: string) => (required ? command.requiredOption(flags, description) : command.option(flags, description));
    option('--name-vi <name>', 'Vietnamese name');
    option('--name-en <name>', 'English name');
    option('--kind <kind>', MISSION_KINDS.join(' | '));
    option('--country <code>', 'host country, ISO 3166-1 alpha-2');
    option('--city <city>', 'city');
    return command.option('--json', 'print JSON');
  };
  type MissionOptions = { code?: string; nameVi?: string; nameEn?: string; kind?: string; country?: string; city?: string; json?: boolean };
  const values = (o: MissionOptions, base?: RegisterEntry) =>
    ({
      code: o.code ?? base?.code,
      nameVi: o.nameVi ?? base?.nameVi,
      nameEn: o.nameEn ?? base?.nameEn,
      kind: o.kind ?? base?.kind,
      country: o.country ?? base?.country,
      city: o.city ?? base?.city,
    }) as ChannelInput<'hq.register.add'>;
  register
    .command('list')
    .description('every mission in the register, by code')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const list = await call('hq.register.list', {});
      print(Boolean(o.json), list, () => [`${list.length} missions`, ...list.map(line)].join('\n'));
    });
  missionOptions(
    register.command('add').description('add a mission to the register').argument('<code>', 'mission code, as its devices were set up (e.g. DSQ-JP)'),
    true,
  ).action(async (code: string, o: MissionOptions) => {
    const added = await call('hq.register.add', values({ ...o, code }));
    print(Boolean(o.json), added, () => `Added ${line(added)}`);
  });
  missionOptions(
    register
      .command('edit')
      .description('change a mission of the register (only the options given)')
      .argument('<code>', 'mission code')
      .option('--code <new>', 'new code'),
    false,
  ).action(async (code: string, o: MissionOptions) => {
    const current = (await call('hq.register.list', {})).find((m) => m.code === code.trim().toUpperCase());
    if (!current) throw new AppError('REGISTER_NOT_FOUND', `No mission ${code} in the register`, { params: { code } });
    const edited = await call('hq.register.edit', { code, values: values(o, current) });
    print(Boolean(o.json), edited, () => `Changed ${line(edited)}`);
  });
  register
    .command('remove')
    .description('remove a mission from the register (its records and batches stay)')
    .argument('<code>', 'mission code')
    .option('--json', 'print JSON')
    .action(async (code: string, o: { json?: boolean }) => {
      const removed = await call('hq.register.remove', { code });
      print(Boolean(o.json), removed, () => `Removed ${removed.code} from the register`);
    });
}

/** `report --period P --all-missions [--json | --xlsx FILE]`: HQ's consolidated figures. */
export async function allMissionsReport(call: Call, print: Print, o: { period: string; json?: boolean; xlsx?: string }): Promise<void> {
  if (o.xlsx) {
    const file = await call('hq.figuresXlsx', { period: o.period });
    fs.writeFileSync(path.resolve(o.xlsx), Buffer.from(file.base64, 'base64'));
    if (!o.json) {
      process.stdout.write(`Wrote ${path.resolve(o.xlsx)}\n`);
      return;
    }
  }
  const figures = await call('hq.figures', { period: o.period });
  print(Boolean(o.json), figures, () => {
    const label = (k: string) => translate('vi', `figures.${k}`);
    const total = KEY_FIGURES.map((k) => `${label(k)}: ${figures.total.key[k].value} (${figures.previousPeriod}: ${figures.total.key[k].previous})`);
    const missions = figures.byMission.map((m) => `  ${m.code.padEnd(12)} ${KEY_FIGURES.map((k) => `${k}=${m.key[k].value}`).join(' ')}`);
    const regions = figures.byRegion.map(
      (r) =>
        `  ${regionName(r.region).padEnd(22)} ${r.missions} missions, activitiesDone=${r.key.activitiesDone?.value ?? 0}, agreementsSigned=${r.key.agreementsSigned?.value ?? 0}`,
    );
    return [`All missions, ${figures.period}:`, ...total, 'By mission:', ...missions, 'By region:', ...regions].join('\n');
  });
}
