/**
 * `device` commands and the enrolment additions to `hq` and `batch` (docs/cli.md#device):
 * invitations, a head's hand-over, HQ's key rotation. Signed files are written where --out says.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/contract';
import { AppError } from '../../shared/errors';

type Call = <C extends ChannelName>(channel: C, input: ChannelInput<C>) => Promise<ChannelOutput<C>>;
type Print = (json: boolean, value: unknown, text: () => string) => void;

export function readSignedFileText(file: string): string {
  try {
    return fs.readFileSync(path.resolve(file), 'utf8');
  } catch (error) {
    throw new AppError('EXCHANGE_FILE_UNREADABLE', `Cannot read ${file}: ${(error as Error).message}`, { params: { file } });
  }
}

/** Writes a signed file to `out` (a file, or an existing folder to put it in under its own name). */
function writeOut(out: string, file: { fileName: string; text: string }): string {
  const resolved = path.resolve(out);
  const target = fs.existsSync(resolved) && fs.statSync(resolved).isDirectory() ? path.join(resolved, file.fileName) : resolved;
  fs.writeFileSync(target, file.text, { mode: 0o600 });
  return target;
}

function subcommand(program: Command, name: string): Command {
  return program.commands.find((c) => c.name() === name)!;
}

export function addEnrolCommands(program: Command, call: Call, print: Print): void {
  const device = subcommand(program, 'device');
  device
    .command('invite')
    .description('head: write a signed invitation a staff computer sets up from (cau-noi init --invitation FILE)')
    .requiredOption('--name <name>', 'the person invited')
    .requiredOption('--out <file>', 'file to write (or an existing folder)')
    .option('--days <n>', 'days the invitation is valid', '14')
    .option('--json', 'print JSON')
    .action(async (o: { name: string; out: string; days: string; json?: boolean }) => {
      const days = Number(o.days);
      if (!Number.isInteger(days) || days < 1 || days > 90) throw new AppError('VALIDATION', '--days takes a whole number from 1 to 90');
      const written = await call('enrol.invite', { name: o.name, days });
      const target = writeOut(o.out, written);
      print(
        Boolean(o.json),
        { path: target, expiresAt: written.expiresAt },
        () => `Wrote the invitation for ${o.name} to ${target} (valid until ${written.expiresAt.slice(0, 10)})`,
      );
    });
  device
    .command('invitations')
    .description('the invitations this head wrote, and which were used')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const list = await call('enrol.invitations', {});
      print(
        Boolean(o.json),
        list,
        () =>
          list.map((i) => `${i.name}\t${i.usedBy ? `used ${i.usedAt!.slice(0, 10)} by ${i.usedBy}` : `expires ${i.expiresAt.slice(0, 10)}`}`).join('\n') ||
          'No invitations.',
      );
    });
  device
    .command('handover')
    .description('outgoing head: write a signed file of the devices this computer trusts and its receivers, for the new head')
    .requiredOption('--out <file>', 'file to write (or an existing folder)')
    .option('--json', 'print JSON')
    .action(async (o: { out: string; json?: boolean }) => {
      const target = writeOut(o.out, await call('enrol.handover', {}));
      const id = await call('exchange.identity', {});
      print(
        Boolean(o.json),
        { path: target, fingerprint: id.fingerprint },
        () => `Wrote the hand-over to ${target}\nRead this fingerprint to the new head: ${id.fingerprint}`,
      );
    });
  device
    .command('accept-handover')
    .description("new head: trust the devices and receivers of the outgoing head's hand-over")
    .argument('<file>', 'hand-over file')
    .option('--fingerprint <fingerprint>', "the outgoing head's fingerprint, compared with them (not needed if its computer is trusted here)")
    .option('--json', 'print JSON')
    .action(async (file: string, o: { fingerprint?: string; json?: boolean }) => {
      const result = await call('enrol.acceptHandover', { text: readSignedFileText(file), fingerprint: o.fingerprint });
      print(
        Boolean(o.json),
        result,
        () => `Accepted the hand-over of ${result.from.fingerprint}: ${result.devices} devices trusted, ${result.receivers} receivers saved`,
      );
    });

  subcommand(program, 'hq')
    .command('rotate-key')
    .description('take a new key (the old ones still decrypt batches sent to them) and write the key notice for the missions')
    .requiredOption('--out <file>', 'key notice file to write (or an existing folder)')
    .option('--json', 'print JSON')
    .action(async (o: { out: string; json?: boolean }) => {
      const rotated = await call('enrol.rotateKey', {});
      const target = writeOut(o.out, rotated);
      const { text: _text, ...shown } = rotated;
      print(
        Boolean(o.json),
        { ...shown, path: target },
        () =>
          `New recipient: ${rotated.recipient}\nprevious:      ${rotated.previousRecipient}\nfingerprint:   ${rotated.fingerprint}\nWrote the key notice to ${target}`,
      );
    });

  subcommand(program, 'batch')
    .command('receiver-key')
    .description("switch the saved HQ receiver to the new key of HQ's key notice (its chain continues)")
    .argument('<file>', 'key notice file')
    .option('--fingerprint <fingerprint>', "HQ's fingerprint, compared with what HQ published (not needed if HQ's computer is trusted here)")
    .option('--json', 'print JSON')
    .action(async (file: string, o: { fingerprint?: string; json?: boolean }) => {
      const receiver = await call('enrol.receiverKey', { text: readSignedFileText(file), fingerprint: o.fingerprint });
      print(
        Boolean(o.json),
        receiver,
        () => `${receiver.label} now sends to ${receiver.recipients.join(', ')}; the next batch is number ${receiver.lastBatchSeq + 1}`,
      );
    });
}
